package dev.roster.auth;

import dev.roster.organization.OrganizationDeleted;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.User;
import dev.roster.user.UserDeparted;
import dev.roster.user.UserMadeSsoOnly;
import dev.roster.user.UserService;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
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
    private final SignOuts signOuts;
    private final BrowserSessions browserSessions;
    private final JdbcCredentialRepository credentials;
    private final Secrets secrets;
    private final UserService users;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    SessionService(
            JdbcRefreshTokenRepository refreshTokens,
            SignOuts signOuts,
            BrowserSessions browserSessions,
            JdbcCredentialRepository credentials,
            Secrets secrets,
            UserService users,
            OrganizationService organizations,
            ApplicationEventPublisher events) {
        this.refreshTokens = refreshTokens;
        this.signOuts = signOuts;
        this.browserSessions = browserSessions;
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
        int revoked = signOuts.endAll(user.id());
        events.publishEvent(new ChangeMade(
                org,
                caller.actor(),
                "user.signed_out",
                "user",
                userId.toString(),
                new Changes().set("signInsEnded", revoked).asMap()));
    }

    /** The signed-in user's own live browser sessions, newest first. */
    @Transactional(readOnly = true)
    public List<BrowserSession> ownSessions(Caller caller) {
        return browserSessions.liveOf(signedInUser(caller), null);
    }

    /** Ends one of the signed-in user's own browser sessions; 404 when it has no such live session. */
    @Transactional
    public void endOwnSession(Caller caller, UUID id) {
        UserId user = signedInUser(caller);
        if (!browserSessions.end(user, id)) {
            throw ProblemException.notFound("Session");
        }
        events.publishEvent(new ChangeMade(
                new OrganizationId(caller.organizationId()),
                caller.actor(),
                "user.session_ended",
                "user",
                user.toString(),
                new Changes().set("sessionId", id).asMap()));
    }

    /** A user's live browser sessions, for an admin (users:read). */
    @Transactional(readOnly = true)
    public List<BrowserSession> sessionsOf(Caller caller, OrganizationId pathId, UserId userId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        return browserSessions.liveOf(users.find(org, userId).id(), null);
    }

    /** Ends one browser session of a user, for an admin (users:write); 404 when the user has no such session. */
    @Transactional
    public void endSession(Caller caller, OrganizationId pathId, UserId userId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User user = users.find(org, userId);
        if (!browserSessions.end(user.id(), id)) {
            throw ProblemException.notFound("Session");
        }
        events.publishEvent(new ChangeMade(
                org,
                caller.actor(),
                "user.session_ended",
                "user",
                userId.toString(),
                new Changes().set("sessionId", id).asMap()));
    }

    private static UserId signedInUser(Caller caller) {
        if (caller == null || caller.kind() != Caller.Kind.USER) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "user_required", "Only a signed-in user has sessions of its own.");
        }
        return new UserId(caller.keyId());
    }

    @EventListener
    void on(UserDeparted departed) {
        signOuts.endAll(departed.userId());
    }

    /** An SSO-only user has no password and keeps no refresh token from its password sign-ins. */
    @EventListener
    void on(UserMadeSsoOnly changed) {
        credentials.delete(changed.userId());
        signOuts.endAll(changed.userId());
    }

    @EventListener
    void on(OrganizationDeleted deleted) {
        signOuts.endAllIn(deleted.organizationId());
    }
}
