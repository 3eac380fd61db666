package dev.roster.role;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.user.RoleAssignmentRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Roles")
class RoleAssignmentController {

    private static final String ORG = "/v1/organizations/{orgId}";

    private final RoleAssignmentService assignments;

    RoleAssignmentController(RoleAssignmentService assignments) {
        this.assignments = assignments;
    }

    @GetMapping({"/v1/users/{userId}/roles", ORG + "/users/{userId}/roles"})
    @Operation(summary = "A user's role assignments (users:read, or the signed-in user itself)")
    Map<String, List<RoleAssignment>> assignments(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return Map.of("data", assignments.assignments(caller, orgId, userId));
    }

    @PostMapping({"/v1/users/{userId}/roles", ORG + "/users/{userId}/roles"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Give a user a role, across the organization or on an environment (roles:manage there, and"
                    + " every permission of the role there); 409 role_already_assigned")
    RoleAssignment assign(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @RequestBody RoleAssignmentRequest request) {
        return assignments.assign(caller, orgId, userId, request);
    }

    @DeleteMapping({"/v1/users/{userId}/roles/{assignmentId}", ORG + "/users/{userId}/roles/{assignmentId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a role from a user (roles:manage where it was held, and the role's permissions there)")
    void unassign(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @PathVariable UUID assignmentId) {
        assignments.unassign(caller, orgId, userId, assignmentId);
    }
}
