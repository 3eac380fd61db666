package dev.roster.compat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as the pages print them, for the surfaces whose pages fix the form. */
public final class Timestamps {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** ISO 8601 in UTC with exactly three fraction digits, as {@code 2025-06-25T06:16:48.664Z}; null for null. */
    public static String millis(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }
}
