package dev.roster.audit;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters and order of the audit log; every filter is optional and they combine with AND.
 *
 * @param action exactly this action, such as {@code user.created}
 * @param actor exactly this actor, such as {@code user:<id>} or {@code api_key:<id>}
 * @param targetType the kind of object changed, such as {@code user} or {@code role}
 * @param targetId the id of the object changed
 * @param occurredAfter only events at or after this instant
 * @param occurredBefore only events strictly before this instant
 * @param newestFirst the newest event first instead of the oldest
 */
public record AuditQuery(
        String action,
        String actor,
        String targetType,
        String targetId,
        Instant occurredAfter,
        Instant occurredBefore,
        boolean newestFirst) {

    /** The whole log, oldest first. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, false);

    public AuditQuery {
        action = blankToNull(action);
        actor = blankToNull(actor);
        targetType = blankToNull(targetType);
        targetId = blankToNull(targetId);
        if (occurredAfter != null && occurredBefore != null && !occurredAfter.isBefore(occurredBefore)) {
            throw ProblemException.invalid("occurredBefore", "must be after occurredAfter");
        }
    }

    /**
     * Reads the list's query parameters as a client sends them: instants in ISO 8601 ({@code 2026-12-01T00:00:00Z})
     * and {@code order} oldest (the default) or newest; each unreadable one is a 400 naming its field.
     */
    public static AuditQuery parse(
            String action,
            String actor,
            String targetType,
            String targetId,
            String occurredAfter,
            String occurredBefore,
            String order) {
        List<FieldViolation> problems = new ArrayList<>();
        Instant after = instant("occurredAfter", occurredAfter, problems);
        Instant before = instant("occurredBefore", occurredBefore, problems);
        String sort = blankToNull(order);
        if (sort != null && !sort.equals("oldest") && !sort.equals("newest")) {
            problems.add(new FieldViolation("order", "must be oldest or newest"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new AuditQuery(action, actor, targetType, targetId, after, before, "newest".equals(sort));
    }

    private static Instant instant(String field, String value, List<FieldViolation> problems) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldViolation(field, "must be an instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
