package dev.roster.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event sent (or to be sent) to one endpoint.
 *
 * @param status pending, delivered or failed (after its last try)
 * @param lastStatusCode the receiver's HTTP status at the last try, if it answered
 * @param lastError if it did not, why, in one word: {@code refused_target} (not a public address), {@code dns},
 *     {@code timeout}, {@code connection_refused}, {@code tls} or {@code io}
 */
public record WebhookDelivery(
        UUID id,
        UUID endpointId,
        UUID eventId,
        String eventType,
        String status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt) {}
