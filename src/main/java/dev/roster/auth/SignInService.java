package dev.roster.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with email and password: JWT access tokens (15 minutes) with refresh tokens, the temporary-password
 * challenge, and recognising Roster's JWTs on requests. Wrong passwords and unknown emails get the same answer in
 * about the same time; five failures within 15 minutes lock the account's sign-in for the rest of that window.
 */
@Service
public class SignInService {

    static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    static final Duration REFRESH_TTL = Duration.ofDays(30);
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(10);
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final int MAX_FAILURES = 5;
    private static final String ACCESS = "at+jwt";
    private static final String CHALLENGE = "password-change+jwt";

    private final UserService users;
    private final RoleAssignmentService roles;
    private final JdbcCredentialRepository credentials;
    private final JdbcRefreshTokenRepository refreshTokens;
    private final Passwords passwords;
    private final Secrets secrets;
    private final SigningKeys signingKeys;
    private final ApplicationEventPublisher events;
    private final String issuer;

    SignInService(
            UserService users,
            RoleAssignmentService roles,
            JdbcCredentialRepository credentials,
            JdbcRefreshTokenRepository refreshTokens,
            Passwords passwords,
            Secrets secrets,
            SigningKeys signingKeys,
            ApplicationEventPublisher events,
            RosterProperties properties) {
        this.users = users;
        this.roles = roles;
        this.credentials = credentials;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.secrets = secrets;
        this.signingKeys = signingKeys;
        this.events = events;
        this.issuer = properties.publicUrl();
    }

    /** Exchanges an email and password, or a refresh token, for tokens (or a password-change challenge). */
    @Transactional(noRollbackFor = ProblemException.class)
    public SignInResult signIn(SignInRequest request) {
        String grant = request.grantType() == null ? "password" : request.grantType();
        return switch (grant) {
            case "password" -> withPassword(request);
            case "refresh_token" -> withRefreshToken(request.refreshToken());
            default -> throw ProblemException.invalid("grantType", "must be password or refresh_token");
        };
    }

    /**
     * Replaces a password: with a challenge token after a temporary password, or as a signed-in user with the
     * current password. Returns fresh tokens.
     */
    @Transactional(noRollbackFor = ProblemException.class)
    public SignInResult changePassword(Caller caller, PasswordChangeRequest request) {
        Passwords.check("newPassword", request.newPassword());
        SignInCandidate user;
        boolean fromTemporary;
        if (request.challengeToken() != null) {
            user = signingKeys
                    .verify(request.challengeToken(), CHALLENGE)
                    .flatMap(claims -> users.findCandidate(UserId.of(claims.getSubject())))
                    .orElseThrow(() -> invalid("The challenge token is invalid or expired; sign in again."));
            fromTemporary = true;
        } else if (caller != null && caller.kind() == Caller.Kind.USER) {
            user = users.findCandidate(new UserId(caller.keyId())).orElseThrow(SignInService::invalidCredentials);
            var credential = credentials.find(user.id(), FAILURE_WINDOW);
            if (credential.isEmpty()
                    || !passwords.matches(
                            request.currentPassword(), credential.get().hash())) {
                throw ProblemException.invalid("currentPassword", "is not the current password");
            }
            fromTemporary = credential.get().mustChange();
        } else {
            throw invalid("Send the challengeToken from sign-in, or sign in and send your current password.");
        }
        credentials.save(user.id(), passwords.hash(request.newPassword()), false, null);
        if (fromTemporary) {
            events.publishEvent(new PasswordChanged(user.organizationId(), user.id()));
        }
        return issue(users.findCandidate(user.id()).orElseThrow(SignInService::invalidCredentials));
    }

