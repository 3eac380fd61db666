package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.util.List;
import java.util.UUID;

/**
 * The roles a create or an update asks for, handed to the role feature ({@link UserRoles}), which resolves them and
 * checks that the caller may grant them in the same transaction (a refusal rolls the whole change back).
 *
 * @param roles what was asked for, each naming the request field it came from
 * @param pending true when the roles take effect only once the user accepts the invitation
 */
public record UserRolesRequested(
        Caller caller, OrganizationId organizationId, UserId userId, List<RoleRef> roles, boolean pending) {

    /**
     * One role, by name or by id, with an optional resource.
     *
     * @param field the request field, such as {@code roleIds[1]}, for errors
     * @param resourceField the request field of the resource, for errors
     */
    public record RoleRef(String field, String name, UUID roleId, String resourceField, UUID resourceId) {}
}
