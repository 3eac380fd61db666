package dev.roster.directory;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** @param type a free label such as Department or Organization */
public record Group(
        UUID id,
        OrganizationId organizationId,
        String name,
        String type,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
