package dev.roster.imports;

/**
 * How a cell of an uploaded file may appear in an answer: never as it was given. Control characters (line breaks
 * among them) become a Java-style escape of four hex digits (a line feed reads {@code \\u000a}) and long cells
 * are cut, so that no answer, log line or page built from one carries the file's text unescaped.
 */
final class Cells {

    private Cells() {}

    /** The cell with control characters escaped, cut to {@code max} characters (an ellipsis marks the cut). */
    static String shown(String cell, int max) {
        if (cell == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < cell.length() && shown.length() <= max; i++) {
            char c = cell.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.length() > max ? shown.substring(0, max - 1) + "…" : shown.toString();
    }

    /** The cell shown in double quotes, for a message about it. */
    static String quoted(String cell) {
        return "\"" + shown(cell, 100) + "\"";
    }
}
