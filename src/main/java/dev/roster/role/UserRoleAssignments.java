package dev.roster.role;

import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.user.NewUserRoles;
import dev.roster.user.UserRoles;
import dev.roster.user.UserRolesRequested;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The roles a user is created or updated with. Roles that grant no permission (the built-in user role) need nothing
 * more than the right to create the user; any other needs roles:manage and every permission it carries, where it is
 * scoped.
 */
@Service
class UserRoleAssignments implements UserRoles {

    private final JdbcRoleAssignmentRepository assignments;
    private final JdbcRoleRepository roles;
    private final JdbcEnvironmentRepository environments;

    UserRoleAssignments(
            JdbcRoleAssignmentRepository assignments,
            JdbcRoleRepository roles,
            JdbcEnvironmentRepository environments) {
        this.assignments = assignments;
        this.roles = roles;
        this.environments = environments;
    }

    @Override
    public NewUserRoles resolve(UserRolesRequested request) {
        return new NewUserRoles(request, granted(request, List.of()));
    }

    @Override
    public void assign(NewUserRoles granted) {
        granted.grants().forEach(grant -> assign(granted.request(), grant));
    }

    @Override
    public void replace(UserRolesRequested request) {
        OrganizationId org = request.organizationId();
        assignments.lockAssignmentsOf(request.userId());
        List<RoleAssignment> before = assignments.assignments(org, request.userId());
        List<NewUserRoles.Grant> wanted = granted(request, before);
        for (RoleAssignment held : before) {
            boolean kept = held.resourceId() != null
                    || wanted.stream().anyMatch(w -> w.roleId().equals(held.roleId()));
            if (!kept) {
                RoleAssignmentService.checkGrant(
                        request.caller(), roles.findRole(org, held.roleId()).orElseThrow(), null);
                assignments.unassign(org, held.id());
            }
        }
        wanted.forEach(grant -> assign(request, grant));
    }

    /**
     * Each role the request names, once per place, after checking that the caller may grant it there unless the user
     * holds it there already.
     */
    private List<NewUserRoles.Grant> granted(UserRolesRequested request, List<RoleAssignment> held) {
        OrganizationId org = request.organizationId();
        Resolved resolved = resolveAll(org, request.roles());
        Set<NewUserRoles.Grant> grants = new LinkedHashSet<>();
        for (UserRolesRequested.RoleRef ref : request.roles()) {
            Role role = resolved.role(ref);
            UUID resource = resolved.resource(org, ref);
            if (held.stream()
                    .noneMatch(a -> a.roleId().equals(role.id()) && Objects.equals(a.resourceId(), resource))) {
                RoleAssignmentService.checkGrant(request.caller(), role, resource);
            }
            grants.add(new NewUserRoles.Grant(role.id(), role.name(), resource));
        }
        return List.copyOf(grants);
    }

    private void assign(UserRolesRequested request, NewUserRoles.Grant grant) {
        assignments.assign(
                request.organizationId(),
                Ids.next(),
                request.userId(),
                grant.roleId(),
                grant.roleName(),
                grant.resourceId(),
                request.pending(),
                request.caller().actor());
    }

    /**
     * Looks up every role and environment the refs name with one query each (by id, by name, environments), not
     * one per ref.
     */
    private Resolved resolveAll(OrganizationId org, List<UserRolesRequested.RoleRef> refs) {
        Set<UUID> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<UUID> resources = new HashSet<>();
        for (UserRolesRequested.RoleRef ref : refs) {
            if (ref.roleId() != null) {
                ids.add(ref.roleId());
            } else {
                names.add(ref.name());
            }
            if (ref.resourceId() != null && !ref.resourceId().equals(org.value())) {
                resources.add(ref.resourceId());
            }
        }
        Set<UUID> environmentIds = new HashSet<>();
        if (!resources.isEmpty()) {
            environments.environments(org, resources, null, resources.size()).forEach(e -> environmentIds.add(e.id()));
        }
        return new Resolved(roles.findRoles(org, ids), roles.findRolesByName(org, names), environmentIds);
    }

    /** The roles and environments a request's refs name, as found. */
    private record Resolved(Map<UUID, Role> byId, Map<String, Role> byName, Set<UUID> environments) {

        Role role(UserRolesRequested.RoleRef ref) {
            Role role = ref.roleId() != null ? byId.get(ref.roleId()) : byName.get(ref.name());
            if (role == null) {
                throw ProblemException.invalid(
                        ref.field(),
                        ref.roleId() != null
                                ? "is not a role of this organization"
                                : "names no role of this organization: " + ref.name());
            }
            return role;
        }

        UUID resource(OrganizationId org, UserRolesRequested.RoleRef ref) {
            if (ref.resourceId() == null || ref.resourceId().equals(org.value())) {
                return null;
            }
            if (!environments.contains(ref.resourceId())) {
                throw RoleAssignmentService.invalidResource(ref.resourceField());
            }
            return ref.resourceId();
        }
    }
}
