package dev.roster.compat.flatfile;

import dev.roster.user.RoleAssignmentRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A role to give a user: Flatfile's {@code AssignActorRoleRequest}.
 *
 * @param roleId {@code us_rol_} and a role's id (the built-in admin and user roles have fixed ids), or the id alone
 * @param resourceId {@code us_acc_} and the organization's id for the whole organization, or {@code us_env_} and an
 *     environment's id for that environment, or either id alone; omitted means the whole organization
 */
@Schema(name = "FlatfileActorRoleRequest")
record FlatfileActorRoleRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "us_rol_00000000-0000-4000-8000-000000000001")
        String roleId,

        @Schema(example = "us_acc_0190f0c4-5b7e-7c4a-9d2e-3f1a2b3c4d5e")
        String resourceId) {

    /** The one place a Flatfile role request becomes Roster's; {@code field} names it in refusals. */
    RoleAssignmentRequest roster(String field) {
        return new RoleAssignmentRequest(
                FlatfileIds.read(field + "roleId", roleId, FlatfileIds.ROLE),
                FlatfileIds.read(field + "resourceId", resourceId, FlatfileIds.ACCOUNT, FlatfileIds.ENVIRONMENT));
    }
}
