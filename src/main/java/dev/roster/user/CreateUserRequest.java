package dev.roster.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields a caller may set on a new user; any other field is rejected, so id, status, organization and
 * timestamps cannot be set by mass assignment.
 *
 * @param email required; trimmed and compared lower-cased
 * @param mobilePhone E.164, such as +14155550123
 * @param roles names of roles to hold across the organization (built-in or custom); ["user"] when no role field is
 *     given. The older spelling of roleIds: giving both is rejected
 * @param isOrgAdmin true is the same as roles ["admin"], false as ["user"]
 * @param roleIds ids of roles to hold across the organization
 * @param roleAssignments roles to hold across the organization or on one environment
 * @param allowPasswordAuth false makes an SSO-only user; true when omitted
 * @param sendInvitation whether to invite the user by email; true when omitted
 * @param metadata a JSON object of at most 50 keys and 8 KiB
 * @param externalId the caller's own id for the user, unique in the organization
 * @param managerId the user this one reports to: an active or invited user of the same organization
 * @param groups groups to add the user to, at most one of them primary
 * @param positionIds positions the user holds
 * @param invitationType link (the default: a link to set a password) or temporary_password (the email carries a
 *     generated password to replace at first sign-in)
 * @param expiresInDays how long the invitation stays valid, 1 to 30 days; 7 when omitted
 */
public record CreateUserRequest(
        String email,
        String firstName,
        String lastName,
        String name,
        String mobilePhone,
        List<String> roles,
        Boolean isOrgAdmin,
        List<UUID> roleIds,
        List<RoleAssignmentRequest> roleAssignments,
        Boolean allowPasswordAuth,
        Boolean sendInvitation,
        Map<String, Object> metadata,
        String externalId,
        UUID managerId,
        List<UserPlaced.GroupPlacement> groups,
        List<UUID> positionIds,
        String invitationType,
        Integer expiresInDays) {}
