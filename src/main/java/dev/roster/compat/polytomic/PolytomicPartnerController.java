package dev.roster.compat.polytomic;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Polytomic's partner user endpoints: a partner key names one of the organizations it created. Polytomic says "User
 * endpoints are only accessible using partner keys", so any other key is 403 here (an organization key uses the
 * current-organization family instead).
 */
@RestController
@RequestMapping("/api/organizations/{org_id}/users")
@Tag(name = "Compatibility: Polytomic", description = "Polytomic's Users API (2025-09-18), served as it documents it")
@ApiResponse(
        responseCode = "403",
        description = "Not a partner key, or the key may not do this",
        content = @Content(schema = @Schema(implementation = PolytomicError.class)))
@ApiResponse(
        responseCode = "404",
        description = "No such organization among the partner's, or no such user",
        content = @Content(schema = @Schema(implementation = PolytomicError.class)))
class PolytomicPartnerController {

    private final PolytomicUsers users;

    PolytomicPartnerController(PolytomicUsers users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "List Partner Users (Polytomic); partner key")
    PolytomicUser.Many list(@AuthenticationPrincipal Caller caller, @PathVariable("org_id") OrganizationId org) {
        return new PolytomicUser.Many(users.list(partner(caller), org));
    }

    @PostMapping
    @Operation(
            summary = "Create Partner User (Polytomic); partner key",
            description = "Creates the user and emails an invitation link. Its roles take effect on acceptance when"
                    + " the organization's rolesTakeEffect is on_accept; pending_role_ids lists them until then.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "422",
            description = "Invalid fields: email, empty role_ids, unknown roles, role together with role_ids",
            content = @Content(schema = @Schema(implementation = PolytomicError.class)))
    PolytomicUser.One create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("org_id") OrganizationId org,
            @RequestBody PolytomicUserRequest request) {
        return new PolytomicUser.One(users.create(partner(caller), org, request));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get Partner User (Polytomic); partner key")
    PolytomicUser.One get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("org_id") OrganizationId org,
            @PathVariable UserId id) {
        return new PolytomicUser.One(users.get(partner(caller), org, id));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Update Partner User (Polytomic); partner key",
            description = "Replaces the user's roles; email is required by the page's schema and is not changed.")
    @ApiResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(schema = @Schema(implementation = PolytomicError.class)))
    PolytomicUser.One update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("org_id") OrganizationId org,
            @PathVariable UserId id,
            @RequestBody PolytomicUserRequest request) {
        if (request.email() == null || request.email().isBlank()) {
            throw ProblemException.invalid("email", "is required");
        }
        return new PolytomicUser.One(users.update(partner(caller), org, id, request));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete Partner User (Polytomic); partner key; answers the user as it was")
    PolytomicUser.One delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("org_id") OrganizationId org,
            @PathVariable UserId id) {
        return new PolytomicUser.One(users.delete(partner(caller), org, id));
    }

    @PostMapping("/{id}/keys")
    @Operation(
            summary = "Create Partner User API Key (Polytomic); partner key",
            description = "Issues a Roster organization key acting with the user's role; force=true first revokes"
                    + " the keys issued for this user before. The value is shown only in this answer.")
    PolytomicUser.Key createKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("org_id") OrganizationId org,
            @PathVariable UserId id,
            @RequestParam(required = false, defaultValue = "false") boolean force) {
        return new PolytomicUser.Key(new PolytomicUser.Key.Value(users.createKey(partner(caller), org, id, force)));
    }

    private static Caller partner(Caller caller) {
        if (!caller.isPartner()) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "partner_key_required",
                    "User endpoints under /api/organizations/{org_id} are only accessible using partner keys.");
        }
        return caller;
    }
}
