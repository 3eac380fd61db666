package dev.roster.invitation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The invitee's side, authenticated by the token alone: what the accept page does, as JSON. */
@RestController
@SecurityRequirements
@Tag(name = "Accepting invitations", description = "For the invitee, with the token from the email")
class PublicInvitationController {

    private final InvitationService invitations;

    PublicInvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/v1/public/invitations/{token}")
    @Operation(summary = "What an invitation is for; 404 unknown, 410 used, revoked or expired")
    PublicInvitation preview(@PathVariable String token) {
        return invitations.preview(token);
    }

    @PostMapping("/v1/public/invitations/{token}/accept")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Accept: set the password (12-256 characters); the user becomes active. 410 once used")
    void accept(@PathVariable String token, @RequestBody AcceptInvitationRequest request) {
        invitations.accept(token, request);
    }
}
