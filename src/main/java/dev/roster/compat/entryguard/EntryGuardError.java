package dev.roster.compat.entryguard;

import java.time.Instant;

/**
 * EntryGuard's error body, Spring Boot's own shape.
 *
 * @param error the status's reason phrase, such as {@code Bad Request}
 * @param path the path of the request that failed
 */
record EntryGuardError(Instant timestamp, int status, String error, String message, String path) {}
