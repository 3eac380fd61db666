package dev.roster.invitation;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Invitations", description = "Invitations sent with new users: list, resend, revoke")
class InvitationController {

    private final InvitationService invitations;
    private final BulkInvitationService bulk;

    InvitationController(InvitationService invitations, BulkInvitationService bulk) {
        this.invitations = invitations;
        this.bulk = bulk;
    }

    @PostMapping({"/v1/invitations/bulk", "/v1/organizations/{orgId}/invitations/bulk"})
    @Operation(
            summary = "Invite up to 100 people with the same roles (users:invite); each address gets its own result,"
                    + " and seatsAvailable says how many fit when the plan fills")
    BulkInvitationResult inviteMany(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody BulkInvitationRequest request) {
        return bulk.invite(caller, orgId, request);
    }

    @GetMapping({"/v1/invitations", "/v1/organizations/{orgId}/invitations"})
    @Operation(summary = "List invitations, oldest first")
    Page<Invitation> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @Parameter(description = "pending, accepted, expired or revoked") @RequestParam(required = false)
                    String status,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return invitations.list(caller, orgId, status, email, cursor, limit);
    }

    @GetMapping({"/v1/invitations/{invitationId}", "/v1/organizations/{orgId}/invitations/{invitationId}"})
    @Operation(summary = "Get an invitation")
    Invitation get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID invitationId) {
        return invitations.get(caller, orgId, invitationId);
    }

    @PostMapping({"/v1/invitations/{invitationId}/revoke", "/v1/organizations/{orgId}/invitations/{invitationId}/revoke"
    })
    @Operation(summary = "Revoke an invitation (admin); its link and temporary password stop working")
    Invitation revoke(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID invitationId) {
        return invitations.revoke(caller, orgId, invitationId);
    }

    @PostMapping({"/v1/users/{userId}/invitation/resend", "/v1/organizations/{orgId}/users/{userId}/invitation/resend"})
    @Operation(
            summary = "Resend a user's invitation (admin): new link and expiry, the old link dies; 429 beyond"
                    + " 5 an hour per recipient")
    Invitation resend(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @RequestBody(required = false) ResendInvitationRequest request) {
        return invitations.resend(caller, orgId, userId, request);
    }
}
