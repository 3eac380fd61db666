package dev.roster.compat.polytomic;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.roster.role.RoleAssignment;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A user as Polytomic shows it.
 *
 * @param roleIds the roles the user holds across the organization, in effect or waiting for the invitation's
 *     acceptance
 * @param role the legacy role name: admin when the user holds the admin role, else its first role's name
 * @param pendingRoleIds Roster's addition: those of role_ids that take effect only when the user accepts its
 *     invitation (the organization's rolesTakeEffect is on_accept); empty once they are in effect
 */
@Schema(name = "PolytomicUser")
record PolytomicUser(
        String email,
        UUID id,
        @JsonProperty("organization_id") UUID organizationId,
        @JsonProperty("role_ids") List<UUID> roleIds,
        String role,
        @JsonProperty("pending_role_ids") List<UUID> pendingRoleIds) {

    static PolytomicUser of(User user, List<RoleAssignment> assignments) {
        List<RoleAssignment> organizationWide =
                assignments.stream().filter(a -> a.resourceId() == null).toList();
        String role = organizationWide.stream()
                .map(RoleAssignment::roleName)
                .filter("admin"::equals)
                .findFirst()
                .orElse(
                        organizationWide.isEmpty()
                                ? null
                                : organizationWide.get(0).roleName());
        return new PolytomicUser(
                user.email(),
                user.id().value(),
                user.organizationId().value(),
                organizationWide.stream().map(RoleAssignment::roleId).toList(),
                role,
                organizationWide.stream()
                        .filter(RoleAssignment::pending)
                        .map(RoleAssignment::roleId)
                        .toList());
    }

    /** {@code {"data": user}}. */
    @Schema(name = "PolytomicUserEnvelope")
    record One(PolytomicUser data) {}

    /** {@code {"data": [users]}}. */
    @Schema(name = "PolytomicUserListEnvelope")
    record Many(List<PolytomicUser> data) {}

    /** {@code {"data": {"value": "<the new key>"}}}: the key is shown here and never again. */
    @Schema(name = "PolytomicApiKeyEnvelope")
    record Key(Value data) {

        record Value(String value) {}
    }
}
