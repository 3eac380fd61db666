package dev.roster.oidc;

import dev.roster.auth.BrowserSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the servlet container's sessions out of the authorization server's endpoints: the server asks for "the
 * session" to tie an ID token's {@code sid} to it, and gets the request's browser session id, in an object that
 * lives as long as the request. No {@code JSESSIONID}, nothing held in one node's memory.
 */
final class SessionlessRequests extends OncePerRequestFilter {

    private final BrowserSessions sessions;

    SessionlessRequests(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Wrapped(request), response);
    }

    private final class Wrapped extends HttpServletRequestWrapper {

        private HttpSession session;

        Wrapped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (session == null) {
                HttpServletRequest request = (HttpServletRequest) getRequest();
                String id = sessions.current(request)
                        .map(found -> found.id().toString())
                        .orElse(create ? UUID.randomUUID().toString() : null);
                session = id == null ? null : new RequestScopedSession(id, request.getServletContext());
            }
            return session;
        }

        @Override
        public String changeSessionId() {
            return getSession(true).getId();
        }

        @Override
        public String getRequestedSessionId() {
            return null;
        }

        @Override
        public boolean isRequestedSessionIdValid() {
            return false;
        }
    }

    /** A session object that is forgotten with its request. */
    private static final class RequestScopedSession implements HttpSession {

        private final String id;
        private final ServletContext context;
        private final long created = System.currentTimeMillis();
        private final Map<String, Object> attributes = new HashMap<>();

        RequestScopedSession(String id, ServletContext context) {
            this.id = id;
            this.context = context;
        }

        @Override
        public long getCreationTime() {
            return created;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public long getLastAccessedTime() {
            return created;
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {}

        @Override
        public int getMaxInactiveInterval() {
            return 0;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public void invalidate() {
            attributes.clear();
        }

        @Override
        public boolean isNew() {
            return false;
        }
    }
}
