package dev.roster.compat.aptly;

import static dev.roster.compat.aptly.AptlyEnvelope.millis;

import dev.roster.directory.Membership;
import dev.roster.directory.Position;
import dev.roster.role.RoleAssignment;
import dev.roster.user.InvitationSummary;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user as Aptly's create answer shows it. Fields for what Roster does not have are present with the empty value
 * Aptly would give a plain user: no Descope id, profile image, currency, date format, employee data, delegations or
 * dashboard (Roster is the identity provider and keeps only users, roles and the directory).
 *
 * @param userId the caller's own id for the user (Roster's externalId); null when none was set
 * @param loginId the email the user signs in with
 * @param activeTenantId the user's organization
 * @param isSAML true for an SSO-only user (allowPasswordAuth false)
 * @param status INVITED, ACTIVE or DEACTIVATED
 * @param isExpirePassword true while the user holds a temporary password it must change at its first sign-in
 * @param userRoles the roles the user holds across the organization, in effect or waiting for the acceptance
 * @param userGroups the user's groups; empty when the caller may not read groups (groups:read)
 */
@Schema(name = "AptlyUser")
record AptlyUser(
        UUID id,
        String userId,
        String loginId,
        String descopeUserId,
        UUID activeTenantId,
        String email,
        String name,
        boolean isSAML,
        String mobilePhone,
        String firstName,
        String lastName,
        String profileImageUrl,
        String currencyName,
        String currencyCode,
        String status,
        String accountType,
        boolean autoProvisioned,
        String employeeId,
        String employeeType,
        String dateFormat,
        String userType,
        List<String> searchData,
        boolean managerSync,
        Manager manager,
        boolean isDeleted,
        boolean isExpirePassword,
        String createdOn,
        String lastLoginDate,
        String createdBy,
        String updatedOn,
        String updatedBy,
        String deletedOn,
        int delegationsReceived,
        int delegationsIssued,
        List<Map<String, Object>> dashboardData,
        List<UserRole> userRoles,
        List<UserPosition> userPositions,
        List<UserGroup> userGroups,
        boolean isImpersonated) {

    /** What Roster knows of a user, for the record and for its manager's summary. */
    record Parts(User user, List<RoleAssignment> roles, List<Membership> groups, List<Position> positions) {}

    static AptlyUser of(Parts parts, Manager manager) {
        User user = parts.user();
        InvitationSummary invitation = user.invitation();
        return new AptlyUser(
                user.id().value(),
                user.externalId(),
                user.email(),
                null,
                user.organizationId().value(),
                user.email(),
                user.displayName(),
                !user.allowPasswordAuth(),
                user.mobilePhone(),
                user.firstName(),
                user.lastName(),
                null,
                null,
                null,
                user.status().name(),
                null,
                false,
                null,
                null,
                null,
                null,
                List.of(),
                false,
                manager,
                user.deletedAt() != null,
                invitation != null
                        && "temporary_password".equals(invitation.type())
                        && "pending".equals(invitation.status()),
                millis(user.createdAt()),
                millis(user.lastLoginAt()),
                user.createdBy(),
                millis(user.updatedAt()),
                user.updatedBy(),
                millis(user.deletedAt()),
                0,
                0,
                List.of(),
                parts.roles().stream()
                        .filter(a -> a.resourceId() == null)
                        .map(a -> UserRole.of(user, a))
                        .toList(),
                UserPosition.of(user, parts.positions()),
                parts.groups().stream().map(g -> UserGroup.of(user, g)).toList(),
                false);
    }

    /**
     * The manager's summary.
     *
     * @param primaryOrganization the manager's primary group; null when it has none or the caller may not read
     *     groups
     * @param managerName the name of the manager's own manager
     */
    @Schema(name = "AptlyManager")
    record Manager(
            UUID id,
            String userId,
            String descopeUserId,
            String name,
            String email,
            String firstName,
            String lastName,
            String mobilePhone,
            String profileImageUrl,
            String createdOn,
            String updatedOn,
            List<UserPosition> userPositions,
            PrimaryOrganization primaryOrganization,
            String managerName,
            String managerProfileImageUrl) {

        static Manager of(Parts manager) {
            User user = manager.user();
            return new Manager(
                    user.id().value(),
                    user.externalId(),
                    null,
                    user.displayName(),
                    user.email(),
                    user.firstName(),
                    user.lastName(),
                    user.mobilePhone(),
                    null,
                    millis(user.createdAt()),
                    millis(user.updatedAt()),
                    UserPosition.of(user, manager.positions()),
                    manager.groups().stream()
                            .filter(Membership::isPrimary)
                            .findFirst()
                            .map(m -> new PrimaryOrganization(
                                    m.group().name(), null, m.group().type()))
                            .orElse(null),
                    user.manager() == null ? null : user.manager().name(),
                    null);
        }
    }

    /** @param tenantGroupTypeName the group's type, such as Organization; Roster's group types have no ids */
    @Schema(name = "AptlyPrimaryOrganization")
    record PrimaryOrganization(String groupName, UUID tenantGroupTypeId, String tenantGroupTypeName) {}

    /**
     * A role the user holds across the organization.
     *
     * @param id the role assignment's id
     * @param tenantRoleId the role's id
     */
    @Schema(name = "AptlyUserRole")
    record UserRole(
            UUID id,
            UUID tenantId,
            UUID tenantRoleId,
            String roleName,
            boolean autoProvisioned,
            String createdOn,
            String deletedOn,
            String updatedOn) {

        static UserRole of(User user, RoleAssignment assignment) {
            String created = millis(assignment.createdAt());
            return new UserRole(
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

    /**
     * A position the user holds. Roster keeps no id or timestamps for the holding itself, so id, createdOn and
     * updatedOn are null.
     *
     * @param positionsId the position's id
     */
    @Schema(name = "AptlyUserPosition")
    record UserPosition(
            UUID id,
            UUID userId,
            UUID tenantId,
            UUID positionsId,
            boolean autoProvisioned,
            boolean isEditable,
            boolean isDeleted,
            String deletedOn,
            String createdOn,
            String updatedOn,
            String positionName,
            boolean isSCIMProvisioned) {

        static List<UserPosition> of(User user, List<Position> positions) {
            return positions.stream()
                    .map(p -> new UserPosition(
                            null,
                            user.id().value(),
                            user.organizationId().value(),
                            p.id(),
                            false,
                            true,
                            false,
                            null,
                            null,
                            null,
                            p.name(),
                            false))
                    .toList();
        }
    }

    /**
     * A group the user belongs to. Roster keeps no id for the membership, no ids for group types and no date for
     * when a group became primary, so id, groupTypeId and primaryOrgSetOn are null.
     *
     * @param groupTypeName the group's type, such as Department
     * @param createdOn when the user joined the group
     */
    @Schema(name = "AptlyUserGroup")
    record UserGroup(
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

        static UserGroup of(User user, Membership membership) {
            String joined = millis(membership.addedAt());
            return new UserGroup(
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
}
