package dev.roster.shared;

import dev.roster.shared.ChangeMade.FieldChange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Collects the fields a change touched, each from its old value to its new one, for a {@link ChangeMade}. */
public final class Changes {

    private final Map<String, FieldChange> fields = new LinkedHashMap<>();

    /** Records a field whose value went from {@code before} to {@code after}, if they differ. */
    public Changes diff(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.put(field, new FieldChange(before, after));
        }
        return this;
    }

    /** Records a field set on a new object, if it has a value. */
    public Changes set(String field, Object value) {
        return diff(field, null, value);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public Map<String, FieldChange> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
