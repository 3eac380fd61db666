package dev.roster.shared;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure that the API reports as an RFC 9457 problem with a stable machine-readable {@code code}. Features throw
 * it (or use its factories); {@link ProblemHandler} turns it into {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {

    /** A property that also becomes the response's Retry-After header (seconds). */
    public static final String RETRY_AFTER = "retryAfterSeconds";

    private final HttpStatus status;
    private final String code;
    private final List<FieldViolation> errors;
    private final Map<String, Object> properties;

    public ProblemException(
            HttpStatus status,
            String code,
            String detail,
            List<FieldViolation> errors,
            Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.properties = Map.copyOf(properties);
    }

    public ProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not_found", what + " not found.");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, code, detail);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    public static ProblemException invalid(List<FieldViolation> errors) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields.", errors, Map.of());
    }

    /** 429 with a Retry-After header. */
    public static ProblemException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new ProblemException(
                HttpStatus.TOO_MANY_REQUESTS, code, detail, List.of(), Map.of(RETRY_AFTER, retryAfterSeconds));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
