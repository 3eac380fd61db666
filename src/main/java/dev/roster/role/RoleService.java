package dev.roster.role;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in and custom roles. A caller can only grant what it holds itself: creating or changing a role, or
 * giving one to an API key, checks that the caller holds every permission of the role ({@link
 * RoleAssignmentService} checks the same when a role is given to a user).
 */
@Service
public class RoleService {

    private final JdbcRoleRepository roles;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    RoleService(JdbcRoleRepository roles, OrganizationService organizations, ApplicationEventPublisher events) {
        this.roles = roles;
        this.organizations = organizations;
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

    /**
     * Who holds each role of the organization: its live members that hold it across the organization (in effect)
     * and its live API keys, by role id; a role no one holds is absent. Needs roles:read.
     */
    @Transactional(readOnly = true)
    public Map<UUID, RoleHolders> holders(Caller caller, OrganizationId pathId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ROLES_READ);
        return roles.holders(org);
    }

    /** A role of the organization, for the features that act with one (an application on its own). */
    @Transactional(readOnly = true)
    public Optional<Role> find(OrganizationId org, UUID id) {
        return roles.findRole(org, id);
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

    private void publish(Caller caller, OrganizationId org, String action, String type, UUID id, Changes changes) {
        events.publishEvent(new ChangeMade(org, caller.actor(), action, type, id.toString(), changes.asMap()));
    }

    private static ProblemException roleNotFound() {
        return ProblemException.notFound("Role");
    }
}
