package dev.roster.compat.recomly;

import dev.roster.shared.Caller;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recomly's {@code POST /api/app/users} on {@link UserService}: the seat limit, email uniqueness, the SSO-only rule
 * and the invitation are Roster's own; this class only renames fields and asks for a temporary password.
 */
@RestController
@Tag(name = "Compatibility: Recomly", description = "Recomly's Create user page, served as it documents it")
class RecomlyController {

    private final UserService users;

    RecomlyController(UserService users) {
        this.users = users;
    }

    @PostMapping("/api/app/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create user (Recomly); needs an admin key or JWT",
            description = "Creates the user and, unless sendInvitation is false or allowPasswordAuth is false, emails"
                    + " a temporary password. Errors are {\"error\": \"...\"}.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(
            responseCode = "400",
            description = "Validation failure, or no enabled SSO provider for allowPasswordAuth false",
            content = @Content(schema = @Schema(implementation = RecomlyError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The caller is not an admin, or the organization's user quota is reached",
            content = @Content(schema = @Schema(implementation = RecomlyError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The email is a member of this organization or registered elsewhere on the platform",
            content = @Content(schema = @Schema(implementation = RecomlyError.class)))
    RecomlyUser.Created create(@AuthenticationPrincipal Caller caller, @RequestBody RecomlyCreateUserRequest request) {
        requireNames(request);
        return new RecomlyUser.Created(RecomlyUser.of(users.create(caller, null, roster(request))));
    }

    /**
     * Recomly requires both names, which Roster keeps optional, and knows only the roles admin and user, where Roster
     * also has custom roles.
     */
    private static void requireNames(RecomlyCreateUserRequest request) {
        List<FieldViolation> missing = new ArrayList<>();
        if (request.roles() != null
                && request.roles().stream().anyMatch(role -> !"admin".equals(role) && !"user".equals(role))) {
            missing.add(new FieldViolation("roles", "must contain only admin or user"));
        }
        if (request.firstName() == null || request.firstName().isBlank()) {
            missing.add(new FieldViolation("firstName", "is required"));
        }
        if (request.lastName() == null || request.lastName().isBlank()) {
            missing.add(new FieldViolation("lastName", "is required"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
    }

    /** The one place a Recomly request becomes Roster's: the invitation, when sent, is a temporary password. */
    private static CreateUserRequest roster(RecomlyCreateUserRequest request) {
        return CreateUserRequest.builder(request.email())
                .firstName(request.firstName())
                .lastName(request.lastName())
                .roles(request.roles())
                .allowPasswordAuth(request.allowPasswordAuth())
                .sendInvitation(request.sendInvitation())
                .invitationType("temporary_password")
                .build();
    }
}
