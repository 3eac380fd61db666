package dev.roster.compat.aptly;

import dev.roster.directory.DirectoryService;
import dev.roster.directory.Membership;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.UserId;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.User;
import dev.roster.user.UserService;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aptly's create user: {@link UserService#create} sets the roles, groups, manager and positions in its one
 * transaction, and the record Aptly answers with is read in that same transaction, so a caller that may not read it
 * creates nothing.
 */
@Service
class AptlyUsers {

    /** What Aptly's sample puts around the digits of an international number: {@code +1 (555) 123-4567}. */
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");

    private final UserService users;
    private final RoleAssignmentService roles;
    private final DirectoryService directory;

    AptlyUsers(UserService users, RoleAssignmentService roles, DirectoryService directory) {
        this.users = users;
        this.roles = roles;
        this.directory = directory;
    }

    @Transactional
    public AptlyUser create(Caller caller, AptlyCreateUserRequest request) {
        OrganizationId tenant = request.tenantId() == null ? null : new OrganizationId(request.tenantId());
        User created = users.create(caller, tenant, roster(request));
        return AptlyUser.of(parts(caller, created), manager(caller, created));
    }

    /** The manager's summary: its positions and primary group (Aptly shows no roles for a manager). */
    private AptlyManager manager(Caller caller, User user) {
        if (user.managerId() == null) {
            return null;
        }
        User manager = users.get(caller, user.organizationId(), user.managerId());
        return AptlyManager.of(
                manager,
                groups(caller, manager),
                directory.positionsOf(caller, manager.organizationId(), manager.id()));
    }

    /**
     * A user with its roles, positions and, where the caller may read groups, its groups: reading the directory is
     * not needed to create a user, so a caller without groups:read gets the record without them.
     */
    private AptlyUser.Parts parts(Caller caller, User user) {
        OrganizationId org = user.organizationId();
        UserId id = user.id();
        return new AptlyUser.Parts(
                user, roles.assignments(caller, org, id), groups(caller, user), directory.positionsOf(caller, org, id));
    }

    private List<Membership> groups(Caller caller, User user) {
        return caller.grants().holds(Permission.GROUPS_READ)
                ? directory.groupsOf(caller, user.organizationId(), user.id())
                : List.of();
    }

    /** The one place an Aptly request becomes Roster's: inviteViaEmail sends a link to set a password. */
    private static CreateUserRequest roster(AptlyCreateUserRequest request) {
        return CreateUserRequest.builder(request.email())
                .firstName(request.firstName())
                .lastName(request.lastName())
                .mobilePhone(e164(request.mobilePhone()))
                .roleIds(request.roleIds())
                .sendInvitation(request.inviteViaEmail())
                .managerId(request.managerId())
                .groups(request.groups())
                .positionIds(request.positionIds())
                .invitationType("link")
                .build();
    }

    /**
     * An international number written with punctuation, as Aptly's sample writes it, becomes E.164; anything else
     * goes to Roster as given, which refuses what is not E.164.
     */
    static String e164(String phone) {
        if (phone == null || !phone.strip().startsWith("+")) {
            return phone;
        }
        return PHONE_PUNCTUATION.matcher(phone).replaceAll("");
    }
}
