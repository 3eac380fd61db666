package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <credential>}: an API key, or a JWT from sign-in. A valid one becomes the
 * request's {@link Caller}; a wrong, revoked, expired or malformed one is refused at once with 401, so that a typo
 * never falls through to anonymous.
 */
class BearerAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final BearerCallers callers;
    private final Problems problems;

    BearerAuthenticationFilter(BearerCallers callers, Problems problems) {
        this.callers = callers;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? callers.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(
                    response,
                    problems.build(
                            HttpStatus.UNAUTHORIZED,
                            "invalid_api_key",
                            "The API key or token is not valid: it is malformed, unknown, revoked or expired.",
                            request));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller.get(), null, List.of());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
