package dev.roster.oidc;

import dev.roster.auth.BrowserSession;
import dev.roster.auth.BrowserSessions;
import dev.roster.auth.MfaService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An authorization request from a browser session whose user must first enroll an authenticator ({@link
 * MfaService#mustEnroll}) goes to the enrollment page, which then continues to the same request; no code is issued
 * before. The organization's setting is read at every request, so a session that began before the organization
 * required MFA gets nothing more until its user enrolls.
 */
final class MfaEnrollmentGate extends OncePerRequestFilter {

    static final String SETUP = "/login/mfa/setup";

    private final BrowserSessions sessions;
    private final MfaService mfa;

    MfaEnrollmentGate(BrowserSessions sessions, MfaService mfa) {
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(OidcProviderConfiguration.AUTHORIZE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<BrowserSession> session = sessions.current(request);
        if (session.isPresent() && mfa.mustEnroll(session.get())) {
            response.setStatus(HttpStatus.FOUND.value());
            response.setHeader(
                    HttpHeaders.LOCATION, SETUP + "?continue=" + OidcProviderConfiguration.requested(request));
            return;
        }
        chain.doFilter(request, response);
    }
}
