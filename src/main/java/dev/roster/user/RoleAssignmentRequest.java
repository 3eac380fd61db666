package dev.roster.user;

import java.util.UUID;

/**
 * A role to give a user, across the organization or on one resource.
 *
 * @param roleId a built-in role (admin, user) or one of the organization's custom roles
 * @param resourceId an environment of the organization to scope the role to; omitted, null or the organization's
 *     own id for the whole organization
 */
public record RoleAssignmentRequest(UUID roleId, UUID resourceId) {}
