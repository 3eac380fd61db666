package dev.roster.console;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's refusal as a page shows it.
 *
 * @param status the HTTP status, as the API would answer
 * @param title the status's reason phrase, such as Forbidden
 * @param fields each field's error message, by field name, to show beside that field
 */
record Problem(int status, String title, String code, String detail, Map<String, String> fields) {

    static Problem of(ProblemException problem) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldViolation violation : problem.errors()) {
            fields.merge(violation.field(), violation.message(), (first, next) -> first + "; " + next);
        }
        return new Problem(
                problem.status().value(),
                problem.status().getReasonPhrase(),
                problem.code(),
                problem.getMessage(),
                Map.copyOf(fields));
    }
}
