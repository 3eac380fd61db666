package dev.roster.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Spring Security's view of a browser session, for Roster's pages and the OpenID Connect provider's endpoints: the
 * session cookie is read here, and nothing is saved here, since sessions start only through {@link
 * BrowserSessions#start}.
 */
public class BrowserSessionContextRepository implements SecurityContextRepository {

    /**
     * A signed-in browser: its name is the user's id, as {@code sub} in the tokens it gets; its principal is the
     * session; its factor authority says when it signed in ({@code auth_time}).
     */
    public static final class SessionAuthentication extends AbstractAuthenticationToken {

        private final transient BrowserSession session;

        SessionAuthentication(BrowserSession session) {
            super(List.of(
                    new SimpleGrantedAuthority("ROLE_USER"),
                    FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                            .issuedAt(session.createdAt())
                            .build()));
            this.session = session;
            setAuthenticated(true);
        }

        public BrowserSession session() {
            return session;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return session;
        }

        @Override
        public String getName() {
            return session.userId().toString();
        }
    }

    private final BrowserSessions sessions;

    public BrowserSessionContextRepository(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {}

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.current(request).isPresent();
    }

    private SecurityContext load(HttpServletRequest request) {
        return sessions.current(request)
                .<SecurityContext>map(session -> new SecurityContextImpl(new SessionAuthentication(session)))
                .orElseGet(SecurityContextHolder::createEmptyContext);
    }
}
