package dev.roster.console;

import dev.roster.audit.AuditEvent;
import dev.roster.audit.AuditService;
import dev.roster.auth.BrowserSession;
import dev.roster.auth.SessionService;
import dev.roster.directory.DirectoryService;
import dev.roster.directory.Membership;
import dev.roster.directory.Position;
import dev.roster.role.Environment;
import dev.roster.role.EnvironmentService;
import dev.roster.role.Role;
import dev.roster.role.RoleAssignment;
import dev.roster.role.RoleAssignmentService;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.sso.Identity;
import dev.roster.sso.IdentityService;
import dev.roster.user.User;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The sections of a member's page beyond its profile: roles (with those waiting for acceptance), groups, positions,
 * browser sessions, SSO identities and the member's audit trail. Each is read through its feature's service with the
 * signed-in member's caller, and a section the caller may not read (the service says 403) is left off the page.
 */
@Component
class MemberSections {

    private static final int AUDIT_EVENTS = 20;

    private final RoleAssignmentService assignments;
    private final RoleService roles;
    private final EnvironmentService environments;
    private final DirectoryService directory;
    private final SessionService sessions;
    private final IdentityService identities;
    private final AuditService audit;

    MemberSections(
            RoleAssignmentService assignments,
            RoleService roles,
            EnvironmentService environments,
            DirectoryService directory,
            SessionService sessions,
            IdentityService identities,
            AuditService audit) {
        this.assignments = assignments;
        this.roles = roles;
        this.environments = environments;
        this.directory = directory;
        this.sessions = sessions;
        this.identities = identities;
        this.audit = audit;
    }

    /**
     * What the member's page shows of these sections; a null list is a section the caller may not read.
     *
     * @param roleChoices the roles the caller may offer when it may give roles (roles:manage); empty otherwise
     * @param environmentChoices the organization's environments; empty when the caller cannot list them
     */
    record Sections(
            List<RoleAssignment> roles,
            List<Role> roleChoices,
            List<Environment> environmentChoices,
            List<Membership> groups,
            List<Position> positions,
            List<BrowserSession> sessions,
            List<Identity> identities,
            List<AuditEvent> audit) {

        /** Where a role is held: the whole organization, or an environment by name when the caller may read it. */
        public String where(RoleAssignment assignment) {
            if (assignment.resourceId() == null) {
                return "the whole organization";
            }
            return environmentChoices.stream()
                    .filter(environment -> environment.id().equals(assignment.resourceId()))
                    .map(environment -> "environment " + environment.name())
                    .findFirst()
                    .orElse("environment " + assignment.resourceId());
        }
    }

    Sections of(Caller caller, User member) {
        UserId id = member.id();
        boolean managesRoles = caller.grants().holds(Permission.ROLES_MANAGE) && member.deletedAt() == null;
        return new Sections(
                readable(() -> assignments.assignments(caller, null, id)),
                managesRoles
                        ? orEmpty(readable(
                                () -> roles.list(caller, null, null, 200).data()))
                        : List.of(),
                orEmpty(readable(
                        () -> environments.list(caller, null, null, 200).data())),
                readable(() -> directory.groupsOf(caller, null, id)),
                readable(() -> directory.positionsOf(caller, null, id)),
                readable(() -> sessions.sessionsOf(caller, null, id)),
                readable(() -> identities.list(caller, null, id, null, 50).data()),
                readable(() -> audit.list(caller, null, null, id.toString(), null, AUDIT_EVENTS)
                        .data()));
    }

    private static <T> List<T> readable(Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                return null;
            }
            throw e;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
