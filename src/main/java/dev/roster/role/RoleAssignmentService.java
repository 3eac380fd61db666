package dev.roster.role;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.RoleAssignmentRequest;
import dev.roster.user.User;
import dev.roster.user.UserActivated;
import dev.roster.user.UserService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who holds which role, across the organization or on one environment, and what that lets them do. Assigning or
 * removing a role, directly or with a user's create or update, needs roles:manage where the role is held and every
 * permission the role carries there: no one grants more than they hold.
 */
@Service
public class RoleAssignmentService {

    /** Each user holds at most this many role assignments. */
    static final int MAX_ASSIGNMENTS = 100;

    private final JdbcRoleAssignmentRepository assignments;
    private final JdbcRoleRepository roles;
    private final JdbcEnvironmentRepository environments;
    private final OrganizationService organizations;
    private final UserService users;
    private final ApplicationEventPublisher events;

    RoleAssignmentService(
            JdbcRoleAssignmentRepository assignments,
            JdbcRoleRepository roles,
            JdbcEnvironmentRepository environments,
            OrganizationService organizations,
            UserService users,
            ApplicationEventPublisher events) {
        this.assignments = assignments;
        this.roles = roles;
        this.environments = environments;
        this.organizations = organizations;
        this.users = users;
        this.events = events;
    }

    /** Every role the user holds, in effect or waiting for acceptance, across the organization or scoped. */
    @Transactional(readOnly = true)
    public List<RoleAssignment> assignments(Caller caller, OrganizationId pathId, UserId userId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        if (!caller.isUser(userId.value())) {
            caller.require(Permission.USERS_READ);
        }
        users.find(org, userId);
        return assignments.assignments(org, userId);
    }

    /** The role assignments of each of these users (a list's page), in one query; needs users:read. */
    @Transactional(readOnly = true)
    public Map<UserId, List<RoleAssignment>> assignments(Caller caller, OrganizationId pathId, List<UserId> userIds) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        Map<UserId, List<RoleAssignment>> held = new HashMap<>();
        userIds.forEach(id -> held.put(id, new ArrayList<>()));
        for (RoleAssignment assignment : assignments.assignments(org, userIds)) {
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
        assignments.lockAssignmentsOf(userId);
        if (assignments.assignments(org, userId).size() >= MAX_ASSIGNMENTS) {
            throw ProblemException.conflict(
                    "too_many_role_assignments", "A user holds at most " + MAX_ASSIGNMENTS + " role assignments.");
        }
        RoleAssignment assignment = assignments
                .assign(org, Ids.next(), userId, role.id(), role.name(), resource, false, caller.actor())
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
        assignments.lockAssignmentsOf(userId);
        RoleAssignment assignment = assignments
                .findAssignment(org, userId, assignmentId)
                .orElseThrow(() -> ProblemException.notFound("Role assignment"));
        Role role = roles.findRole(org, assignment.roleId()).orElseThrow();
        caller.require(Permission.ROLES_MANAGE, assignment.resourceId());
        caller.requireAll(role.grants(), assignment.resourceId(), "The role " + role.name());
        assignments.unassign(org, assignmentId);
        publish(caller, org, "user.role_removed", "user", userId.value(), described(assignment));
    }

    /**
     * What a signed-in user may do: the permissions of the roles it holds (not those waiting for an invitation's
     * acceptance), across the organization and per environment.
     */
    @Transactional(readOnly = true)
    public Grants grantsOf(OrganizationId org, UserId user) {
        return grants(org, user, false);
    }

    /**
     * Fails with 403 {@code permission_escalation} unless the caller holds every permission that the user's roles
     * carry, in effect or waiting for acceptance, where they are held. Sending a user its invitation, or changing
     * the address an invitation goes to, hands whoever reads that email all of the user's roles: it is a grant.
     */
    @Transactional(readOnly = true)
    public void requireMayGrantRolesOf(Caller caller, OrganizationId org, UserId user) {
        Grants held = grants(org, user, true);
        caller.requireAll(held.organizationWide(), null, "This user's roles");
        held.byResource()
                .forEach((resource, permissions) -> caller.requireAll(permissions, resource, "This user's roles"));
    }

    /**
     * The organization's roles (built-in or custom) with these names, compared as a create compares them, keyed by
     * the name as asked; names no role has are absent. For checking a file of people before any is created.
     */
    @Transactional(readOnly = true)
    public Map<String, Role> rolesNamed(Caller caller, OrganizationId pathId, Collection<String> names) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        return names.isEmpty() ? Map.of() : roles.findRolesByName(org, names);
    }

    /**
     * Fails as giving the role across the organization with a user's create would: {@code permission_required}
     * without roles:manage, {@code permission_escalation} for a permission the caller lacks. A role that grants
     * nothing needs nothing.
     */
    public void requireMayGrant(Caller caller, Role role) {
        checkGrant(caller, role, null);
    }

    private Grants grants(OrganizationId org, UserId user, boolean withPending) {
        Set<Permission> organizationWide = EnumSet.noneOf(Permission.class);
        Map<UUID, Set<Permission>> byResource = new HashMap<>();
        for (JdbcRoleAssignmentRepository.Grant grant : assignments.grantsOf(org, user, withPending)) {
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

    /** The roles that waited for an invitation's acceptance take effect. */
    @EventListener
    void on(UserActivated activated) {
        assignments.activatePending(activated.organizationId(), activated.userId());
    }

    /** Fails unless the caller may grant the role there: roles:manage and every permission it carries. */
    static void checkGrant(Caller caller, Role role, UUID resource) {
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
        environments.findEnvironment(org, resourceId).orElseThrow(() -> invalidResource(field));
        return resourceId;
    }

    static ProblemException invalidResource(String field) {
        return ProblemException.invalid(
                field, "must be an environment of this organization, or the organization itself");
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
}
