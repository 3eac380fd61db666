package dev.roster.login;

import dev.roster.auth.CredentialService;
import dev.roster.auth.Secrets;
import dev.roster.auth.SsoRequirement;
import dev.roster.mail.OutboxService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Ids;
import dev.roster.shared.ProblemException;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords. Asking always answers the same, whoever the email belongs to; an active user who signs in
 * with a password gets an email with a single-use link valid 60 minutes. Using it sets the new password and ends
 * every refresh token of the user. Users who sign in only through SSO (SSO-only, or with an email at a verified domain
 * that requires SSO) get no link, and a link made before the switch is refused.
 */
@Service
public class PasswordResetService {

    static final Duration VALIDITY = Duration.ofMinutes(60);
    /** Reset emails one address may get from one organization in an hour; more are silently not sent. */
    static final int PER_RECIPIENT_PER_HOUR = 3;

    private static final String TOKEN_PREFIX = "roster_reset_";

    private final JdbcPasswordResetRepository resets;
    private final PasswordResetEmails emails;
    private final UserService users;
    private final OrganizationService organizations;
    private final CredentialService credentials;
    private final OutboxService outbox;
    private final Secrets secrets;
    private final SsoRequirement ssoRequirement;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    PasswordResetService(
            JdbcPasswordResetRepository resets,
            PasswordResetEmails emails,
            UserService users,
            OrganizationService organizations,
            CredentialService credentials,
            OutboxService outbox,
            Secrets secrets,
            SsoRequirement ssoRequirement,
            ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.resets = resets;
        this.emails = emails;
        this.users = users;
        this.organizations = organizations;
        this.credentials = credentials;
        this.outbox = outbox;
        this.secrets = secrets;
        this.ssoRequirement = ssoRequirement;
        this.events = events;
        this.transaction = transaction;
    }

    /** Emails a reset link to each active password user with this email; says nothing about whether there is one. */
    public void request(String email) {
        if (email == null || email.isBlank() || email.length() > 320) {
            throw ProblemException.invalid("email", "is required");
        }
        for (SignInCandidate user : users.findForSignIn(email)) {
            if (user.status() == UserStatus.ACTIVE && signsInWithPassword(user)) {
                transaction.executeWithoutResult(status -> send(user));
            }
        }
    }

    /** Whether a token can still set a password: fails as {@link #complete} would, without spending it. */
    public void check(String token) {
        usable(token);
    }

    /** Sets a new password with a token from the email; the token and every other of the user's die with it. */
    public void complete(String token, String newPassword) {
        JdbcPasswordResetRepository.Reset reset = usable(token);
        CredentialService.HashedPassword password = credentials.hash("newPassword", newPassword);
        transaction.executeWithoutResult(status -> {
            if (!resets.spend(hash(token))) {
                throw gone("password_reset_used", "This link was already used; ask for a new one.");
            }
            resets.spendAllOf(reset.userId());
            credentials.setPassword(reset.userId(), password);
            events.publishEvent(new ChangeMade(
                    reset.organizationId(),
                    "user:" + reset.userId(),
                    "user.password_reset",
                    "user",
                    reset.userId().toString(),
                    new Changes().asMap()));
        });
    }

    private void send(SignInCandidate user) {
        if (outbox.recipientReached(
                user.organizationId(),
                PasswordResetEmails.KIND,
                user.email(),
                Duration.ofHours(1),
                PER_RECIPIENT_PER_HOUR)) {
            return;
        }
        String token = secrets.newToken(TOKEN_PREFIX);
        resets.insert(
                Ids.next(),
                user.organizationId(),
                user.id(),
                hash(token),
                Instant.now().plus(VALIDITY));
        outbox.enqueue(
                emails.reset(user.organizationId(), organizations.name(user.organizationId()), user.email(), token));
    }

    private JdbcPasswordResetRepository.Reset usable(String token) {
        JdbcPasswordResetRepository.Reset reset = resets.find(hash(token))
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, "password_reset_not_found", "This reset link is not valid."));
        if (reset.used()) {
            throw gone("password_reset_used", "This link was already used; ask for a new one.");
        }
        if (reset.expired()) {
            throw gone("password_reset_expired", "This link has expired; ask for a new one.");
        }
        SignInCandidate user = users.findCandidate(reset.userId())
                .filter(found -> found.status() == UserStatus.ACTIVE)
                .orElseThrow(() -> gone("password_reset_used", "This link can no longer be used."));
        if (!signsInWithPassword(user)) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "sso_required",
                    "This user signs in only through its organization's single sign-on, not with a password.");
        }
        return reset;
    }

    private boolean signsInWithPassword(SignInCandidate user) {
        return user.allowPasswordAuth() && !ssoRequirement.requiresSso(user.organizationId(), user.email());
    }

    private byte[] hash(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND, "password_reset_not_found", "This reset link is not valid.");
        }
        return secrets.hash(token);
    }

    private static ProblemException gone(String code, String detail) {
        return new ProblemException(HttpStatus.GONE, code, detail);
    }
}
