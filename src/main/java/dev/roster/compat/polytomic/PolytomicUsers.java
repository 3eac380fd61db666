package dev.roster.compat.polytomic;

import dev.roster.auth.ApiKey;
import dev.roster.auth.ApiKeyService;
import dev.roster.auth.CreateApiKeyRequest;
import dev.roster.role.Role;
import dev.roster.role.RoleAssignment;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.UpdateUserRequest;
import dev.roster.user.User;
import dev.roster.user.UserQuery;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Polytomic's user operations on Roster's services, each one transaction: a create or change and the read of the
 * answer commit together, so a caller that may not read the answer changes nothing. A deleted user does not exist
 * here (Polytomic's delete is permanent), so it is 404 everywhere.
 */
@Service
class PolytomicUsers {

    private static final int PAGE = 200;

    private final UserService users;
    private final RoleAssignmentService roles;
    private final ApiKeyService keys;

    PolytomicUsers(UserService users, RoleAssignmentService roles, ApiKeyService keys) {
        this.users = users;
        this.roles = roles;
        this.keys = keys;
    }

    /** Creates and invites the user; its roles wait for the acceptance where the organization says so. */
    @Transactional
    public PolytomicUser create(Caller caller, OrganizationId org, PolytomicUserRequest request) {
        try {
            return view(caller, users.create(caller, org, roster(request)));
        } catch (ProblemException refused) {
            throw inPolytomicWords(refused, request);
        }
    }

    /**
     * Every live user of the organization, oldest first (Polytomic's list has no pages), handed over one keyset
     * page of at most {@code pageSize} at a time, each read in its own transaction: a caller that writes each page
     * out holds one page in memory, whatever the organization's size. The first page is read before anything is
     * handed over, so a caller that may not list users gets its refusal before any answer has begun.
     */
    public void each(Caller caller, OrganizationId org, int pageSize, Consumer<List<PolytomicUser>> page) {
        String cursor = null;
        do {
            Page<User> users = this.users.list(caller, org, UserQuery.ALL, cursor, pageSize);
            Map<UserId, List<RoleAssignment>> held = roles.assignments(
                    caller, org, users.data().stream().map(User::id).toList());
            page.accept(users.data().stream()
                    .map(user -> PolytomicUser.of(user, held.get(user.id())))
                    .toList());
            cursor = users.nextCursor();
        } while (cursor != null);
    }

    @Transactional(readOnly = true)
    public PolytomicUser get(Caller caller, OrganizationId org, UserId id) {
        return view(caller, live(caller, org, id));
    }

    /** Replaces the user's organization-wide roles when the request names any; nothing else changes. */
    @Transactional
    public PolytomicUser update(Caller caller, OrganizationId org, UserId id, PolytomicUserRequest request) {
        User current = live(caller, org, id);
        if (!request.namesRoles()) {
            return view(caller, current);
        }
        var values = UpdateUserRequest.patch();
        if (request.role() != null) {
            values.roles(List.of(request.role()));
        }
        if (request.roleIds() != null) {
            values.roleIds(request.roleIds());
        }
        try {
            return view(caller, users.update(caller, org, id, values.build()));
        } catch (ProblemException refused) {
            throw inPolytomicWords(refused, request);
        }
    }

    /** Deletes the user (in Roster: a soft delete that frees its seat and email) and answers it as it was. */
    @Transactional
    public PolytomicUser delete(Caller caller, OrganizationId org, UserId id) {
        PolytomicUser deleted = view(caller, live(caller, org, id));
        users.delete(caller, org, id);
        return deleted;
    }

    /**
     * Issues an organization API key acting with the user's role, named after the user so that {@code force} can
     * find and revoke the keys issued for it before. A Roster key carries one role: the admin role when the user
     * holds it, else the user's one role (in effect or pending), else the built-in user role.
     */
    @Transactional
    public String createKey(Caller caller, OrganizationId org, UserId id, boolean force) {
        User user = live(caller, org, id);
        if (user.status() == UserStatus.DEACTIVATED) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "user_deactivated",
                    "The user is deactivated; reactivate it before issuing it a key.");
        }
        UUID role = keyRole(roles.assignments(caller, org, id));
        String name = "Polytomic user key for " + id;
        if (force) {
            revokeKeysNamed(caller, org, name);
        }
        return keys.createOrganizationKey(caller, org, new CreateApiKeyRequest(name, null, role))
                .key();
    }

    private void revokeKeysNamed(Caller caller, OrganizationId org, String name) {
        List<UUID> issued = new ArrayList<>();
        String cursor = null;
        do {
            Page<ApiKey> page = keys.listOrganizationKeys(caller, org, cursor, PAGE);
            page.data().stream()
                    .filter(key -> key.revokedAt() == null && key.name().equals(name))
                    .forEach(key -> issued.add(key.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        issued.forEach(key -> keys.revokeOrganizationKey(caller, org, key));
    }

    private static UUID keyRole(List<RoleAssignment> assignments) {
        List<UUID> held = assignments.stream()
                .filter(a -> a.resourceId() == null)
                .map(RoleAssignment::roleId)
                .distinct()
                .toList();
        if (held.contains(Role.ADMIN)) {
            return Role.ADMIN;
        }
        if (held.size() > 1) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "several_roles",
                    "The user holds several roles, and a Roster key acts with one; give the user one role first.");
        }
        return held.isEmpty() ? Role.USER : held.get(0);
    }

    private User live(Caller caller, OrganizationId org, UserId id) {
        User user = users.get(caller, org, id);
        if (user.deletedAt() != null) {
            throw ProblemException.notFound("User");
        }
        return user;
    }

    private PolytomicUser view(Caller caller, User user) {
        return PolytomicUser.of(user, roles.assignments(caller, user.organizationId(), user.id()));
    }

    /** The one place a Polytomic create becomes Roster's: always an emailed link to set a password. */
    private static CreateUserRequest roster(PolytomicUserRequest request) {
        return CreateUserRequest.builder(request.email())
                .roles(request.role() == null ? null : List.of(request.role()))
                .roleIds(request.roleIds())
                .sendInvitation(true)
                .invitationType("link")
                .build();
    }

    /**
     * Roster refuses role with role_ids as two spellings of one field; Polytomic words it its own way. A deleted
     * user is gone for Polytomic: 404, where Roster says 409 user_deleted.
     */
    private static ProblemException inPolytomicWords(ProblemException refused, PolytomicUserRequest request) {
        if ("user_deleted".equals(refused.code())) {
            return ProblemException.notFound("User");
        }
        boolean both = request.role() != null
                && request.roleIds() != null
                && refused.errors().stream().anyMatch(e -> e.field().equals("roleIds"));
        return both
                ? ProblemException.invalid("role", "must not be given together with role_ids; use role_ids")
                : refused;
    }
}
