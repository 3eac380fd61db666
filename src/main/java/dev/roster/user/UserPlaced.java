package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that creates a user with groups or positions, so that the directory places
 * the user; an unknown group or position fails the whole create.
 */
public record UserPlaced(
        Caller caller,
        OrganizationId organizationId,
        UserId userId,
        List<GroupPlacement> groups,
        List<UUID> positionIds) {

    /**
     * @param isPrimaryOrg whether this is the user's primary group (at most one)
     */
    public record GroupPlacement(UUID groupId, Boolean isPrimaryOrg) {}
}
