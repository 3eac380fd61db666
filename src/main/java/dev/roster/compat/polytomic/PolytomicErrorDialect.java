package dev.roster.compat.polytomic;

import dev.roster.shared.ErrorDialect;
import dev.roster.shared.Failure;
import dev.roster.shared.FieldViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Every failure under {@code /api/organizations/} and {@code /api/organization/} as a {@link PolytomicError}, with
 * Roster's field names in Polytomic's spelling, and 422 (Polytomic's status for invalid fields) where Roster says 400
 * validation_failed.
 */
@Component
class PolytomicErrorDialect implements ErrorDialect {

    private static final Map<String, String> FIELDS = Map.of("roleIds", "role_ids", "roles", "role");

    @Override
    public List<String> paths() {
        return List.of("/api/organizations/**", "/api/organization/**");
    }

    @Override
    public HttpStatus status(Failure failure) {
        return "validation_failed".equals(failure.code()) ? HttpStatus.UNPROCESSABLE_CONTENT : failure.status();
    }

    @Override
    public Object body(Failure failure) {
        List<FieldViolation> fields = failure.errors().stream()
                .map(e -> new FieldViolation(polytomic(e.field()), e.message()))
                .toList();
        Map<String, Object> metadata = new LinkedHashMap<>(failure.properties());
        if (!fields.isEmpty()) {
            metadata.put(
                    "fields",
                    fields.stream()
                            .collect(Collectors.toMap(
                                    FieldViolation::field, FieldViolation::message, (a, b) -> a, LinkedHashMap::new)));
        }
        if (failure.requestId() != null) {
            metadata.put("request_id", failure.requestId());
        }
        String message = fields.isEmpty()
                ? failure.detail()
                : fields.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return new PolytomicError(failure.status().value(), message, failure.code(), metadata);
    }

    /** roleIds[0] is role_ids[0]: Roster's name of a field, spelt as the Polytomic request spells it. */
    private static String polytomic(String field) {
        for (Map.Entry<String, String> rename : FIELDS.entrySet()) {
            if (field.equals(rename.getKey()) || field.startsWith(rename.getKey() + "[")) {
                return rename.getValue() + field.substring(rename.getKey().length());
            }
        }
        return field;
    }
}
