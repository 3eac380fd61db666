package dev.roster.shared;

import java.util.HashSet;
import java.util.Set;

/**
 * A partial update: the typed values of a PATCH body and the names of the fields it actually contained, so that
 * {@code "name": null} (clear it) and a missing {@code name} (leave it) mean different things.
 */
public record Patch<T>(T values, Set<String> present) {

    public Patch {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /** Fails with 400 for each present field that must not be null. */
    public void requireNonNull(String... fields) {
        var problems = new java.util.ArrayList<FieldViolation>();
        Set<String> seen = new HashSet<>();
        for (String field : fields) {
            if (has(field) && seen.add(field) && isNull(field)) {
                problems.add(new FieldViolation(field, "must not be null"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    private boolean isNull(String field) {
        try {
            return values.getClass().getMethod(field).invoke(values) == null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("No field " + field + " in " + values.getClass(), e);
        }
    }
}
