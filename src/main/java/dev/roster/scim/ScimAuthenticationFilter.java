package dev.roster.scim;

import dev.roster.shared.Caller;
import dev.roster.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a SCIM token from {@code Authorization: Bearer <token>} or, as Okta offers, from the password of HTTP Basic
 * with any user name. A wrong one is 401 at once, in SCIM's error shape; no header falls through to the entry point,
 * which answers the same.
 */
class ScimAuthenticationFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"scim\", Basic realm=\"scim\"";

    private final ScimTokenService tokens;
    private final Problems problems;

    ScimAuthenticationFilter(ScimTokenService tokens, Problems problems) {
        this.tokens = tokens;
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
        Optional<Caller> caller = secret(header.strip()).flatMap(tokens::authenticate);
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            problems.write(
                    response,
                    problems.build(
                            HttpStatus.UNAUTHORIZED,
                            "invalid_scim_token",
                            "The SCIM token is not valid: it is malformed, unknown, revoked or expired.",
                            request));
            return;
        }
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get(), null, List.of()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The token of a Bearer header, or the password of a Basic one. */
    static Optional<String> secret(String header) {
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).strip());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
