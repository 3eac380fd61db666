package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.PatchReader;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The users of the caller's organization at {@code /v1/users}, and of a named one at {@code
 * /v1/organizations/{orgId}/users} (platform and partner keys, or an organization key naming its own).
 */
@RestController
@RequestMapping({"/v1/users", "/v1/organizations/{orgId}/users"})
@Tag(name = "Users", description = "Users of an organization; each live user takes a seat")
class UserController {

    private final UserService users;
    private final PatchReader patches;

    UserController(UserService users, PatchReader patches) {
        this.users = users;
        this.patches = patches;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a user (users:write; users:invite to invite; roles:manage to grant roles beyond user);"
                    + " 403 seat_limit_reached when the plan is full, 409 email_taken")
    User create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody CreateUserRequest request) {
        return users.create(caller, orgId, request);
    }

    @GetMapping
    @Operation(summary = "List users, oldest first or by name, a page at a time")
    Page<User> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @Parameter(description = "invited, active or deactivated") @RequestParam(required = false) String status,
            @Parameter(description = "name of a role held across the organization, such as admin")
                    @RequestParam(required = false)
                    String role,
            @Parameter(description = "prefix of email or name") @RequestParam(required = false) String q,
            @Parameter(description = "exactly this email") @RequestParam(required = false) String email,
            @RequestParam(required = false) Instant createdAfter,
            @Parameter(description = "true lists deleted users instead") @RequestParam(required = false)
                    Boolean deleted,
            @Parameter(description = "only members of this group") @RequestParam(required = false) UUID groupId,
            @Parameter(description = "only users not signed in since this instant, those who never did included")
                    @RequestParam(required = false)
                    Instant lastLoginBefore,
            @Parameter(description = "created (oldest first, the default) or name (A to Z, ties by id)")
                    @RequestParam(required = false)
                    String sort,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit) {
        UserQuery query = new UserQuery(status, role, q, email, createdAfter, deleted, groupId, lastLoginBefore, sort);
        return users.list(caller, orgId, query, cursor, limit);
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user itself (JWTs only); needs no permission")
    User me(@AuthenticationPrincipal Caller caller, @PathVariable(required = false) OrganizationId orgId) {
        if (caller.kind() != Caller.Kind.USER) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "not_a_user", "Only a signed-in user (a JWT bearer) has a /me.");
        }
        return users.get(caller, orgId, new UserId(caller.keyId()));
    }

    @GetMapping("/{userId}")
    @Operation(summary = "Get a user, deleted or not (users:read, or the signed-in user itself)")
    User get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return users.get(caller, orgId, userId);
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a user's fields (admin); absent fields stay, null clears")
    User update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = UpdateUserRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return users.update(caller, orgId, userId, patches.read(body, UpdateUserRequest.class));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a user (admin): frees its seat and email; restorable")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        users.delete(caller, orgId, userId);
    }

    @PostMapping("/{userId}/restore")
    @Operation(summary = "Restore a deleted user (admin) while its email and a seat are free")
    User restore(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return users.restore(caller, orgId, userId);
    }

    @PostMapping("/{userId}/deactivate")
    @Operation(summary = "Deactivate a user (admin); it keeps its seat")
    User deactivate(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return users.deactivate(caller, orgId, userId);
    }

    @PostMapping("/{userId}/reactivate")
    @Operation(summary = "Reactivate a deactivated user (admin)")
    User reactivate(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return users.reactivate(caller, orgId, userId);
    }
}
