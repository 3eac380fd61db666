package dev.roster.compat.flatfile;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.RoleAssignmentRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of Flatfile's create and invite user, field for field; any other field is refused with 400, as in
 * Roster's own API.
 *
 * @param name required, as the page says (Roster itself keeps it optional)
 * @param actorRoles required and not empty: the user's roles, each across the organization or on an environment
 */
@Schema(name = "FlatfileInviteRequest")
record FlatfileInviteRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "john.smith@example.com")
        String email,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "John Smith")
        String name,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<FlatfileActorRoleRequest> actorRoles) {

    private static final String ROSTER_ROLES = "roleAssignments";

    /**
     * The one place a Flatfile invite becomes Roster's create: the roles go in as role assignments, so that the user
     * and its roles are made in one transaction, and the invitation is a link to set a password.
     */
    CreateUserRequest roster() {
        requireNameAndRoles();
        List<RoleAssignmentRequest> assignments = new ArrayList<>();
        for (int i = 0; i < actorRoles.size(); i++) {
            FlatfileActorRoleRequest role = actorRoles.get(i);
            String field = "actorRoles[" + i + "].";
            if (role == null) {
                throw ProblemException.invalid(field + "roleId", "is required");
            }
            assignments.add(role.roster(field));
        }
        return CreateUserRequest.builder(email)
                .name(name)
                .roleAssignments(assignments)
                .sendInvitation(true)
                .invitationType("link")
                .build();
    }

    /** Roster calls the roles of a create roleAssignments where Flatfile says actorRoles: its refusals say so too. */
    static ProblemException inFlatfileWords(ProblemException refused) {
        if (refused.errors().stream().noneMatch(e -> e.field().startsWith(ROSTER_ROLES))) {
            return refused;
        }
        return new ProblemException(
                refused.status(),
                refused.code(),
                refused.getMessage(),
                refused.errors().stream()
                        .map(e -> e.field().startsWith(ROSTER_ROLES)
                                ? new FieldViolation(
                                        "actorRoles" + e.field().substring(ROSTER_ROLES.length()), e.message())
                                : e)
                        .toList(),
                refused.properties());
    }

    private void requireNameAndRoles() {
        List<FieldViolation> missing = new ArrayList<>();
        if (name == null || name.isBlank()) {
            missing.add(new FieldViolation("name", "is required"));
        }
        if (actorRoles == null || actorRoles.isEmpty()) {
            missing.add(new FieldViolation("actorRoles", "must name at least one role"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
    }
}
