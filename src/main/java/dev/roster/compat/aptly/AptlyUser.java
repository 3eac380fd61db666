package dev.roster.compat.aptly;

import static dev.roster.compat.Timestamps.millis;

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
 * @param autoProvisioned true for a user a SCIM directory created (createdBy names its token)
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
        AptlyManager manager,
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
        List<AptlyUserRole> userRoles,
        List<AptlyUserPosition> userPositions,
        List<AptlyUserGroup> userGroups,
        boolean isImpersonated) {

    /** What Roster knows of a user, for the record and for its manager's summary. */
    record Parts(User user, List<RoleAssignment> roles, List<Membership> groups, List<Position> positions) {}

    static AptlyUser of(Parts parts, AptlyManager manager) {
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
                user.scimManaged(),
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
                        .map(a -> AptlyUserRole.of(user, a))
                        .toList(),
                AptlyUserPosition.of(user, parts.positions()),
                parts.groups().stream().map(g -> AptlyUserGroup.of(user, g)).toList(),
                false);
    }
}
