package dev.roster.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in with email and password, or with a refresh token, and recognising Roster's JWTs on requests. Wrong
 * passwords and unknown emails get the same answer in about the same time, and count alike toward the email's
 * limit ({@link SignInAttempts}). Passwords are checked outside any database transaction.
 */
@Service
public class SignInService {

    /** With platform-wide email uniqueness off, the organizations whose users' passwords one sign-in checks. */
    private static final int MAX_CANDIDATES = 10;

    private final UserService users;
    private final RoleAssignmentService roles;
    private final JdbcCredentialRepository credentials;
    private final JdbcRefreshTokenRepository refreshTokens;
    private final SignInAttempts attempts;
    private final Passwords passwords;
    private final Secrets secrets;
    private final SigningKeys signingKeys;
    private final TokenIssuer tokens;
    private final MfaService mfa;
    private final Challenges challenges;
    private final TransactionTemplate transaction;
    private final SignInMetrics metrics;
    private final ObjectProvider<ApplicationCallers> applications;
    private final SsoRequirement ssoRequirement;

    SignInService(
            UserService users,
            RoleAssignmentService roles,
            JdbcCredentialRepository credentials,
            JdbcRefreshTokenRepository refreshTokens,
            SignInAttempts attempts,
            Passwords passwords,
            Secrets secrets,
            SigningKeys signingKeys,
            TokenIssuer tokens,
            MfaService mfa,
            Challenges challenges,
            TransactionTemplate transaction,
            SignInMetrics metrics,
            ObjectProvider<ApplicationCallers> applications,
            SsoRequirement ssoRequirement) {
        this.users = users;
        this.roles = roles;
        this.credentials = credentials;
        this.refreshTokens = refreshTokens;
        this.attempts = attempts;
        this.passwords = passwords;
        this.secrets = secrets;
        this.signingKeys = signingKeys;
        this.tokens = tokens;
        this.mfa = mfa;
        this.challenges = challenges;
        this.transaction = transaction;
        this.metrics = metrics;
        this.applications = applications;
        this.ssoRequirement = ssoRequirement;
    }

    /** Exchanges an email and password, or a refresh token, for tokens (or a password-change challenge). */
    public SignInResult signIn(SignInRequest request) {
        return signIn(request, Delivery.TOKENS);
    }

    /**
     * A sign-in with a password for tokens, or for a browser session; a refresh token only ever gives tokens.
     */
    public SignInResult signIn(SignInRequest request, Delivery delivery) {
        String grant = request.grantType() == null ? "password" : request.grantType();
        if (delivery == Delivery.SESSION && !grant.equals("password")) {
            throw ProblemException.invalid("grantType", "must be password");
        }
        return metrics.counted(grant, () -> switch (grant) {
            case "password" -> withPassword(request, delivery);
            case "refresh_token" -> withRefreshToken(request.refreshToken());
            default -> throw ProblemException.invalid("grantType", "must be password or refresh_token");
        });
    }

    /**
     * The caller a Roster JWT stands for, while its user is still active, with the permissions its roles grant now
     * (not those in the token, which are for the client's information), so that a role taken away holds at once.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String jwt) {
        Optional<JWTClaimsSet> verified = signingKeys
                .verify(jwt, TokenIssuer.ACCESS)
                .filter(claims -> tokens.issuer().equals(claims.getIssuer()));
        Object application = verified.map(claims -> claims.getClaim(TokenIssuer.APPLICATION_CLAIM))
                .orElse(null);
        if (application != null) {
            ApplicationCallers callers = applications.getIfAvailable();
            return callers == null ? Optional.empty() : callers.callerFor(UUID.fromString(application.toString()));
        }
        return verified.flatMap(claims -> callerForUser(UserId.of(claims.getSubject())));
    }

    /**
     * The caller a browser session stands for, while its user is active, with the permissions its roles grant now:
     * what Roster's pages act as, so that every rule is the API's own.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> callerFor(BrowserSession session) {
        return callerForUser(session.userId());
    }

    /**
     * The caller a user stands for now, while it is active in a live organization, with the permissions its roles
     * grant at this moment: for a browser session, and for work a signed-in user started that carries on without
     * the request.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> callerForUser(UserId id) {
        return users.findCandidate(id)
                .filter(user -> user.status() == UserStatus.ACTIVE)
                .map(user -> new Caller(
                        Caller.Kind.USER,
                        user.id().value(),
                        user.organizationId().value(),
                        roles.grantsOf(user.organizationId(), user.id())));
    }

    /** The public signing keys, for {@code /.well-known/jwks.json}. */
    public Map<String, Object> jwks() {
        return signingKeys.jwks();
    }

