package dev.roster.shared;

/** Checks for the free-text fields of requests: trimmed, bounded, and free of control characters such as CR/LF. */
public final class Text {

    private Text() {}

    /**
     * Returns the trimmed value, null for null or blank, or fails with 400 naming the field when the value is too
     * long or holds a control character.
     */
    public static String optional(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() > maxLength) {
            throw ProblemException.invalid(field, "must be at most " + maxLength + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid(field, "must not contain control characters");
        }
        return trimmed;
    }

    /** As {@link #optional} but the value must be present and not blank. */
    public static String required(String field, String value, int maxLength) {
        String checked = optional(field, value, maxLength);
        if (checked == null) {
            throw ProblemException.invalid(field, "is required");
        }
        return checked;
    }
}
