package dev.roster.idempotency;

import dev.roster.shared.BodySizeLimitFilter;
import dev.roster.shared.Caller;
import dev.roster.shared.PermissionChecks;
import dev.roster.shared.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours {@code Idempotency-Key} on authenticated POSTs. Runs after authentication, so that keys belong to the
 * credential that sent them. The stored answer may carry a secret (a new API key, a webhook secret), so it is kept
 * sealed, and it is replayed only while the credential still passes the permission checks the first request
 * passed ({@link PermissionChecks}).
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final Duration TTL = Duration.ofHours(24);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final JdbcIdempotencyRepository keys;
    private final Problems problems;
    private final Counter replays;

    IdempotencyFilter(JdbcIdempotencyRepository keys, Problems problems, MeterRegistry meters) {
        this.replays = Counter.builder("roster.idempotency.replays")
                .description("Answers replayed for a repeated Idempotency-Key")
                .register(meters);
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || Caller.current() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID.matcher(key).matches()) {
            refuse(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
            return;
        }
        Caller caller = Caller.current();
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.BodyTooLargeException e) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
            return;
        }
        byte[] hash = fingerprint(request, body);
        String scope = caller.actor();
        UUID organization = caller.organizationId();
        if (keys.claim(scope, key, organization, hash, TTL, LEASE)) {
            runOnce(new CachedBodyRequest(request, body), response, chain, scope, key);
            return;
        }
        var stored = keys.find(scope, key).orElse(null);
        if (stored != null && !Arrays.equals(stored.requestHash(), hash)) {
            refuse(
                    request,
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request; use a new key for a new request.");
        } else if (stored == null || !stored.done()) {
            response.setHeader("Retry-After", "1");
            refuse(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "idempotency_key_in_progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        } else if (stored.requiredPermissions() == null
                || !PermissionChecks.passesAll(caller, stored.requiredPermissions())) {
            refuse(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "permission_required",
                    "This credential no longer holds a permission the first request with this Idempotency-Key"
                            + " needed, so its answer is not replayed.");
        } else {
            response.setStatus(stored.status());
            response.setHeader("Idempotent-Replayed", "true");
            replays.increment();
            if (stored.type() != null) {
                response.setContentType(stored.type());
            }
            if (stored.body() != null) {
                response.getOutputStream().write(stored.body());
            }
        }
    }

    private void runOnce(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scope, String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        List<String> checks;
        try (PermissionChecks.Recording recording = PermissionChecks.record()) {
            chain.doFilter(request, recorded);
            checks = recording.checks();
        } catch (ServletException | IOException | RuntimeException e) {
            keys.release(scope, key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            keys.release(scope, key);
        } else {
            keys.complete(
                    scope,
                    key,
                    recorded.getStatus(),
                    recorded.getContentType(),
                    recorded.getContentAsByteArray(),
                    checks);
        }
        recorded.copyBodyToResponse();
    }

    /** Forgets keys older than a day. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetOldKeys() {
        keys.deleteOlderThan(TTL);
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        problems.write(response, problems.build(status, code, detail, request));
    }

    /** What makes two requests the same: method, path, query, content type and body. */
    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String head = request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                    + request.getContentType() + "\n";
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once already and served again from memory. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }
    }
}
