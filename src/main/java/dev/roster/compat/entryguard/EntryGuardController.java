package dev.roster.compat.entryguard;

import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * EntryGuard's {@code POST /api/v1/users} on {@link UserService}: the seat limit, email uniqueness and the
 * invitation link are Roster's own; this class renames fields and words Roster's refusals as the page does.
 */
@RestController
@Tag(
        name = "Compatibility: EntryGuard",
        description = "EntryGuard's Create User (Invite) page, served as it documents it")
class EntryGuardController {

    private final UserService users;

    EntryGuardController(UserService users) {
        this.users = users;
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create User (Invite) (EntryGuard); needs an admin's JWT (or an admin key)",
            description = "Creates the user and emails an invitation link to set a password. Errors are"
                    + " {timestamp, status, error, message, path}.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid body, invalid email format, duplicate email, or the organization's user limit",
            content = @Content(schema = @Schema(implementation = EntryGuardError.class)))
    @ApiResponse(
            responseCode = "401",
            description = "Missing or invalid token",
            content = @Content(schema = @Schema(implementation = EntryGuardError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The user does not have ORG_ADMIN role",
            content = @Content(schema = @Schema(implementation = EntryGuardError.class)))
    @ApiResponse(
            responseCode = "429",
            description = "Rate limit exceeded",
            content = @Content(schema = @Schema(implementation = EntryGuardError.class)))
    EntryGuardUser create(@AuthenticationPrincipal Caller caller, @RequestBody EntryGuardCreateUserRequest request) {
        try {
            return EntryGuardUser.of(users.create(caller, null, roster(request)));
        } catch (ProblemException refused) {
            throw inEntryGuardWords(refused, request);
        }
    }

    /** The one place an EntryGuard request becomes Roster's: the invitation is a link to set a password. */
    private static CreateUserRequest roster(EntryGuardCreateUserRequest request) {
        return CreateUserRequest.builder(request.email())
                .name(request.name())
                .isOrgAdmin(request.isOrgAdmin())
                .invitationType("link")
                .build();
    }

    /** EntryGuard answers a duplicate and a full plan with 400, and has its own words for them. */
    private static ProblemException inEntryGuardWords(ProblemException refused, EntryGuardCreateUserRequest request) {
        return switch (refused.code()) {
            case "email_taken" ->
                badRequest(refused, "A user with email '" + request.email().strip() + "' already exists");
            case "seat_limit_reached" ->
                badRequest(
                        refused,
                        "Organization has reached maximum user limit ("
                                + refused.properties().get("seatLimit") + "). Upgrade your plan to add more users.");
            case "validation_failed" ->
                invalidEmail(refused, request) ? badRequest(refused, "Invalid email format") : refused;
            default ->
                refused.status() == HttpStatus.FORBIDDEN
                        ? new ProblemException(
                                HttpStatus.FORBIDDEN, refused.code(), "User does not have ORG_ADMIN role")
                        : refused;
        };
    }

    private static boolean invalidEmail(ProblemException refused, EntryGuardCreateUserRequest request) {
        boolean given = request.email() != null && !request.email().isBlank();
        return given && refused.errors().stream().anyMatch(e -> e.field().equals("email"));
    }

    private static ProblemException badRequest(ProblemException refused, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, refused.code(), message);
    }
}
