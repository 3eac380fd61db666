package dev.roster.webhook;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook endpoint as lists show it (never its secret). */
public record WebhookEndpoint(
        UUID id,
        OrganizationId organizationId,
        String url,
        List<String> events,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
