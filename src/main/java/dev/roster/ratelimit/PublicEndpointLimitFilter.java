package dev.roster.ratelimit;

import dev.roster.shared.ClientAddress;
import dev.roster.shared.Problems;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits what one client address may send to the surfaces that anyone can reach: sign-in, refresh and revocation
 * ({@code /v1/auth/*}), the public invitation API ({@code /v1/public/*}), the login pages, the invitation pages and
 * the console's operator sign-in, where a platform or partner key is typed.
 * Runs before authentication, so that a flood costs no key lookup; beyond the limit, 429 with {@code Retry-After}.
 * Its answers carry {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} of the
 * address's bucket. A request elsewhere that is refused authentication (401) takes from the same bucket and carries
 * its headers, so that guessing keys on the API counts toward the address's limit on sign-in.
 * The per-email limit of sign-in attempts is the auth feature's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class PublicEndpointLimitFilter extends OncePerRequestFilter {

    private final Buckets buckets;
    private final RateLimitProperties properties;
    private final ClientAddress clientAddress;
    private final Problems problems;

    PublicEndpointLimitFilter(
            Buckets buckets, RateLimitProperties properties, ClientAddress clientAddress, Problems problems) {
        this.buckets = buckets;
        this.properties = properties;
        this.clientAddress = clientAddress;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled();
    }

    private static boolean open(String path) {
        return path.startsWith("/v1/auth/")
                || path.startsWith("/v1/public/")
                || path.startsWith("/.well-known/")
                || path.equals("/login")
                || path.startsWith("/login/")
                || path.startsWith("/invitations/")
                || path.equals("/console/operator/sign-in");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!open(request.getRequestURI())) {
            chain.doFilter(request, new RefusalCounting(request, response));
            return;
        }
        ConsumptionProbe probe = take(request, response);
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.setHeader("Retry-After", Long.toString(retryAfter));
            problems.write(
                    response,
                    problems.build(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "rate_limited",
                            "Too many requests from this address; retry after the time in Retry-After.",
                            request));
            return;
        }
        chain.doFilter(request, response);
    }

    private ConsumptionProbe take(HttpServletRequest request, HttpServletResponse response) {
        long limit = properties.publicPerAddress();
        ConsumptionProbe probe = buckets.take("address:" + clientAddress.of(request), limit);
        response.setHeader("RateLimit-Limit", Long.toString(limit));
        response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader(
                "RateLimit-Reset",
                Long.toString(Math.max(1, (probe.getNanosToWaitForReset() + 999_999_999L) / 1_000_000_000L)));
        return probe;
    }

    /** Takes from the address's bucket when the answer turns out to be 401, before its body is written. */
    private final class RefusalCounting extends HttpServletResponseWrapper {

        private final HttpServletRequest request;
        private boolean counted;

        RefusalCounting(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void setStatus(int status) {
            count(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            count(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            count(status);
            super.sendError(status, message);
        }

        private void count(int status) {
            if (status == HttpServletResponse.SC_UNAUTHORIZED && !counted && !isCommitted()) {
                counted = true;
                take(request, (HttpServletResponse) getResponse());
            }
        }
    }
}
