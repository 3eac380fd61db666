package dev.roster.sso;

import dev.roster.role.RoleAssignment;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.UserId;
import dev.roster.user.RoleAssignmentRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Re-applies a provider's groupRoles at each sign-in: the user holds, across the organization, each role mapped
 * from a group the ID token lists, and loses each mapped role this provider gave earlier whose group it no longer
 * lists. Roles given another way (an admin, SCIM) are never taken. Each change is audited by the role feature.
 */
@Component
class GroupRoleSync {

    private final RoleAssignmentService assignments;

    GroupRoleSync(RoleAssignmentService assignments) {
        this.assignments = assignments;
    }

    void apply(SsoProvider provider, UserId user, List<String> groups) {
        if (provider.groupRoles().isEmpty()) {
            return;
        }
        Caller caller = SsoAccounts.callerOf(provider);
        Set<UUID> mapped = provider.groupRoles().stream()
                .map(SsoProvider.GroupRole::roleId)
                .collect(Collectors.toSet());
        Set<UUID> wanted = provider.groupRoles().stream()
                .filter(g -> groups.contains(g.group()))
                .map(SsoProvider.GroupRole::roleId)
                .collect(Collectors.toSet());
        List<RoleAssignment> held = assignments.assignments(caller, provider.organizationId(), user).stream()
                .filter(a -> a.resourceId() == null)
                .toList();
        for (UUID role : wanted) {
            if (held.stream().noneMatch(a -> a.roleId().equals(role))) {
                assignments.assign(caller, provider.organizationId(), user, new RoleAssignmentRequest(role, null));
            }
        }
        for (RoleAssignment a : held) {
            boolean ours = caller.actor().equals(a.createdBy()) && mapped.contains(a.roleId());
            if (ours && !wanted.contains(a.roleId())) {
                assignments.unassign(caller, provider.organizationId(), user, a.id());
            }
        }
    }
}