    /**
     * The caller a Roster JWT stands for, while its user is still active, with the permissions its roles grant now
     * (not those in the token, which are for the client's information), so that a role taken away holds at once.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String jwt) {
        return signingKeys
                .verify(jwt, ACCESS)
                .filter(claims -> issuer.equals(claims.getIssuer()))
                .flatMap(claims -> users.findCandidate(UserId.of(claims.getSubject())))
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

    private SignInResult withPassword(SignInRequest request) {
        if (request.email() == null || request.password() == null) {
            throw ProblemException.invalid(request.email() == null ? "email" : "password", "is required");
        }
        List<SignInCandidate> candidates = users.findForSignIn(request.email());
        if (request.organizationId() != null) {
            candidates = candidates.stream()
                    .filter(c -> c.organizationId().value().equals(request.organizationId()))
                    .toList();
        } else if (candidates.size() > 1) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "organization_required",
                    "This email belongs to users of several organizations; send organizationId.");
        }
        SignInCandidate user = candidates.isEmpty() ? null : candidates.get(0);
        var credential = user == null
                ? Optional.<JdbcCredentialRepository.Credential>empty()
                : credentials.find(user.id(), FAILURE_WINDOW);
        if (credential.isPresent() && credential.get().recentFailures() >= MAX_FAILURES) {
            throw ProblemException.tooManyRequests(
                    "too_many_attempts",
                    "Too many failed sign-ins for this account; try again later.",
                    FAILURE_WINDOW.toSeconds());
        }
        boolean matches = passwords.matches(
                request.password(), credential.map(c -> c.hash()).orElse(null));
        boolean usable = matches
                && user.status() != UserStatus.DEACTIVATED
                && (credential.get().expiresAt() == null
                        || credential.get().expiresAt().isAfter(Instant.now()));
        if (!usable) {
            if (credential.isPresent()) {
                credentials.recordFailure(user.id(), FAILURE_WINDOW);
            }
            throw invalidCredentials();
        }
        credentials.clearFailures(user.id());
        if (credential.get().mustChange()) {
            return SignInResult.passwordChangeRequired(
                    signingKeys.sign(claims(user.id(), CHALLENGE_TTL).build(), CHALLENGE));
        }
        if (user.status() != UserStatus.ACTIVE) {
            throw invalidCredentials();
        }
        return issue(user);
    }

    private SignInResult withRefreshToken(String token) {
        if (token == null) {
            throw ProblemException.invalid("refreshToken", "is required");
        }
        return refreshTokens
                .use(secrets.hash(token))
                .flatMap(users::findCandidate)
                .filter(user -> user.status() == UserStatus.ACTIVE)
                .map(this::issue)
                .orElseThrow(() -> invalid("The refresh token is invalid, used or expired; sign in again."));
    }

    private SignInResult issue(SignInCandidate user) {
        users.recordSignIn(user.id());
        Grants grants = roles.grantsOf(user.organizationId(), user.id());
        Map<String, List<String>> scoped = new TreeMap<>();
        grants.byResource().forEach((resource, permissions) -> scoped.put(resource.toString(), codes(permissions)));
        String access = signingKeys.sign(
                claims(user.id(), ACCESS_TTL)
                        .claim("org", user.organizationId().toString())
                        .claim("email", user.email())
                        .claim(
                                "roles",
                                users.find(user.organizationId(), user.id()).roles())
                        .claim("permissions", codes(grants.organizationWide()))
                        .claim("resourcePermissions", scoped)
                        .build(),
                ACCESS);
        String refresh = secrets.newToken("roster_refresh_");
        refreshTokens.insert(
                Ids.next(), user.id(), secrets.hash(refresh), Instant.now().plus(REFRESH_TTL));
        return SignInResult.tokens(access, (int) ACCESS_TTL.toSeconds(), refresh);
    }

    private static List<String> codes(Set<Permission> permissions) {
        return permissions.stream().map(Permission::code).sorted().toList();
    }

    private JWTClaimsSet.Builder claims(UserId user, Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(
                HttpStatus.UNAUTHORIZED, "invalid_credentials", "The email or password is not right.");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_token", detail);
    }
}
