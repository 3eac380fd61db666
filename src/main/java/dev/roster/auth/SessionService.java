package dev.roster.auth;

import dev.roster.organization.OrganizationDeleted;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.UserId;
import dev.roster.user.User;
import dev.roster.user.UserDeparted;
import dev.roster.user.UserMadeSsoOnly;
import dev.roster.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ending sign-ins: revoking one refresh token (RFC 7009), signing a user out everywhere, and the refresh tokens that
 * die with a user's deactivation, deletion, switch to SSO-only, or its organization. Revoked tokens stay revoked:
 * reactivating or restoring a user brings none back. Access tokens are not revoked; they expire within 15 minutes
 * and stop working at once for a user who is no longer active.
 */
@Service
public class SessionService {

    private final JdbcRefreshTokenRepository refreshTokens;
    private final JdbcCredentialRepository credentials;
    private final Secrets secrets;
    private final UserService users;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    SessionService(
            JdbcRefreshTokenRepository refreshTokens,
            JdbcCredentialRepository credentials,
            Secrets secrets,
            UserService users,
            OrganizationService organizations,
            ApplicationEventPublisher events) {
        this.refreshTokens = refreshTokens;
        this.credentials = credentials;
        this.secrets = secrets;
        this.users = users;
        this.organizations = organizations;
        this.events = events;
    }

    /**
     * Revokes a refresh token and the rest of its family. Holding the token is the proof; an unknown token is
     * answered alike (RFC 7009, section 2.2), so that nobody learns which tokens exist.
     */
    @Transactional
    public void revoke(String token) {
        if (token.length() > 200) {
            return;
        }
        refreshTokens
                .revokeFamily(secrets.hash(token))
                .ifPresent(user -> users.findCandidate(user)
                        .ifPresent(found -> events.publishEvent(new ChangeMade(
                                found.organizationId(),
                                "user:" + user,
                                "user.refresh_token_revoked",
                                "user",
                                user.toString(),
                                new Changes().asMap()))));
    }

    /** Ends every refresh token of a user of the organization; needs users:write. */
    @Transactional
    public void signOut(Caller caller, OrganizationId pathId, UserId userId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User user = users.find(org, userId);
        int revoked = refreshTokens.revokeAllOf(user.id());
        events.publishEvent(new ChangeMade(
                org,
                caller.actor(),
                "user.signed_out",
                "user",
                userId.toString(),
                new Changes().set("refreshTokensRevoked", revoked).asMap()));
    }

    @EventListener
    void on(UserDeparted departed) {
        refreshTokens.revokeAllOf(departed.userId());
    }

    /** An SSO-only user has no password and keeps no refresh token from its password sign-ins. */
    @EventListener
    void on(UserMadeSsoOnly changed) {
        credentials.delete(changed.userId());
        refreshTokens.revokeAllOf(changed.userId());
    }

    @EventListener
    void on(OrganizationDeleted deleted) {
        refreshTokens.revokeAllIn(deleted.organizationId());
    }
}
