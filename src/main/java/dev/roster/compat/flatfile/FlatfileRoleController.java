package dev.roster.compat.flatfile;

import static dev.roster.compat.flatfile.FlatfileUserController.ROOT_USER;
import static dev.roster.compat.flatfile.FlatfileUserController.USER;
import static dev.roster.compat.flatfile.FlatfileUserController.user;

import dev.roster.role.RoleAssignment;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flatfile's user roles (actor roles) on {@link RoleAssignmentService}'s role assignments: who may give or take which role,
 * and where, is Roster's rule; this class only renames ids.
 */
@RestController
@Tag(name = FlatfileUserController.TAG, description = FlatfileUserController.TAG_DESCRIPTION)
class FlatfileRoleController {

    private final RoleAssignmentService roles;

    FlatfileRoleController(RoleAssignmentService roles) {
        this.roles = roles;
    }

    @GetMapping({USER + "/roles", ROOT_USER + "/roles"})
    @Operation(summary = "List User Roles (Flatfile)")
    FlatfileData<List<FlatfileActorRole>> list(@AuthenticationPrincipal Caller caller, @PathVariable String userId) {
        List<RoleAssignment> held = roles.assignments(caller, null, user(userId));
        return new FlatfileData<>(held.stream()
                .map(a -> FlatfileActorRole.of(a, caller.organizationId()))
                .toList());
    }

    @PostMapping({USER + "/roles", ROOT_USER + "/roles"})
    @Operation(
            summary = "Assign Role to User (Flatfile); needs roles:manage and the role's permissions where it applies",
            description = "Answers the documented success, roleId, actorId and resourceId, and the new actor role's"
                    + " id and timestamps.")
    @ApiResponse(responseCode = "200", description = "Assigned")
    @ApiResponse(
            responseCode = "400",
            description = "An unknown role or resource",
            content = @Content(schema = @Schema(implementation = FlatfileErrors.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The user already holds the role there",
            content = @Content(schema = @Schema(implementation = FlatfileErrors.class)))
    FlatfileData<Assigned> assign(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String userId,
            @RequestBody FlatfileActorRoleRequest request) {
        RoleAssignment assigned = roles.assign(caller, null, user(userId), request.roster(""));
        return new FlatfileData<>(Assigned.of(FlatfileActorRole.of(assigned, caller.organizationId())));
    }

    @DeleteMapping({USER + "/roles/{actorRoleId}", ROOT_USER + "/roles/{actorRoleId}"})
    @Operation(summary = "Remove Role from User (Flatfile)")
    FlatfileData<FlatfileData.Success> remove(
            @AuthenticationPrincipal Caller caller, @PathVariable String userId, @PathVariable String actorRoleId) {
        roles.unassign(
                caller, null, user(userId), FlatfileIds.find("Role assignment", actorRoleId, FlatfileIds.ACTOR_ROLE));
        return FlatfileData.success();
    }

    /**
     * Flatfile's answer to an assignment: the documented success, roleId, actorId and resourceId, and the actor
     * role's id and timestamps, which a later removal needs.
     */
    record Assigned(
            boolean success,
            String id,
            String roleId,
            String actorId,
            String resourceId,
            Instant createdAt,
            Instant updatedAt) {

        static Assigned of(FlatfileActorRole role) {
            return new Assigned(
                    true,
                    role.id(),
                    role.roleId(),
                    role.actorId(),
                    role.resourceId(),
                    role.createdAt(),
                    role.updatedAt());
        }
    }
}
