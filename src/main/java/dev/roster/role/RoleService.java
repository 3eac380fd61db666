package dev.roster.role;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import dev.roster.shared.UserId;
import dev.roster.user.RoleAssignmentRequest;
import dev.roster.user.User;
import dev.roster.user.UserActivated;
import dev.roster.user.UserRolesRequested;
import dev.roster.user.UserService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom roles and role assignments. The rule that holds everywhere: a caller can only grant what it holds itself.
 * Creating or changing a role, assigning or removing one, giving one to an API key or to an invitee all check that
 * the caller holds every permission of the role, on the resource the role is scoped to.
 */
@Service
public class RoleService {

    /** Each user holds at most this many role assignments. */
    static final int MAX_ASSIGNMENTS = 100;

    private final JdbcRoleRepository roles;
    private final OrganizationService organizations;
    private final UserService users;
    private final ApplicationEventPublisher events;

    RoleService(
            JdbcRoleRepository roles,
            OrganizationService organizations,
            UserService users,
            ApplicationEventPublisher events) {
        this.roles = roles;
        this.organizations = organizations;
        this.users = users;
        this.events = events;
    }

    @Transactional
    public Role create(Caller caller, OrganizationId pathId, RoleRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ROLES_MANAGE);
        String name = name(request.name());
        String description = Text.optional("description", request.description(), 500);
        Set<Permission> permissions = permissions(request.permissions());
        caller.requireAll(permissions, null, "The role");
        Role role = unique(() -> roles.insertRole(org, Ids.next(), name, description, permissions, caller.actor()));
        publish(
                caller,
                org,
                "role.created",
                "role",
                role.id(),
                new Changes().set("name", name).set("description", description).set("permissions", role.permissions()));
        return role;
    }

    @Transactional(readOnly = true)
    public Page<Role> list(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ROLES_READ);
        int size = Cursor.limit(limit);
        return Page.of(
                roles.roles(org, Cursor.decode(cursor), size + 1),
                size,
                role -> new Cursor(role.createdAt(), role.id()));
    }

    @Transactional(readOnly = true)
    public Role get(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ROLES_READ);
        return roles.findRole(org, id).orElseThrow(RoleService::roleNotFound);
    }

    /**
     * Changes a custom role. The caller must hold the role's permissions before and after the change, so that no
     * one can widen a role beyond, or narrow one that reaches beyond, what they hold. Keys and users holding the
     * role get the new permissions on their next request.
     */
    @Transactional
    public Role update(Caller caller, OrganizationId pathId, UUID id, Patch<RoleRequest> patch) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ROLES_MANAGE);
        Role current = custom(roles.lockRole(org, id).orElseThrow(RoleService::roleNotFound));
        caller.requireAll(current.grants(), null, "The role");
        patch.requireNonNull("name", "permissions");
        RoleRequest values = patch.values();
        String name = patch.has("name") ? name(values.name()) : current.name();
        String description = patch.has("description")
                ? Text.optional("description", values.description(), 500)
                : current.description();
        Set<Permission> permissions = patch.has("permissions") ? permissions(values.permissions()) : current.grants();
        caller.requireAll(permissions, null, "The role");
        Role updated = unique(() -> roles.updateRole(org, id, name, description, permissions, caller.actor()));
        Changes changes = new Changes()
                .diff("name", current.name(), updated.name())
                .diff("description", current.description(), updated.description())
                .diff("permissions", current.permissions(), updated.permissions());
        if (!changes.isEmpty()) {
            publish(caller, org, "role.updated", "role", id, changes);
        }
        return updated;
    }

    /** Deletes a custom role that no user and no live API key holds (409 role_in_use otherwise). */
    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ROLES_MANAGE);
        Role current = custom(roles.lockRole(org, id).orElseThrow(RoleService::roleNotFound));
        caller.requireAll(current.grants(), null, "The role");
        long uses = roles.uses(id);
        if (uses > 0) {
            throw ProblemException.conflict(
                    "role_in_use",
                    "The role is held by " + uses + " role assignment(s) or API key(s); remove those first.");
        }
        roles.deleteRole(org, id);
        publish(caller, org, "role.deleted", "role", id, new Changes().diff("name", current.name(), null));
    }

    /** Every role the user holds, in effect or waiting for acceptance, across the organization or scoped. */
    @Transactional(readOnly = true)
    public List<RoleAssignment> assignments(Caller caller, OrganizationId pathId, UserId userId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        if (!caller.isUser(userId.value())) {
            caller.require(Permission.USERS_READ);
        }
        users.find(org, userId);
        return roles.assignments(org, userId);
    }

    /** The role assignments of each of these users (a list's page), in one query; needs users:read. */
    @Transactional(readOnly = true)
    public Map<UserId, List<RoleAssignment>> assignments(Caller caller, OrganizationId pathId, List<UserId> userIds) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        Map<UserId, List<RoleAssignment>> held = new HashMap<>();
        userIds.forEach(id -> held.put(id, new ArrayList<>()));
        for (RoleAssignment assignment : roles.assignments(org, userIds)) {
            held.get(new UserId(assignment.userId())).add(assignment);
        }
        return held;
    }

    /**
     * Gives a user a role, across the organization or on one environment. Needs roles:manage there and every
     * permission of the role there. 409 when the user already holds it there.
     */
    @Transactional
    public RoleAssignment assign(Caller caller, OrganizationId pathId, UserId userId, RoleAssignmentRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAnywhere(Permission.ROLES_MANAGE);
        User user = users.find(org, userId);
        if (user.deletedAt() != null) {
            throw ProblemException.conflict("user_deleted", "The user is deleted; restore it first.");
        }
        if (request == null || request.roleId() == null) {
            throw ProblemException.invalid("roleId", "is required");
        }
        Role role = roles.findRole(org, request.roleId())
                .orElseThrow(() -> ProblemException.invalid("roleId", "is not a role of this organization"));
        UUID resource = resource(org, request.resourceId(), "resourceId");
        caller.require(Permission.ROLES_MANAGE, resource);
        caller.requireAll(role.grants(), resource, "The role " + role.name());
        roles.lockAssignmentsOf(userId);
        if (roles.assignments(org, userId).size() >= MAX_ASSIGNMENTS) {
            throw ProblemException.conflict(
                    "too_many_role_assignments", "A user holds at most " + MAX_ASSIGNMENTS + " role assignments.");
        }
        RoleAssignment assignment = roles.assign(org, Ids.next(), userId, role.id(), resource, false, caller.actor())
                .orElseThrow(() ->
                        ProblemException.conflict("role_already_assigned", "The user already holds this role there."));
        publish(caller, org, "user.role_assigned", "user", userId.value(), described(assignment));
        return assignment;
    }

    /** Takes a role from a user; needs roles:manage and every permission of the role where it was held. */
    @Transactional
    public void unassign(Caller caller, OrganizationId pathId, UserId userId, UUID assignmentId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAnywhere(Permission.ROLES_MANAGE);
        users.find(org, userId);
        roles.lockAssignmentsOf(userId);
        RoleAssignment assignment = roles.findAssignment(org, userId, assignmentId)
                .orElseThrow(() -> ProblemException.notFound("Role assignment"));
        Role role = roles.findRole(org, assignment.roleId()).orElseThrow();
        caller.require(Permission.ROLES_MANAGE, assignment.resourceId());
        caller.requireAll(role.grants(), assignment.resourceId(), "The role " + role.name());
        roles.unassign(org, assignmentId);
        publish(caller, org, "user.role_removed", "user", userId.value(), described(assignment));
    }

    /**
     * What a signed-in user may do: the permissions of the roles it holds (not those waiting for an invitation's
     * acceptance), across the organization and per environment.
     */
    @Transactional(readOnly = true)
    public Grants grantsOf(OrganizationId org, UserId user) {
        Set<Permission> organizationWide = EnumSet.noneOf(Permission.class);
        Map<UUID, Set<Permission>> byResource = new HashMap<>();
        for (JdbcRoleRepository.Grant grant : roles.grantsOf(org, user)) {
            Set<Permission> permissions = Permission.of(grant.permissions());
            if (grant.resource() == null) {
                organizationWide.addAll(permissions);
            } else {
                byResource
                        .computeIfAbsent(grant.resource(), k -> EnumSet.noneOf(Permission.class))
                        .addAll(permissions);
            }
        }
        return new Grants(organizationWide, byResource);
    }

    /**
     * The role an API key is to carry, by name or by id (admin when neither is given), checked so that no key
     * can hold more than the caller creating it.
     */
    @Transactional(readOnly = true)
    public Role roleForKey(Caller caller, OrganizationId org, String name, UUID id) {
        if (name != null && id != null) {
            throw ProblemException.invalid("roleId", "give roleId or role, not both");
        }
        Role role;
        if (id != null) {
            role = roles.findRole(org, id)
                    .orElseThrow(() -> ProblemException.invalid("roleId", "is not a role of this organization"));
        } else {
            String wanted = name == null ? "admin" : name;
            role = roles.findRoleByName(org, wanted)
                    .orElseThrow(() -> ProblemException.invalid("role", "is not a role of this organization"));
        }
        caller.requireAll(role.grants(), null, "The key's role " + role.name());
        return role;
    }

    /**
     * Assigns the roles a user was created or updated with, in that transaction. Roles that grant no permission
     * (the built-in user role) need nothing more than the right to create the user; any other needs roles:manage
     * and every permission it carries, where it is scoped.
     */
    @EventListener
    void on(UserRolesRequested request) {
        OrganizationId org = request.organizationId();
        Caller caller = request.caller();
        roles.lockAssignmentsOf(request.userId());
        List<RoleAssignment> before = roles.assignments(org, request.userId());
        List<Wanted> wanted = new ArrayList<>();
        for (UserRolesRequested.RoleRef ref : request.roles()) {
            Role role = resolve(org, ref);
            UUID resource = resource(org, ref.resourceId(), ref.resourceField());
            boolean held = before.stream()
                    .anyMatch(a -> a.roleId().equals(role.id()) && Objects.equals(a.resourceId(), resource));
            if (!held) {
                checkGrant(caller, role, resource);
            }
            wanted.add(new Wanted(role, resource));
        }
        if (request.replace()) {
            for (RoleAssignment held : before) {
                boolean kept = held.resourceId() != null
                        || wanted.stream().anyMatch(w -> w.role().id().equals(held.roleId()));
                if (!kept) {
                    checkGrant(caller, roles.findRole(org, held.roleId()).orElseThrow(), null);
                    roles.unassign(org, held.id());
                }
            }
        }
        for (Wanted w : wanted) {
            roles.assign(
                    org, Ids.next(), request.userId(), w.role().id(), w.resource(), request.pending(), caller.actor());
        }
    }

    /** The roles that waited for an invitation's acceptance take effect. */
    @EventListener
    void on(UserActivated activated) {
        roles.activatePending(activated.organizationId(), activated.userId());
    }

    private record Wanted(Role role, UUID resource) {}

    private Role resolve(OrganizationId org, UserRolesRequested.RoleRef ref) {
        return (ref.roleId() != null ? roles.findRole(org, ref.roleId()) : roles.findRoleByName(org, ref.name()))
                .orElseThrow(() -> ProblemException.invalid(
                        ref.field(),
                        ref.roleId() != null
                                ? "is not a role of this organization"
                                : "names no role of this organization: " + ref.name()));
    }

    private static void checkGrant(Caller caller, Role role, UUID resource) {
        Set<Permission> permissions = role.grants();
        if (permissions.isEmpty()) {
            return;
        }
        caller.require(Permission.ROLES_MANAGE, resource);
        caller.requireAll(permissions, resource, "The role " + role.name());
    }

    /** An environment of the organization; null (the whole organization) for none or the organization's own id. */
    UUID resource(OrganizationId org, UUID resourceId, String field) {
        if (resourceId == null || resourceId.equals(org.value())) {
            return null;
        }
        roles.findEnvironment(org, resourceId)
                .orElseThrow(() -> ProblemException.invalid(
                        field, "must be an environment of this organization, or the organization itself"));
        return resourceId;
    }

    private static Role custom(Role role) {
        if (role.builtIn()) {
            throw ProblemException.conflict("role_built_in", "The built-in roles admin and user cannot be changed.");
        }
        return role;
    }

    private static String name(String given) {
        String name = Text.required("name", given, 100);
        if (name.equalsIgnoreCase("admin") || name.equalsIgnoreCase("user")) {
            throw ProblemException.conflict("role_name_taken", "admin and user are the built-in roles' names.");
        }
        return name;
    }

    private static Set<Permission> permissions(List<String> given) {
        if (given == null) {
            throw ProblemException.invalid("permissions", "is required; [] for a role that grants nothing");
        }
        return Permission.parse("permissions", given);
    }

    private static <T> T unique(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("role_name_taken", "Another role in this organization has this name.");
        }
    }

    private static Changes described(RoleAssignment assignment) {
        return new Changes()
                .set("assignmentId", assignment.id().toString())
                .set("roleId", assignment.roleId().toString())
                .set("role", assignment.roleName())
                .set("resourceId", Objects.toString(assignment.resourceId(), null));
    }

    private void publish(Caller caller, OrganizationId org, String action, String type, UUID id, Changes changes) {
        events.publishEvent(new ChangeMade(org, caller.actor(), action, type, id.toString(), changes.asMap()));
    }

    private static ProblemException roleNotFound() {
        return ProblemException.notFound("Role");
    }
}
