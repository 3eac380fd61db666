package dev.roster.organization;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.roster.shared.ProblemException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The plans an organization can be on. Their seat limits (free 1, starter 5, business 25, enterprise unlimited)
 * are kept in the database function {@code plan_seat_limit}, next to the update that enforces them.
 */
public enum Plan {
    FREE,
    STARTER,
    BUSINESS,
    ENTERPRISE;

    @JsonValue
    public String code() {
        return name().toLowerCase();
    }

    static Plan parse(String field, String code) {
        return Arrays.stream(values())
                .filter(plan -> plan.code().equals(code))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid(
                        field,
                        "must be one of "
                                + Arrays.stream(values()).map(Plan::code).collect(Collectors.joining(", "))));
    }
}
