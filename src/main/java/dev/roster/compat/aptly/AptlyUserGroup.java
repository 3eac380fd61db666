package dev.roster.compat.aptly;

import static dev.roster.compat.Timestamps.millis;

import dev.roster.directory.Membership;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * A group the user belongs to. Roster keeps no id for the membership, no ids for group types and no date for
 * when a group became primary, so id, groupTypeId and primaryOrgSetOn are null.
 *
 * @param groupTypeName the group's type, such as Department
 * @param createdOn when the user joined the group
 */
@Schema(name = "AptlyUserGroup")
record AptlyUserGroup(
        UUID id,
        UUID tenantId,
        UUID userId,
        UUID groupId,
        UUID groupTypeId,
        String groupName,
        String groupTypeName,
        boolean isPrimaryOrg,
        String primaryOrgSetOn,
        boolean autoProvisioned,
        boolean isDeleted,
        String deletedOn,
        String createdOn,
        String updatedOn) {

    static AptlyUserGroup of(User user, Membership membership) {
        String joined = millis(membership.addedAt());
        return new AptlyUserGroup(
                null,
                user.organizationId().value(),
                user.id().value(),
                membership.group().id(),
                null,
                membership.group().name(),
                membership.group().type(),
                membership.isPrimary(),
                null,
                false,
                false,
                null,
                joined,
                joined);
    }
}
