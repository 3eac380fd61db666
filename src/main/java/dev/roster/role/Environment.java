package dev.roster.role;

import java.time.Instant;
import java.util.UUID;

/** An environment of the organization (such as production or staging): a resource roles can be scoped to. */
public record Environment(
        UUID id, String name, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {}
