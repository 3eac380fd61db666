package dev.roster.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.util.List;

/**
 * Tokens, or a challenge to meet before there are any.
 *
 * @param challenge password_change_required when a temporary password must be replaced first; mfa_required when a
 *     code from the user's authenticator must follow the password; mfa_enrollment_required when the organization
 *     requires MFA and the user must enroll an authenticator first ({@code POST /v1/auth/mfa/enroll})
 * @param challengeToken sends the new password to {@code POST /v1/auth/password} (valid 10 minutes), or the code
 *     to {@code POST /v1/auth/mfa} (valid 5 minutes); each works once
 * @param accessToken a JWT for {@code Authorization: Bearer}, valid {@code expiresIn} seconds
 * @param refreshToken exchanges once for new tokens at {@code POST /v1/auth/token}
 * @param recoveryCodes after enrolling an authenticator at sign-in: the ten recovery codes, shown only here
 * @param signedIn instead of tokens, for a sign-in on Roster's pages: who signed in, for {@link
 *     BrowserSessions#start(SignInResult, jakarta.servlet.http.HttpServletRequest,
 *     jakarta.servlet.http.HttpServletResponse)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignInResult(
        String challenge,
        String challengeToken,
        String accessToken,
        String tokenType,
        Integer expiresIn,
        String refreshToken,
        List<String> recoveryCodes,
        @JsonIgnore SignedIn signedIn) {

    /** A user who proved who they are on Roster's pages, and how: password or mfa. */
    public record SignedIn(UserId user, OrganizationId organization, String method) {}

    static SignInResult signedIn(UserId user, OrganizationId organization, String method) {
        return new SignInResult(null, null, null, null, null, null, null, new SignedIn(user, organization, method));
    }

    static SignInResult tokens(String accessToken, int expiresIn, String refreshToken) {
        return new SignInResult(null, null, accessToken, "Bearer", expiresIn, refreshToken, null, null);
    }

    static SignInResult mfaEnrollmentRequired(String challengeToken) {
        return new SignInResult("mfa_enrollment_required", challengeToken, null, null, null, null, null, null);
    }

    static SignInResult mfaRequired(String challengeToken) {
        return new SignInResult("mfa_required", challengeToken, null, null, null, null, null, null);
    }

    static SignInResult passwordChangeRequired(String challengeToken) {
        return new SignInResult("password_change_required", challengeToken, null, null, null, null, null, null);
    }

    /** The same tokens, with the recovery codes of an authenticator just enrolled. */
    SignInResult withRecoveryCodes(List<String> codes) {
        return new SignInResult(
                challenge, challengeToken, accessToken, tokenType, expiresIn, refreshToken, codes, signedIn);
    }
}
