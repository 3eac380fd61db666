package dev.roster.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.organization.OrganizationService;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes the tokens a sign-in ends with: a JWT access token (15 minutes) and a refresh token in a family, or the
 * challenge to replace a temporary password first. Runs inside the caller's transaction.
 */
@Component
class TokenIssuer {

    static final Duration REFRESH_TTL = Duration.ofDays(30);
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(10);
    static final String ACCESS = "at+jwt";
    static final String CHALLENGE = "password-change+jwt";
    static final Duration MFA_TTL = Duration.ofMinutes(5);
    static final String MFA_CHALLENGE = "mfa+jwt";
    static final String ENROLLMENT_CHALLENGE = "mfa-enrollment+jwt";

    private final UserService users;
    private final OrganizationService organizations;
    private final RoleAssignmentService roles;
    private final JdbcRefreshTokenRepository refreshTokens;
    private final Secrets secrets;
    private final SigningKeys signingKeys;
    private final String issuer;
    private final Duration accessTtl;

    TokenIssuer(
            UserService users,
            OrganizationService organizations,
            RoleAssignmentService roles,
            JdbcRefreshTokenRepository refreshTokens,
            Secrets secrets,
            SigningKeys signingKeys,
            RosterProperties properties,
            TokenProperties tokens) {
        this.users = users;
        this.organizations = organizations;
        this.roles = roles;
        this.refreshTokens = refreshTokens;
        this.secrets = secrets;
        this.signingKeys = signingKeys;
        this.issuer = properties.publicUrl();
        this.accessTtl = tokens.accessTokenTtl();
    }

    /** Tokens for a user that has just proven who it is; {@code family} null starts a new refresh-token family. */
    SignInResult issue(SignInCandidate user, UUID family) {
        users.recordSignIn(user.id());
        String access = signingKeys.sign(
                accessClaims(user.id(), user.organizationId(), user.email()).build(), ACCESS);
        String refresh = secrets.newToken("roster_refresh_");
        UUID id = Ids.next();
        refreshTokens.insert(
                id,
                family == null ? id : family,
                user.id(),
                secrets.hash(refresh),
                Instant.now().plus(REFRESH_TTL));
        return SignInResult.tokens(access, (int) accessTtl.toSeconds(), refresh);
    }

    /**
     * The end of a sign-in: tokens, or for Roster's pages the user who signed in, for a browser session.
     *
     * @param method how the user proved who they are: password or mfa
     */
    SignInResult finish(SignInCandidate user, Delivery delivery, String method) {
        if (delivery == Delivery.TOKENS) {
            return issue(user, null);
        }
        users.recordSignIn(user.id());
        return SignInResult.signedIn(user.id(), user.organizationId(), method);
    }

    /** The challenge a user with a temporary password meets at {@code POST /v1/auth/password}. */
    SignInResult challenge(UserId user, Delivery delivery) {
        return SignInResult.passwordChangeRequired(
                signingKeys.sign(challengeClaims(user, CHALLENGE_TTL, delivery), CHALLENGE));
    }

    /**
     * What a sign-in whose first factor was right ends with: the second-factor challenge for a user with an
     * authenticator, the enrollment challenge for one whose organization requires MFA, else tokens.
     */
    SignInResult afterFirstFactor(SignInCandidate user, Delivery delivery) {
        if (user.mfaEnabled()) {
            return SignInResult.mfaRequired(
                    signingKeys.sign(challengeClaims(user.id(), MFA_TTL, delivery), MFA_CHALLENGE));
        }
        if (organizations.mfaRequired(user.organizationId())) {
            return SignInResult.mfaEnrollmentRequired(
                    signingKeys.sign(challengeClaims(user.id(), CHALLENGE_TTL, delivery), ENROLLMENT_CHALLENGE));
        }
        return finish(user, delivery, "password");
    }

    String issuer() {
        return issuer;
    }

    Duration accessTtl() {
        return accessTtl;
    }

    /**
     * The claims of an access token for the user: who, its organization, its roles and the permissions they grant
     * now (for the client's information; the API reads the permissions afresh at every request).
     */
    JWTClaimsSet.Builder accessClaims(UserId user, OrganizationId organization, String email) {
        Grants grants = roles.grantsOf(organization, user);
        Map<String, List<String>> scoped = new TreeMap<>();
        grants.byResource().forEach((resource, permissions) -> scoped.put(resource.toString(), codes(permissions)));
        return claims(user, accessTtl)
                .claim("org", organization.toString())
                .claim("email", email)
                .claim("roles", users.find(organization, user).roles())
                .claim("permissions", codes(grants.organizationWide()))
                .claim("resourcePermissions", scoped);
    }

    private static List<String> codes(Set<Permission> permissions) {
        return permissions.stream().map(Permission::code).sorted().toList();
    }

    /** A challenge says whether it was made for a page, so that it is met only where it was made. */
    private JWTClaimsSet challengeClaims(UserId user, Duration ttl, Delivery delivery) {
        return claims(user, ttl).claim(Challenges.DELIVERY, delivery.name()).build();
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
}
