package dev.roster.oidc;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The user an authorization was given by, as read back from the database: who, in which organization, from which
 * browser session, and when that session signed in ({@code auth_time}).
 */
final class AuthorizedUser extends AbstractAuthenticationToken {

    private final UserId user;
    private final OrganizationId organization;
    private final UUID sessionId;
    private final Instant authTime;

    AuthorizedUser(UserId user, OrganizationId organization, UUID sessionId, Instant authTime) {
        super(authorities(authTime));
        this.user = user;
        this.organization = organization;
        this.sessionId = sessionId;
        this.authTime = authTime;
        setAuthenticated(true);
    }

    /** The factor authority carries the sign-in's time, which the ID token gives as {@code auth_time}. */
    private static List<GrantedAuthority> authorities(Instant authTime) {
        GrantedAuthority user = new SimpleGrantedAuthority("ROLE_USER");
        return authTime == null
                ? List.of(user)
                : List.of(
                        user,
                        FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                                .issuedAt(authTime)
                                .build());
    }

    UserId user() {
        return user;
    }

    OrganizationId organization() {
        return organization;
    }

    UUID sessionId() {
        return sessionId;
    }

    Instant authTime() {
        return authTime;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    /** Itself, so that the session registry finds the browser session the authorization came from. */
    @Override
    public Object getPrincipal() {
        return this;
    }

    @Override
    public String getName() {
        return user.toString();
    }
}
