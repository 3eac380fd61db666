package dev.roster.oidc;

import dev.roster.auth.BrowserSession;
import dev.roster.auth.BrowserSessions;
import java.util.Date;
import java.util.List;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Roster's browser sessions as the authorization server's session registry. Nothing is registered here: a
 * principal of the provider is a browser session ({@link BrowserSession}, at authorization) or an authorization read
 * back ({@link AuthorizedUser}, at the token endpoint), and each names its session.
 */
final class BrowserSessionRegistry implements SessionRegistry {

    private final BrowserSessions sessions;

    BrowserSessionRegistry(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        if (principal instanceof BrowserSession session) {
            return List.of(new SessionInformation(principal, session.id().toString(), Date.from(session.lastSeenAt())));
        }
        if (principal instanceof AuthorizedUser user && user.sessionId() != null) {
            return List.of(new SessionInformation(principal, user.sessionId().toString(), Date.from(user.authTime())));
        }
        return List.of();
    }

    /** Known for every id, so that the provider never keeps a registry of its own. */
    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return new SessionInformation(sessions, sessionId, new Date());
    }

    @Override
    public void refreshLastRequest(String sessionId) {}

    @Override
    public void registerNewSession(String sessionId, Object principal) {}

    @Override
    public void removeSessionInformation(String sessionId) {}
}
