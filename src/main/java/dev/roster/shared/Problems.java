package dev.roster.shared;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds every error body Roster sends: RFC 9457 fields plus {@code code}, {@code errors}, {@code timestamp},
 * {@code path} and {@code requestId}. Used by the exception handler, the error page and the security filters, so
 * that no failure answers in another shape. A path that belongs to a compatibility surface answers in that
 * surface's {@link ErrorDialect} instead.
 */
@Component
public class Problems {

    /** The codes of refusals by a rate limit, counted as {@code roster_rate_limit_refusals_total{code}}. */
    private static final Set<String> RATE_LIMITED = Set.of("rate_limited", "too_many_attempts", "too_many_invitations");

    private final JsonMapper json;
    private final Clock clock;
    private final ErrorDialects dialects;
    private final MeterRegistry meters;

    public Problems(JsonMapper json, Clock clock, ErrorDialects dialects, MeterRegistry meters) {
        this.json = json;
        this.clock = clock;
        this.dialects = dialects;
        this.meters = meters;
    }

    public ProblemDetail build(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        return build(status, code, detail, List.of(), Map.of(), request);
    }

    public ProblemDetail build(
            HttpStatusCode status,
            String code,
            String detail,
            List<FieldViolation> errors,
            Map<String, Object> properties,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, code, request);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** Adds Roster's fields to a problem built elsewhere (by Spring MVC, for instance). */
    public ProblemDetail decorate(ProblemDetail problem, String code, HttpServletRequest request) {
        String path = request.getRequestURI();
        problem.setType(URI.create("urn:roster:problem:" + code));
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(problem.getStatus());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        problem.setInstance(URI.create(path));
        problem.setProperty("code", code);
        problem.setProperty("timestamp", Instant.now(clock).toString());
        problem.setProperty("path", path);
        problem.setProperty("requestId", RequestIdFilter.current(request));
        if (RATE_LIMITED.contains(code)) {
            meters.counter("roster.rate_limit.refusals", "code", code).increment();
        }
        return problem;
    }

    /** The answer for a problem: problem+json, or the error body of the surface its path belongs to. */
    public ResponseEntity<Object> respond(ProblemDetail problem) {
        return respond(problem, new HttpHeaders());
    }

    /** As {@link #respond(ProblemDetail)}, with headers such as Allow or Retry-After. */
    public ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        Object path =
                problem.getProperties() == null ? null : problem.getProperties().get("path");
        return dialects.forPath(path == null ? null : path.toString())
                .map(dialect -> {
                    Failure failure = Failure.of(problem);
                    Failure worded = failure.withStatus(dialect.status(failure));
                    return ResponseEntity.status(worded.status())
                            .headers(headers)
                            .contentType(dialect.contentType())
                            .body(dialect.body(worded));
                })
                .orElseGet(() -> ResponseEntity.status(problem.getStatus())
                        .headers(headers)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem));
    }

    /** Writes a problem straight to the response, for code that runs before Spring MVC (filters). */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        ResponseEntity<Object> answer = respond(problem);
        response.setStatus(answer.getStatusCode().value());
        response.setContentType(String.valueOf(answer.getHeaders().getContentType()));
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), answer.getBody());
    }

    /** A machine name for a status that has no more specific code. */
    public static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase();
    }
}
