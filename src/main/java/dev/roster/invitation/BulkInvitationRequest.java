package dev.roster.invitation;

import dev.roster.user.RoleAssignmentRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * People to invite at once, each with the same roles and invitation.
 *
 * @param emails 1 to 100 addresses; each gets its own result
 * @param roles names of roles to hold across the organization; ["user"] when no role field is given
 * @param roleAssignments roles across the organization or on one environment
 * @param invitationType link (the default) or temporary_password
 * @param expiresInDays 1 to 30; 7 when omitted
 * @param groupIds groups each invitee joins (not as its primary group); an unknown one is that address's invalid
 */
public record BulkInvitationRequest(
        @ArraySchema(maxItems = 100, schema = @Schema(maxLength = 320))
        List<String> emails,

        @ArraySchema(maxItems = 50, schema = @Schema(maxLength = 100))
        List<String> roles,

        @ArraySchema(maxItems = 50) List<RoleAssignmentRequest> roleAssignments,
        @Schema(maxLength = 40) String invitationType,
        Integer expiresInDays,
        @ArraySchema(maxItems = 50) List<UUID> groupIds) {

    /** The request of before groups: each invitee joins none. */
    public BulkInvitationRequest(
            List<String> emails,
            List<String> roles,
            List<RoleAssignmentRequest> roleAssignments,
            String invitationType,
            Integer expiresInDays) {
        this(emails, roles, roleAssignments, invitationType, expiresInDays, null);
    }
}
