package dev.roster.role;

import java.time.Instant;
import java.util.UUID;

/**
 * A role held by a user.
 *
 * @param resourceId the environment the role is scoped to; null when it holds across the organization
 * @param resourceType environment, or organization when the role holds across the organization
 * @param pending true while the role waits for the user to accept the invitation
 */
public record RoleAssignment(
        UUID id,
        UUID userId,
        UUID roleId,
        String roleName,
        UUID resourceId,
        String resourceType,
        boolean pending,
        Instant createdAt,
        String createdBy) {}
