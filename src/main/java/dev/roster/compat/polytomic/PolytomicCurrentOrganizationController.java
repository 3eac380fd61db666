package dev.roster.compat.polytomic;

import dev.roster.shared.Caller;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Polytomic's current-organization user endpoints: the caller's own organization, from an organization key or a
 * signed-in user's JWT (Polytomic's "user API key").
 */
@RestController
@RequestMapping("/api/organization/users")
@Tag(name = "Compatibility: Polytomic", description = "Polytomic's Users API (2025-09-18), served as it documents it")
@ApiResponse(
        responseCode = "403",
        description = "The key's role does not allow this",
        content = @Content(schema = @Schema(implementation = PolytomicError.class)))
@ApiResponse(
        responseCode = "404",
        description = "No such user in the organization",
        content = @Content(schema = @Schema(implementation = PolytomicError.class)))
class PolytomicCurrentOrganizationController {

    private final PolytomicUsers users;

    PolytomicCurrentOrganizationController(PolytomicUsers users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "List Current Org Users (Polytomic)")
    PolytomicUser.Many list(@AuthenticationPrincipal Caller caller) {
        return new PolytomicUser.Many(users.list(caller, null));
    }

    @PostMapping
    @Operation(
            summary = "Create Current Org User (Polytomic)",
            description = "As Create Partner User, in the caller's own organization.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(schema = @Schema(implementation = PolytomicError.class)))
    PolytomicUser.One create(@AuthenticationPrincipal Caller caller, @RequestBody PolytomicUserRequest request) {
        return new PolytomicUser.One(users.create(caller, null, request));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get Current Org User (Polytomic)")
    PolytomicUser.One get(@AuthenticationPrincipal Caller caller, @PathVariable UserId id) {
        return new PolytomicUser.One(users.get(caller, null, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Update Current Org User (Polytomic): replaces the user's roles, nothing else")
    @ApiResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(schema = @Schema(implementation = PolytomicError.class)))
    PolytomicUser.One update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UserId id,
            @RequestBody PolytomicUserRequest request) {
        return new PolytomicUser.One(users.update(caller, null, id, request));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete Current Org User (Polytomic); answers the user as it was")
    PolytomicUser.One delete(@AuthenticationPrincipal Caller caller, @PathVariable UserId id) {
        return new PolytomicUser.One(users.delete(caller, null, id));
    }
}
