package dev.roster.compat.aptly;

import static dev.roster.compat.Timestamps.millis;

import dev.roster.role.RoleAssignment;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * A role the user holds across the organization.
 *
 * @param id the role assignment's id
 * @param tenantRoleId the role's id
 */
@Schema(name = "AptlyUserRole")
record AptlyUserRole(
        UUID id,
        UUID tenantId,
        UUID tenantRoleId,
        String roleName,
        boolean autoProvisioned,
        String createdOn,
        String deletedOn,
        String updatedOn) {

    static AptlyUserRole of(User user, RoleAssignment assignment) {
        String created = millis(assignment.createdAt());
        return new AptlyUserRole(
                assignment.id(),
                user.organizationId().value(),
                assignment.roleId(),
                assignment.roleName(),
                false,
                created,
                null,
                created);
    }
}
