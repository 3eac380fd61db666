package dev.roster.console;

import dev.roster.audit.AuditEvent;
import dev.roster.audit.AuditService;
import dev.roster.auth.BrowserSession;
import dev.roster.auth.SessionService;
import dev.roster.directory.DirectoryService;
import dev.roster.directory.Group;
import dev.roster.directory.Membership;
import dev.roster.directory.Position;
import dev.roster.role.Environment;
import dev.roster.role.EnvironmentService;
import dev.roster.role.Role;
import dev.roster.role.RoleAssignment;
import dev.roster.role.RoleAssignmentService;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.sso.Identity;
import dev.roster.sso.IdentityService;
import dev.roster.user.User;
import dev.roster.user.UserService;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The sections of a member's page beyond its profile: roles (with those waiting for acceptance), direct reports,
 * groups, positions, browser sessions, SSO identities and the member's audit trail. Each is read through its
 * feature's service with the signed-in member's caller, and a section the caller may not read (the service says 403)
 * is left off the page. Reports and the audit trail come a keyset page at a time.
 */
@Component
class MemberSections {

    /** Reports and audit events a page. */
    static final int PAGE_SIZE = 20;

    private final RoleAssignmentService assignments;
    private final RoleService roles;
    private final EnvironmentService environments;
    private final DirectoryService directory;
    private final UserService users;
    private final SessionService sessions;
    private final IdentityService identities;
    private final AuditService audit;

    MemberSections(
            RoleAssignmentService assignments,
            RoleService roles,
            EnvironmentService environments,
            DirectoryService directory,
            UserService users,
            SessionService sessions,
            IdentityService identities,
            AuditService audit) {
        this.assignments = assignments;
        this.roles = roles;
        this.environments = environments;
        this.directory = directory;
        this.users = users;
        this.sessions = sessions;
        this.identities = identities;
        this.audit = audit;
    }

    /**
     * What the member's page shows of these sections; a null list or page is a section the caller may not read.
     *
     * @param roleChoices the roles the caller may offer when it may give roles (roles:manage); empty otherwise
     * @param environmentChoices the organization's environments; empty when the caller cannot list them
     * @param reports one page of the members who report to this one
     * @param groupChoices the groups the member is not in, when the caller may manage groups; empty otherwise
     * @param positionChoices the positions the member does not hold, when the caller may manage them; empty otherwise
     * @param audit one page of the member's audit trail, oldest first
     */
    record Sections(
            List<RoleAssignment> roles,
            List<Role> roleChoices,
            List<Environment> environmentChoices,
            Page<User> reports,
            List<Membership> groups,
            List<Group> groupChoices,
            List<Position> positions,
            List<Position> positionChoices,
            List<BrowserSession> sessions,
            List<Identity> identities,
            Page<AuditEvent> audit) {

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

    /**
     * The sections, with the reports and the audit trail from these cursors (null: their first page); the choices of
     * roles, groups and positions are read only when {@code actions} lets the caller give them.
     */
    Sections of(Caller caller, User member, MemberActions actions, String reportsCursor, String auditCursor) {
        UserId id = member.id();
        boolean managesRoles = actions.manageRoles();
        boolean managesGroups = actions.manageGroups();
        List<Membership> groups = readable(() -> directory.groupsOf(caller, null, id));
        List<Position> positions = readable(() -> directory.positionsOf(caller, null, id));
        return new Sections(
                readable(() -> assignments.assignments(caller, null, id)),
                managesRoles
                        ? orEmpty(readable(
                                () -> roles.list(caller, null, null, 200).data()))
                        : List.of(),
                orEmpty(readable(
                        () -> environments.list(caller, null, null, 200).data())),
                readable(() -> users.reportsOf(caller, null, id, reportsCursor, PAGE_SIZE)),
                groups,
                managesGroups && groups != null ? orEmpty(readable(() -> groupChoices(caller, groups))) : List.of(),
                positions,
                managesGroups && positions != null
                        ? orEmpty(readable(() -> positionChoices(caller, positions)))
                        : List.of(),
                readable(() -> sessions.sessionsOf(caller, null, id)),
                readable(() -> identities.list(caller, null, id, null, 50).data()),
                readable(() -> audit.list(caller, null, null, id.toString(), auditCursor, PAGE_SIZE)));
    }

    /** The organization's first 200 groups that the member is not in. */
    private List<Group> groupChoices(Caller caller, List<Membership> joined) {
        Set<UUID> in = joined.stream().map(m -> m.group().id()).collect(Collectors.toSet());
        return directory.groups(caller, null, null, 200).data().stream()
                .filter(group -> !in.contains(group.id()))
                .toList();
    }

    /** The organization's first 200 positions that the member does not hold. */
    private List<Position> positionChoices(Caller caller, List<Position> held) {
        Set<UUID> holds = held.stream().map(Position::id).collect(Collectors.toSet());
        return directory.positions(caller, null, null, 200).data().stream()
                .filter(position -> !holds.contains(position.id()))
                .toList();
    }

    private static <T> T readable(Supplier<T> read) {
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
