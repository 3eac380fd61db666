package dev.roster.directory;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

public record Position(
        UUID id,
        OrganizationId organizationId,
        String name,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
