package dev.roster.shared;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What went wrong, as an {@link ErrorDialect} sees it: the same facts Roster's own problem+json carries.
 *
 * @param code the stable machine name, such as {@code seat_limit_reached}
 * @param properties the problem's further facts, such as {@code seatLimit}
 * @param path the path of the request that failed
 */
public record Failure(
        HttpStatus status,
        String code,
        String detail,
        List<FieldViolation> errors,
        Map<String, Object> properties,
        String path,
        Instant timestamp,
        String requestId) {

    private static final Set<String> OWN = Set.of("code", "errors", "timestamp", "path", "requestId");

    static Failure of(ProblemDetail problem) {
        Map<String, Object> all = problem.getProperties() == null ? Map.of() : problem.getProperties();
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        return new Failure(
                status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status,
                String.valueOf(all.get("code")),
                problem.getDetail(),
                all.get("errors") instanceof List<?> list
                        ? list.stream()
                                .filter(FieldViolation.class::isInstance)
                                .map(FieldViolation.class::cast)
                                .toList()
                        : List.of(),
                all.entrySet().stream()
                        .filter(e -> !OWN.contains(e.getKey()) && e.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)),
                String.valueOf(all.get("path")),
                Instant.parse(String.valueOf(all.get("timestamp"))),
                (String) all.get("requestId"));
    }

    /** The same failure answered with another status, for a dialect whose page documents another one. */
    public Failure withStatus(HttpStatus other) {
        return new Failure(other, code, detail, errors, properties, path, timestamp, requestId);
    }

    /**
     * One sentence for dialects that carry a single message: the invalid fields of a validation failure ({@code
     * email is required}), the detail otherwise.
     */
    public String message() {
        if (!"validation_failed".equals(code) || errors.isEmpty()) {
            return detail;
        }
        return errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
    }
}
