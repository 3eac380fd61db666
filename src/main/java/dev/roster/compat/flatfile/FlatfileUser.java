package dev.roster.compat.flatfile;

import static dev.roster.compat.flatfile.FlatfileActorRole.millis;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.role.RoleAssignment;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as Flatfile shows it, in the order of the page's sample.
 *
 * @param accountId {@code us_acc_} and the id of the user's organization
 * @param actorRoles the user's roles; only in the answer of create and invite, as on the page
 * @param id {@code us_usr_} and the user's id
 * @param idp always ROSTER: Roster is the identity provider
 * @param dashboard always null: Roster keeps no dashboard setting
 * @param idpRef the user's id in Roster, without a prefix
 * @param lastSeenAt when the user last signed in; null before the first time
 */
@Schema(name = "FlatfileUser")
record FlatfileUser(
        String accountId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FlatfileActorRole> actorRoles,
        Instant createdAt,
        String email,
        String id,
        String idp,
        Map<String, Object> metadata,
        String name,
        Instant updatedAt,
        Integer dashboard,
        String idpRef,
        Instant lastSeenAt) {

    static FlatfileUser of(User user) {
        return of(user, null);
    }

    static FlatfileUser of(User user, List<RoleAssignment> roles) {
        return new FlatfileUser(
                FlatfileIds.of(FlatfileIds.ACCOUNT, user.organizationId().value()),
                roles == null
                        ? null
                        : roles.stream()
                                .map(role -> FlatfileActorRole.of(
                                        role, user.organizationId().value()))
                                .toList(),
                millis(user.createdAt()),
                user.email(),
                FlatfileIds.of(FlatfileIds.USER, user.id().value()),
                "ROSTER",
                user.metadata(),
                user.displayName(),
                millis(user.updatedAt()),
                null,
                user.id().toString(),
                millis(user.lastLoginAt()));
    }
}
