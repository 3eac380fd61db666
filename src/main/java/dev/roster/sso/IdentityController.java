package dev.roster.sso;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping({"/v1/users/{userId}/identities", "/v1/organizations/{orgId}/users/{userId}/identities"})
@Tag(name = "SSO identities", description = "The identities at the organization's SSO providers linked to a user")
class IdentityController {

    private final IdentityService identities;

    IdentityController(IdentityService identities) {
        this.identities = identities;
    }

    @GetMapping
    @Operation(summary = "A user's linked SSO identities (users:read)")
    Page<Identity> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return identities.list(caller, orgId, userId, cursor, limit);
    }

    @DeleteMapping("/{identityId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unlink an SSO identity from a user (users:write)")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @PathVariable UUID identityId) {
        identities.delete(caller, orgId, userId, identityId);
    }
}
