package dev.roster.oidc;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.User;
import dev.roster.user.UserService;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The claims the ID token and userinfo carry about a user, read afresh each time: {@code org_id}, {@code org_name}
 * and {@code roles} always; {@code email} and {@code email_verified} with the email scope; {@code name}, {@code
 * given_name} and {@code family_name} with the profile scope. Every email is verified: a user signs in only with
 * a password that came by email (an invitation, a temporary password, a reset) or through an identity provider that
 * vouched for the address.
 */
@Component
class OidcClaims {

    private final UserService users;
    private final OrganizationService organizations;

    OidcClaims(UserService users, OrganizationService organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    /** The user an authorization stands for, from whichever step it was read in. */
    static Optional<UserId> userOf(Authentication principal) {
        if (principal instanceof AuthorizedUser user) {
            return Optional.of(user.user());
        }
        if (principal instanceof dev.roster.auth.BrowserSessionContextRepository.SessionAuthentication session) {
            return Optional.of(session.session().userId());
        }
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    Map<String, Object> of(UserId userId, Collection<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        Optional<SignInCandidate> candidate = users.findCandidate(userId);
        if (candidate.isEmpty()) {
            return claims;
        }
        OrganizationId org = candidate.get().organizationId();
        User user = users.find(org, userId);
        claims.put("org_id", org.toString());
        claims.put("org_name", organizations.name(org));
        claims.put("roles", user.roles());
        if (scopes.contains(OidcScopes.EMAIL)) {
            claims.put("email", user.email());
            claims.put("email_verified", true);
        }
        if (scopes.contains(OidcScopes.PROFILE)) {
            putIfPresent(claims, "name", user.displayName());
            putIfPresent(claims, "given_name", user.firstName());
            putIfPresent(claims, "family_name", user.lastName());
        }
        return claims;
    }

    private static void putIfPresent(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }
}
