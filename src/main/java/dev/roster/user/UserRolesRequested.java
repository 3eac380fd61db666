package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.util.List;
import java.util.UUID;

/**
 * A create or update asked for roles: the role feature resolves them, checks that the caller may grant them and
 * assigns them, in the same transaction (a refusal rolls the whole change back).
 *
 * @param roles what was asked for, each naming the request field it came from
 * @param replace true when the roles held across the organization are to become exactly these (an update); false
 *     to add them (a create)
 * @param pending true when the roles take effect only once the user accepts the invitation
 * @param created true when the user was created in this very transaction, so holds no role yet and no one else can
 *     be changing its roles
 */
public record UserRolesRequested(
        Caller caller,
        OrganizationId organizationId,
        UserId userId,
        List<RoleRef> roles,
        boolean replace,
        boolean pending,
        boolean created) {

    /**
     * One role, by name or by id, with an optional resource.
     *
     * @param field the request field, such as {@code roleIds[1]}, for errors
     * @param resourceField the request field of the resource, for errors
     */
    public record RoleRef(String field, String name, UUID roleId, String resourceField, UUID resourceId) {}
}
