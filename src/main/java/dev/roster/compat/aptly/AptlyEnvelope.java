package dev.roster.compat.aptly;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every Aptly answer, success or failure: {@code {statusCode, timestamp, message, data}}; data is null on a failure.
 *
 * @param statusCode the HTTP status again
 * @param timestamp ISO 8601 in UTC with milliseconds, as {@code 2025-06-25T06:16:48.664Z}
 */
record AptlyEnvelope<T>(int statusCode, String timestamp, String message, T data) {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static String millis(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }
}
