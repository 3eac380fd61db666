package dev.roster.compat.aptly;

import dev.roster.user.UserPlaced;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The body of Aptly's create user, field for field. Any other field is refused with 400, as in Roster's own API, so
 * that nothing a caller sends is silently dropped.
 *
 * @param tenantId the organization to create the user in: the caller's own (may be omitted), or one a partner key
 *     created; any other is 404. It never widens what the credential may reach
 * @param mobilePhone international, with or without spaces, dashes, dots and parentheses ({@code +1 (555)
 *     123-4567}); stored in E.164
 * @param roleIds roles to hold across the organization; the built-in user role when omitted
 * @param groups groups to place the user in, at most one of them its primary organization
 * @param managerId an active or invited user of the organization
 * @param inviteViaEmail whether to email an invitation link; true when omitted (Roster's default)
 */
@Schema(name = "AptlyCreateUserRequest")
record AptlyCreateUserRequest(
        @Schema(example = "Jamar") String firstName,
        @Schema(example = "Johnston") String lastName,
        UUID tenantId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
        @Schema(example = "+1 (555) 123-4567") String mobilePhone,
        List<UUID> roleIds,
        List<UserPlaced.GroupPlacement> groups,
        UUID managerId,
        List<UUID> positionIds,
        Boolean inviteViaEmail) {}
