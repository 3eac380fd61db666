package dev.roster.compat.aptly;

/**
 * Every Aptly answer, success or failure: {@code {statusCode, timestamp, message, data}}; data is null on a failure.
 *
 * @param statusCode the HTTP status again
 * @param timestamp ISO 8601 in UTC with milliseconds, as {@code 2025-06-25T06:16:48.664Z}
 */
record AptlyEnvelope<T>(int statusCode, String timestamp, String message, T data) {}
