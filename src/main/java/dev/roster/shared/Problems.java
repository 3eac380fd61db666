package dev.roster.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds every error body Roster sends: RFC 9457 fields plus {@code code}, {@code errors}, {@code timestamp},
 * {@code path} and {@code requestId}. Used by the exception handler, the error page and the security filters, so
 * that no failure answers in another shape.
 */
@Component
public class Problems {

    private final JsonMapper json;
    private final Clock clock;

    public Problems(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
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
        return problem;
    }

    /** Writes a problem straight to the response, for code that runs before Spring MVC (filters). */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A machine name for a status that has no more specific code. */
    public static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase();
    }
}
