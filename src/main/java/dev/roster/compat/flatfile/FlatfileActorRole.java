package dev.roster.compat.flatfile;

import dev.roster.role.RoleAssignment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A role a user holds, as Flatfile's actor role: Roster's role assignment with prefixed ids.
 *
 * @param id {@code us_acr_} and the role assignment's id
 * @param actorId {@code us_usr_} and the user's id
 * @param resourceId {@code us_acc_} and the organization's id for a role held across the organization, {@code
 *     us_env_} and the environment's id for one scoped to an environment
 * @param updatedAt the same as createdAt: a role assignment never changes, it is removed and given anew
 */
record FlatfileActorRole(
        String id, String roleId, String actorId, String resourceId, Instant createdAt, Instant updatedAt) {

    static FlatfileActorRole of(RoleAssignment assignment, UUID organizationId) {
        Instant created = millis(assignment.createdAt());
        return new FlatfileActorRole(
                FlatfileIds.of(FlatfileIds.ACTOR_ROLE, assignment.id()),
                FlatfileIds.of(FlatfileIds.ROLE, assignment.roleId()),
                FlatfileIds.of(FlatfileIds.USER, assignment.userId()),
                assignment.resourceId() == null
                        ? FlatfileIds.of(FlatfileIds.ACCOUNT, organizationId)
                        : FlatfileIds.of(FlatfileIds.ENVIRONMENT, assignment.resourceId()),
                created,
                created);
    }

    /** Flatfile's timestamps have milliseconds ({@code 2023-10-30T16:59:45.735Z}). */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