    private SignInResult withPassword(SignInRequest request, Delivery delivery) {
        if (request.email() == null || request.password() == null) {
            throw ProblemException.invalid(request.email() == null ? "email" : "password", "is required");
        }
        attempts.count(request.email());
        List<SignInCandidate> candidates = users.findForSignIn(request.email());
        if (request.organizationId() != null) {
            candidates = candidates.stream()
                    .filter(c -> c.organizationId().value().equals(request.organizationId()))
                    .toList();
        } else if (candidates.size() > 1) {
            // Which organization is asked only of someone who knows the password of one of its users.
            boolean known = candidates.stream()
                    .limit(MAX_CANDIDATES)
                    .anyMatch(candidate -> usableCredential(candidate, request.password()) != null);
            if (!known) {
                throw invalidCredentials();
            }
            attempts.clear(request.email());
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "organization_required",
                    "This email belongs to users of several organizations; send organizationId.");
        }
        SignInCandidate user = candidates.isEmpty() ? null : candidates.get(0);
        JdbcCredentialRepository.Credential credential = usableCredential(user, request.password());
        if (credential == null) {
            throw invalidCredentials();
        }
        if (!user.mfaEnabled()) {
            // With a second factor to come, the count goes on until the code is right: a known password must not
            // buy fresh guesses at the code.
            attempts.clear(request.email());
        }
        if (!user.allowPasswordAuth() || ssoRequirement.requiresSso(user.organizationId(), user.email())) {
            throw ssoRequired();
        }
        if (credential.mustChange()) {
            return tokens.challenge(user.id(), delivery);
        }
        if (user.status() != UserStatus.ACTIVE) {
            throw invalidCredentials();
        }
        return transaction.execute(status -> tokens.afterFirstFactor(user, delivery));
    }

    /**
     * Meets the challenge a right password led to with a code from the user's authenticator or a recovery code.
     * The challenge works once; wrong codes count toward the email's sign-in limit.
     */
    public SignInResult withSecondFactor(String challengeToken, String code, String recoveryCode) {
        return withSecondFactor(challengeToken, code, recoveryCode, Delivery.TOKENS);
    }

    /** The second factor of a sign-in on this delivery's path; a challenge made on the other is refused. */
    public SignInResult withSecondFactor(String challengeToken, String code, String recoveryCode, Delivery delivery) {
        return metrics.counted("mfa", () -> secondFactor(challengeToken, code, recoveryCode, delivery));
    }

    private SignInResult secondFactor(String challengeToken, String code, String recoveryCode, Delivery delivery) {
        Challenges.Challenge challenge = challenges.verify(challengeToken, TokenIssuer.MFA_CHALLENGE, delivery);
        SignInCandidate user = challenge.user();
        if (user.status() != UserStatus.ACTIVE || !user.mfaEnabled()) {
            throw Challenges.invalid();
        }
        attempts.count(user.email());
        if (!mfa.verify(user, code, recoveryCode)) {
            throw ProblemException.invalid(
                    recoveryCode != null ? "recoveryCode" : "code", "is not right, or was used already");
        }
        attempts.clear(user.email());
        return transaction.execute(status -> {
            challenges.spend(challenge);
            return tokens.finish(user, delivery, "mfa");
        });
    }

    /**
     * The user's credential when the password is right for it and it may be used; null otherwise (also for no
     * user at all, after spending the same time).
     */
    private JdbcCredentialRepository.Credential usableCredential(SignInCandidate user, String password) {
        var credential = user == null ? null : credentials.find(user.id()).orElse(null);
        boolean matches = passwords.matches(password, credential == null ? null : credential.hash());
        return matches && user.status() != UserStatus.DEACTIVATED && credential.current() ? credential : null;
    }

    private SignInResult withRefreshToken(String token) {
        if (token == null) {
            throw ProblemException.invalid("refreshToken", "is required");
        }
        byte[] hash = secrets.hash(token);
        SignInResult result = transaction.execute(status -> refreshTokens
                .use(hash)
                .flatMap(spent -> users.findCandidate(spent.user())
                        .filter(user -> user.status() == UserStatus.ACTIVE)
                        .map(user -> tokens.issue(user, spent.family())))
                .orElse(null));
        if (result == null) {
            // A spent token coming back means that someone else holds its family: end all of it.
            refreshTokens.revokeFamilyOfSpent(hash);
            throw invalidToken("The refresh token is invalid, used or expired; sign in again.");
        }
        return result;
    }

    /** Starts enrolling an authenticator with the challenge of an organization that requires MFA. */
    public MfaEnrollment enrollWithChallenge(String challengeToken) {
        return enrollWithChallenge(challengeToken, Delivery.TOKENS);
    }

    public MfaEnrollment enrollWithChallenge(String challengeToken, Delivery delivery) {
        return transaction.execute(
                status -> mfa.enroll(enrolling(challengeToken, delivery).user()));
    }

    /**
     * Confirms the authenticator enrolled with the challenge: MFA is on, the challenge is spent, and the answer is
     * tokens with the ten recovery codes.
     */
    public SignInResult confirmEnrollment(String challengeToken, String code) {
        return confirmEnrollment(challengeToken, code, Delivery.TOKENS);
    }

    public SignInResult confirmEnrollment(String challengeToken, String code, Delivery delivery) {
        return metrics.counted("mfa_enrollment", () -> enrollment(challengeToken, code, delivery));
    }

    private SignInResult enrollment(String challengeToken, String code, Delivery delivery) {
        Challenges.Challenge enrolling = enrolling(challengeToken, delivery);
        return transaction.execute(status -> {
            List<String> codes = mfa.confirm(enrolling.user(), code);
            challenges.spend(enrolling);
            SignInCandidate enrolled =
                    users.findCandidate(enrolling.user().id()).orElseThrow(SignInService::invalidCredentials);
            return tokens.finish(enrolled, delivery, "mfa").withRecoveryCodes(codes);
        });
    }

    /** An enrollment challenge of a user that has no authenticator yet. */
    private Challenges.Challenge enrolling(String challengeToken, Delivery delivery) {
        Challenges.Challenge challenge = challenges.verify(challengeToken, TokenIssuer.ENROLLMENT_CHALLENGE, delivery);
        if (challenge.user().status() != UserStatus.ACTIVE || challenge.user().mfaEnabled()) {
            throw Challenges.invalid();
        }
        return challenge;
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(
                HttpStatus.UNAUTHORIZED, "invalid_credentials", "The email or password is not right.");
    }

    static ProblemException invalidToken(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_token", detail);
    }

    static ProblemException ssoRequired() {
        return new ProblemException(
                HttpStatus.FORBIDDEN,
                "sso_required",
                "This user signs in only through its organization's single sign-on, not with a password.");
    }
}
