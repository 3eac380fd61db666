package dev.roster.sso;

/**
 * Why an SSO sign-in was refused: a stable reason for the audit log and the page, and a detail for the log that
 * never holds a token, a code or a state value.
 */
final class SsoFailure extends RuntimeException {

    /** The reasons, each with what the person is told to do. */
    enum Reason {
        BAD_STATE("This sign-in link has expired or was already used. Start signing in again."),
        PROVIDER_UNAVAILABLE("This sign-in option is not available. Ask your administrator."),
        IDP_ERROR("Your identity provider did not sign you in. Try again, or ask your administrator."),
        IDP_UNAVAILABLE("Your identity provider could not be reached. Try again in a few minutes."),
        BAD_TOKEN("Your identity provider's answer could not be verified. Ask your administrator to check the"
                + " SSO settings."),
        BAD_SIGNATURE("Your identity provider's answer was not signed by its keys. Ask your administrator."),
        WRONG_ISSUER(
                "The answer came from another identity provider than the one configured. Ask your" + " administrator."),
        WRONG_AUDIENCE("The answer was meant for another application. Ask your administrator."),
        EXPIRED_TOKEN("The answer had expired, or your device's clock or the provider's is wrong. Try again."),
        WRONG_NONCE("The answer did not belong to this sign-in. Start signing in again."),
        UNVERIFIED_EMAIL(
                "Your identity provider has not verified your email address. Verify it there, then try" + " again."),
        FOREIGN_DOMAIN("Your email address is not at one of this organization's verified domains. Sign in with"
                + " your work account."),
        USER_DEACTIVATED("Your account is deactivated. Ask your administrator."),
        USER_DELETED("Your account was deleted. Ask your administrator, who can restore it."),
        IDENTITY_CONFLICT("The account with your email is linked to another person at your identity provider. Ask"
                + " your administrator: they can remove the old sign-in from the account, and you can then sign in."),
        EMAIL_TAKEN("An account with your email exists elsewhere and cannot be made here. Ask your administrator."),
        LINKING_OFF("An account with your email already exists and signs in with a password. Sign in with your"
                + " password, or ask your administrator to allow linking."),
        NOT_INVITED("You have not been invited to this organization. Ask your administrator for an invitation."),
        JIT_OFF("Your organization does not create accounts at first sign-in. Ask your administrator to invite"
                + " you."),
        INVITATION_EXPIRED("Your invitation has expired. Ask your administrator for a new one."),
        SEAT_LIMIT_REACHED("Your organization has no free seats. Ask your administrator to free one or upgrade.");

        private final String advice;

        Reason(String advice) {
            this.advice = advice;
        }

        /** The stable name in the audit log, such as {@code bad_state}. */
        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        String advice() {
            return advice;
        }
    }

    private final Reason reason;

    SsoFailure(Reason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
