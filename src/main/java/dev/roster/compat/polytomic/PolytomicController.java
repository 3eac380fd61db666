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
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polytomic's two user families on {@link PolytomicUsers}: the current organization's at {@code
 * /api/organization/users} (an organization key or a signed-in user's JWT, Polytomic's "user API key"), and the
 * partner's at {@code /api/organizations/{org_id}/users}, where Polytomic says "User endpoints are only accessible
 * using partner keys": any other key is 403 there.
 */
@RestController
@Tag(name = "Compatibility: Polytomic", description = "Polytomic's Users API (2025-09-18), served as it documents it")
@ApiResponse(
        responseCode = "403",
        description = "The key may not do this; under /api/organizations/{org_id}, any key but a partner key",
        content = @Content(schema = @Schema(implementation = PolytomicError.class)))
@ApiResponse(
        responseCode = "404",
        description = "No such organization among the partner's, or no such user",
        content = @Content(schema = @Schema(implementation = PolytomicError.class)))
class PolytomicController {

    private static final String CURRENT = "/api/organization/users";
    private static final String PARTNER = "/api/organizations/{org_id}/users";

    private final PolytomicUsers users;
    private final JsonMapper json;

    PolytomicController(PolytomicUsers users, JsonMapper json) {
        this.users = users;
        this.json = json;
    }

    @GetMapping({CURRENT, PARTNER})
    @Operation(summary = "List Current Org Users / List Partner Users (Polytomic): every live user")
    @ApiResponse(
            responseCode = "200",
            description = "Every live user, oldest first; written out as it is read, a page at a time",
            content = @Content(schema = @Schema(implementation = PolytomicUser.Many.class)))
    void list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(name = "org_id", required = false) OrganizationId org,
            HttpServletResponse response)
            throws IOException {
        PolytomicUserStream stream = new PolytomicUserStream(json, response);
        users.each(allowed(caller, org), org, PolytomicUserStream.PAGE, stream::write);
        stream.finish();
    }

    @PostMapping({CURRENT, PARTNER})
    @Operation(
            summary = "Create Current Org User / Create Partner User (Polytomic)",
            description = "Creates the user and emails an invitation link. Its roles take effect on acceptance when"
                    + " the organization's rolesTakeEffect is on_accept; pending_role_ids lists them until then.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "422",
            description = "Invalid fields: email, empty role_ids, unknown roles, role together with role_ids",
            content = @Content(schema = @Schema(implementation = PolytomicError.class)))
    PolytomicUser.One create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(name = "org_id", required = false) OrganizationId org,
            @RequestBody PolytomicUserRequest request) {
        return new PolytomicUser.One(users.create(allowed(caller, org), org, request));
    }

    @GetMapping({CURRENT + "/{id}", PARTNER + "/{id}"})
    @Operation(summary = "Get Current Org User / Get Partner User (Polytomic)")
    PolytomicUser.One get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(name = "org_id", required = false) OrganizationId org,
            @PathVariable UserId id) {
        return new PolytomicUser.One(users.get(allowed(caller, org), org, id));
    }

    @PutMapping({CURRENT + "/{id}", PARTNER + "/{id}"})
    @Operation(
            summary = "Update Current Org User / Update Partner User (Polytomic): replaces the user's roles only",
            description = "The partner form requires email, as its schema says, and does not change it.")
    @ApiResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(schema = @Schema(implementation = PolytomicError.class)))
    PolytomicUser.One update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(name = "org_id", required = false) OrganizationId org,
            @PathVariable UserId id,
            @RequestBody PolytomicUserRequest request) {
        Caller allowed = allowed(caller, org);
        if (org != null && (request.email() == null || request.email().isBlank())) {
            throw ProblemException.invalid("email", "is required");
        }
        return new PolytomicUser.One(users.update(allowed, org, id, request));
    }

    @DeleteMapping({CURRENT + "/{id}", PARTNER + "/{id}"})
    @Operation(summary = "Delete Current Org User / Delete Partner User (Polytomic); answers the user as it was")
    PolytomicUser.One delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(name = "org_id", required = false) OrganizationId org,
            @PathVariable UserId id) {
        return new PolytomicUser.One(users.delete(allowed(caller, org), org, id));
    }

    @PostMapping(PARTNER + "/{id}/keys")
    @Operation(
            summary = "Create Partner User API Key (Polytomic); partner key",
            description = "Issues a Roster organization key acting with the user's role; force=true first revokes"
                    + " the keys issued for this user before. The value is shown only in this answer.")
    PolytomicUser.Key createKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("org_id") OrganizationId org,
            @PathVariable UserId id,
            @RequestParam(required = false, defaultValue = "false") boolean force) {
        return new PolytomicUser.Key(
                new PolytomicUser.Key.Value(users.createKey(allowed(caller, org), org, id, force)));
    }

    /** Under /api/organizations/{org_id}, only a partner key. */
    private static Caller allowed(Caller caller, OrganizationId org) {
        if (org != null && !caller.isPartner()) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "partner_key_required",
                    "User endpoints under /api/organizations/{org_id} are only accessible using partner keys.");
        }
        return caller;
    }
}
