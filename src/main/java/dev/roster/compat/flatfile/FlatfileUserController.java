package dev.roster.compat.flatfile;

import dev.roster.invitation.InvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.PatchReader;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.UpdateUserRequest;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Flatfile's users on {@link UserService} and {@link InvitationService}. Each path is served under {@code /flatfile}
 * (a Flatfile client's base URL set to {@code http://host/flatfile}); at the root, {@code /v1/users/invite} and the
 * paths naming a {@code us_usr_} id are Flatfile's too, and every other {@code /v1/users} path stays Roster's own.
 * Spring picks the {@code us_usr_{userId}} pattern over Roster's {@code {userId}} because a literal prefix makes it
 * the more specific of the two.
 */
@RestController
@Tag(name = FlatfileUserController.TAG, description = FlatfileUserController.TAG_DESCRIPTION)
class FlatfileUserController {

    static final String TAG = "Compatibility: Flatfile";
    static final String TAG_DESCRIPTION = "Flatfile's Users API, served as its pages document it, under /flatfile (and,"
            + " at the root, POST /v1/users/invite and the paths naming a us_usr_ id). Errors are"
            + " {\"errors\": [{\"key\", \"message\"}]}.";
    static final String ROOT_USER = "/v1/users/" + FlatfileIds.USER + "{userId}";
    static final String USER = "/flatfile/v1/users/{userId}";

    private final FlatfileInvitations invitations;
    private final FlatfileUserLists lists;
    private final UserService users;
    private final InvitationService invites;
    private final PatchReader patches;

    FlatfileUserController(
            FlatfileInvitations invitations,
            FlatfileUserLists lists,
            UserService users,
            InvitationService invites,
            PatchReader patches) {
        this.invitations = invitations;
        this.lists = lists;
        this.users = users;
        this.invites = invites;
        this.patches = patches;
    }

    @PostMapping({"/v1/users/invite", "/flatfile/v1/users/invite"})
    @Operation(
            summary = "Create and Invite User (Flatfile); needs users:write, users:invite, users:read, and roles:manage"
                    + " for roles that grant anything",
            description = "Creates the user with its actor roles in one transaction and emails an invitation link."
                    + " X-Disable-Hooks: true sends no webhooks for the request.")
    @ApiResponse(responseCode = "200", description = "The user with its actor roles")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid body: a missing field, an unknown role or resource",
            content = @Content(schema = @Schema(implementation = FlatfileErrors.class)))
    @ApiResponse(
            responseCode = "403",
            description = "Not allowed, or the organization's plan is full (seat_limit_reached)",
            content = @Content(schema = @Schema(implementation = FlatfileErrors.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A user with this email already exists",
            content = @Content(schema = @Schema(implementation = FlatfileErrors.class)))
    @Parameter(
            in = ParameterIn.HEADER,
            name = "X-Disable-Hooks",
            description = "true sends no webhooks for this request (any Roster request honours it)",
            schema = @Schema(type = "boolean"))
    FlatfileData<FlatfileUser> invite(
            @AuthenticationPrincipal Caller caller, @RequestBody FlatfileInviteRequest request) {
        try {
            return new FlatfileData<>(invitations.invite(caller, request));
        } catch (ProblemException refused) {
            throw FlatfileInviteRequest.inFlatfileWords(refused);
        }
    }

    @GetMapping("/flatfile/v1/users")
    @Operation(
            summary = "List users (Flatfile), oldest first; only under /flatfile, as GET /v1/users is Roster's own",
            description = "email finds the user with that address; search is a prefix of the email or the name.")
    FlatfileUserPage list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String search,
            @Parameter(description = "created_at only") @RequestParam(required = false) String sortField,
            @Parameter(description = "asc only") @RequestParam(required = false) String sortDirection,
            @Parameter(description = "1 to 200, default 20") @RequestParam(required = false) Integer pageSize,
            @Parameter(description = "from 1, default 1") @RequestParam(required = false) Integer pageNumber) {
        return lists.list(
                caller, new FlatfileUserLists.Query(email, search, sortField, sortDirection), pageSize, pageNumber);
    }

    @GetMapping({USER, ROOT_USER})
    @Operation(summary = "Get a user (Flatfile)")
    FlatfileData<FlatfileUser> get(@AuthenticationPrincipal Caller caller, @PathVariable String userId) {
        return new FlatfileData<>(FlatfileUser.of(users.get(caller, null, user(userId))));
    }

    @PatchMapping({USER, ROOT_USER})
    @Operation(summary = "Update a user (Flatfile): its name")
    FlatfileData<FlatfileUser> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String userId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = FlatfileUserUpdate.class)))
                    @RequestBody
                    JsonNode body) {
        var patch = patches.read(body, FlatfileUserUpdate.class);
        var roster = UpdateUserRequest.patch();
        if (patch.has("name")) {
            roster.name(patch.values().name());
        }
        return new FlatfileData<>(FlatfileUser.of(users.update(caller, null, user(userId), roster.build())));
    }

    @DeleteMapping({USER, ROOT_USER})
    @Operation(summary = "Delete a user (Flatfile): Roster's soft delete, which frees the seat and the email")
    FlatfileData<FlatfileData.Success> delete(@AuthenticationPrincipal Caller caller, @PathVariable String userId) {
        users.delete(caller, null, user(userId));
        return FlatfileData.success();
    }

    @PostMapping({USER + "/resend-invite", ROOT_USER + "/resend-invite"})
    @Operation(summary = "Resend User Invite (Flatfile): a new link and expiry; the old link stops working")
    FlatfileData<FlatfileData.Success> resendInvite(
            @AuthenticationPrincipal Caller caller, @PathVariable String userId) {
        invites.resend(caller, null, user(userId), null);
        return FlatfileData.success();
    }

    static UserId user(String userId) {
        return new UserId(FlatfileIds.find("User", userId, FlatfileIds.USER));
    }
}
