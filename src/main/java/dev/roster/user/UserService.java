package dev.roster.user;

import dev.roster.organization.OrganizationDeleted;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.Text;
import dev.roster.shared.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users of an organization. Every method takes the caller and the organization named in the path (null for the
 * caller's own), checks that the caller may act there, and runs as one transaction with its audit event.
 */
@Service
public class UserService {

    private final JdbcUserRepository users;
    private final UserRules rules;
    private final OrganizationService organizations;
    private final SsoAvailability sso;
    private final UserRoles userRoles;
    private final ApplicationEventPublisher events;
    private final boolean emailUniqueAcrossPlatform;

    UserService(
            JdbcUserRepository users,
            UserRules rules,
            OrganizationService organizations,
            SsoAvailability sso,
            UserRoles userRoles,
            ApplicationEventPublisher events,
            RosterProperties properties) {
        this.users = users;
        this.rules = rules;
        this.organizations = organizations;
        this.sso = sso;
        this.userRoles = userRoles;
        this.events = events;
        this.emailUniqueAcrossPlatform = properties.users().emailUniqueAcrossPlatform();
    }

    /**
     * Creates a user, taking one seat. Fails with 409 {@code email_taken} when a live user has the email (in this
     * organization, or anywhere when emails are unique across the platform) and 403 {@code seat_limit_reached}
     * when every seat is taken; both checks hold under any concurrency, on any number of nodes. A user with an email
     * at a verified domain that requires SSO is made active without an invitation, as an SSO-only user is: it has no
     * password to set.
     */
    @Transactional
    public User create(Caller caller, OrganizationId pathId, CreateUserRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        UserDraft draft = rules.draft(request);
        UserRules.InvitationChoice invitation = UserRules.invitation(request);
        List<UserRolesRequested.RoleRef> roles = UserRules.roles(request);
        UserRules.checkPlacement(request);
        // A user who signs in only through SSO (SSO-only, or under a domain that requires it) sets no password: it is
        // made active and sent no invitation.
        boolean invites = draft.sendInvitation()
                && draft.allowPasswordAuth()
                && !sso.requiresSso(org, draft.email().value());
        if (invites) {
            caller.require(Permission.USERS_INVITE);
        }
        if (!draft.allowPasswordAuth()) {
            requireSsoProvider(org);
        }
        checkManager(org, null, draft.managerId());
        UserId id = new UserId(Ids.next());
        boolean pending = invites && organizations.rolesTakeEffectOnAccept(org);
        NewUserRoles granted = userRoles.resolve(new UserRolesRequested(caller, org, id, roles, pending));
        users.lockEmail(draft.email());
        UserStatus status = invites ? UserStatus.INVITED : UserStatus.ACTIVE;
        User created = save(() -> users.insert(
                        org,
                        id,
                        draft,
                        status,
                        caller.actor(),
                        emailUniqueAcrossPlatform,
                        granted.organizationWide(),
                        pending))
                .orElseThrow(UserService::emailTaken);
        userRoles.assign(granted);
        publish(caller, "user.created", created, created(created));
        if (request.groups() != null || request.positionIds() != null) {
            events.publishEvent(new UserPlaced(
                    caller,
                    org,
                    id,
                    request.groups() == null ? List.of() : request.groups(),
                    request.positionIds() == null ? List.of() : request.positionIds()));
        }
        if (invites) {
            events.publishEvent(new UserInvitationRequested(
                    caller, org, id, created.email(), invitation.type(), invitation.expiresInDays()));
            created = reload(org, id);
        }
        // Last, so that the organization's row stays locked only for this update and the commit: creates in one
        // organization queue on that lock. A full organization rolls the whole create back.
        organizations.takeSeat(org);
        return created;
    }

    /**
     * A page of the organization's users with these filters, oldest first or by name, by keyset: one query however
     * deep the page, so no transaction of its own. The cursor is the previous page's {@code nextCursor} of the same
     * order.
     */
    public Page<User> list(Caller caller, OrganizationId pathId, UserQuery query, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        int size = Cursor.limit(limit);
        UserQuery checked = check(query);
        if (checked.byName()) {
            Page<JdbcUserRepository.Named> named = Page.ofEncoded(
                    users.pageByName(org, checked, NameCursor.decode(cursor), size + 1),
                    size,
                    row -> new NameCursor(row.sortName(), row.user().id().value()).encode());
            return new Page<>(
                    named.data().stream().map(JdbcUserRepository.Named::user).toList(), named.nextCursor());
        }
        return Page.of(
                users.page(org, checked, Cursor.decode(cursor), size + 1),
                size,
                user -> new Cursor(user.createdAt(), user.id().value()));
    }

    /**
     * The users of {@link #list} from a position on, for surfaces with numbered pages: one query that loads only
     * this page's rows, however far into the list it is. One statement, so no transaction.
     */
    public List<User> listAt(Caller caller, OrganizationId pathId, UserQuery query, long offset, int limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        return users.pageAt(org, check(query), offset, Cursor.limit(limit));
    }

    /** How many users {@link #list} holds with these filters, over all its pages. One statement, no transaction. */
    public long count(Caller caller, OrganizationId pathId, UserQuery query) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        return users.count(org, check(query));
    }

    /**
     * A user of the organization, deleted or not (a deleted user shows deletedAt). Needs users:read, except for a
     * signed-in user reading itself. One statement, so no transaction: it costs one round trip, not three.
     */
    public User get(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        if (!caller.isUser(id.value())) {
            caller.require(Permission.USERS_READ);
        }
        return users.find(org, id).orElseThrow(UserService::notFound);
    }

    /**
     * The live users who report directly to this user (their manager is this user), oldest first in keyset pages;
     * needs users:read. 404 for a user that is not the organization's.
     */
    @Transactional(readOnly = true)
    public Page<User> reportsOf(Caller caller, OrganizationId pathId, UserId managerId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        users.find(org, managerId).orElseThrow(UserService::notFound);
        int size = Cursor.limit(limit);
        return Page.of(
                users.reports(org, managerId, Cursor.decode(cursor), size + 1),
                size,
                user -> new Cursor(user.createdAt(), user.id().value()));
    }

    /**
     * The users of the organization with these ids, deleted or not, in no particular order; unknown ids are left out.
     * One statement, so no transaction: a SCIM lookup by userName pays for two statements, not four.
     */
    public List<User> getAll(Caller caller, OrganizationId pathId, Collection<UserId> ids) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        return ids.isEmpty() ? List.of() : users.findAll(org, ids);
    }

    /**
     * Changes the fields present in the patch; an email change is checked as on create. Changing the email of a
     * user who has not accepted yet ends its invitation and counts as granting its roles (the next invitation goes
     * to the new address). Making a user SSO-only needs an enabled SSO provider, as on create, and ends its
     * password, its password invitation and its refresh tokens.
     */
    @Transactional
    public User update(Caller caller, OrganizationId pathId, UserId id, Patch<UpdateUserRequest> patch) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User current = live(org, id);
        UserDraft draft = rules.apply(current, patch);
        List<UserRolesRequested.RoleRef> roles = UserRules.roles(patch);
        boolean emailChanged = !draft.email().value().equals(current.email());
        boolean madeSsoOnly = current.allowPasswordAuth() && !draft.allowPasswordAuth();
        if (emailChanged) {
            claimEmail(org, draft.email(), id);
        }
        if (madeSsoOnly) {
            requireSsoProvider(org);
        }
        if (draft.managerId() != null && !draft.managerId().equals(current.managerId())) {
            checkManager(org, id, draft.managerId());
        }
        save(() -> users.update(org, id, draft, caller.actor()));
        if (emailChanged && current.status() == UserStatus.INVITED) {
            events.publishEvent(new InviteeEmailChanged(caller, org, id));
        }
        if (madeSsoOnly) {
            events.publishEvent(new UserMadeSsoOnly(org, id, caller.actor()));
        }
        if (roles != null) {
            boolean pending = current.status() == UserStatus.INVITED && organizations.rolesTakeEffectOnAccept(org);
            userRoles.replace(new UserRolesRequested(caller, org, id, roles, pending));
        }
        User updated = reload(org, id);
        Changes changes = diff(current, updated);
        if (!changes.isEmpty()) {
            publish(caller, "user.updated", updated, changes);
        }
        return updated;
    }

    /** Stops the user from signing in; the user keeps its seat. Deactivating twice changes nothing. */
    @Transactional
    public User deactivate(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User current = live(org, id);
        if (current.status() == UserStatus.DEACTIVATED) {
            return current;
        }
        User deactivated = changeStatus(caller, org, current, UserStatus.DEACTIVATED, "user.deactivated");
        events.publishEvent(new UserDeparted(org, id, caller.actor()));
        return deactivated;
    }

    /** Lets a deactivated user back in: active if it ever was, invited otherwise. */
    @Transactional
    public User reactivate(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User current = live(org, id);
        if (current.status() != UserStatus.DEACTIVATED) {
            return current;
        }
        return changeStatus(caller, org, current, users.statusBeforeDeactivation(org, id), "user.reactivated");
    }

    /** Soft-deletes the user: the row stays, its seat and its email are freed. */
    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        live(org, id);
        users.markDeleted(org, id, caller.actor(), true);
        User deleted = reload(org, id);
        organizations.releaseSeat(org);
        List<UserId> reports = users.clearReportsOf(org, id, caller.actor());
        publish(
                caller,
                "user.deleted",
                deleted,
                new Changes()
                        .set("deletedAt", deleted.deletedAt())
                        .set(
                                "reportsUnassigned",
                                reports.isEmpty()
                                        ? null
                                        : reports.stream().map(UserId::toString).toList()));
        events.publishEvent(new UserDeparted(org, id, caller.actor()));
        for (UserId report : reports) {
            events.publishEvent(new ChangeMade(
                    org,
                    caller.actor(),
                    "user.updated",
                    "user",
                    report.toString(),
                    new Changes().diff("managerId", id.toString(), null).asMap()));
        }
    }

    /** Brings a deleted user back while its email and a seat are free. */
    @Transactional
    public User restore(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User current = users.lock(org, id).orElseThrow(UserService::notFound);
        if (!current.deleted()) {
            throw ProblemException.conflict("user_not_deleted", "The user is not deleted.");
        }
        claimEmail(org, new Email(current.email()), id);
        organizations.takeSeat(org);
        users.markDeleted(org, id, caller.actor(), false);
        User restored = reload(org, id);
        publish(caller, "user.restored", restored, new Changes().diff("deletedAt", current.deletedAt(), null));
        return restored;
    }

    /**
     * Makes an invited user active when it accepts its invitation; the roles that waited for acceptance take
     * effect. For the invitation feature; callers have already proven the invitation.
     */
    @Transactional
    public void activate(OrganizationId org, UserId id, String actor) {
        User before = reload(org, id);
        users.activate(org, id, actor);
        events.publishEvent(new UserActivated(org, id, actor));
        User after = reload(org, id);
        Changes changes = new Changes()
                .diff("status", before.status(), after.status())
                .diff("roles", before.roles(), after.roles());
        if (!changes.isEmpty()) {
            events.publishEvent(new ChangeMade(org, actor, "user.activated", "user", id.toString(), changes.asMap()));
        }
    }

    /** Fills in the names an invitee gave on acceptance, where the user had none. */
    @Transactional
    public void completeProfile(OrganizationId org, UserId id, String firstName, String lastName, String actor) {
        User current = reload(org, id);
        String first = current.firstName() != null ? current.firstName() : Text.optional("firstName", firstName, 100);
        String last = current.lastName() != null ? current.lastName() : Text.optional("lastName", lastName, 100);
        Changes changes =
                new Changes().diff("firstName", current.firstName(), first).diff("lastName", current.lastName(), last);
        if (changes.isEmpty()) {
            return;
        }
        users.update(org, id, UserDraft.of(current).withNames(first, last), actor);
        events.publishEvent(new ChangeMade(org, actor, "user.updated", "user", id.toString(), changes.asMap()));
    }

    /**
     * Of these emails (already normalised by {@link Email#parse}), those a create would refuse with {@code
     * email_taken} now: for checking a file of people before any is created. Needs what a create needs, since a
     * create tells the same.
     */
    @Transactional(readOnly = true)
    public Set<String> takenEmails(Caller caller, OrganizationId pathId, Collection<String> emails) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        return emails.isEmpty() ? Set.of() : users.takenEmails(org, emails, emailUniqueAcrossPlatform);
    }

    /**
     * The users of the organization with these emails (normalised) that may be someone's manager (active or
     * invited, not deleted), by email: for setting managers named by email. Needs users:write.
     */
    @Transactional(readOnly = true)
    public Map<String, UserId> managersByEmail(Caller caller, OrganizationId pathId, Collection<String> emails) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        return emails.isEmpty() ? Map.of() : users.assignableByEmail(org, emails);
    }

    /** The live users that have this email, for sign-in; empty for an address that is not an email. */
    @Transactional(readOnly = true)
    public List<SignInCandidate> findForSignIn(String email) {
        try {
            return users.findForSignIn(Email.parse("email", email));
        } catch (ProblemException notAnEmail) {
            return List.of();
        }
    }

    /**
     * Whether the organization has a deleted user with this email: a sign-in that would make a new user for it is
     * refused instead, since an admin can restore the deleted one.
     */
    @Transactional(readOnly = true)
    public boolean hasDeleted(OrganizationId org, String email) {
        try {
            return users.hasDeleted(org, Email.parse("email", email));
        } catch (ProblemException notAnEmail) {
            return false;
        }
    }

    /** A live user of a live organization, by id alone: for credentials that name a user (JWTs). */
    @Transactional(readOnly = true)
    public Optional<SignInCandidate> findCandidate(UserId id) {
        return users.findCandidate(id);
    }

    /** A user of the organization, without a caller: for features acting on a proven token. */
    @Transactional(readOnly = true)
    public User find(OrganizationId org, UserId id) {
        return reload(org, id);
    }

    /** Keeps whether the user signs in with a second factor; the MFA feature audits the change. */
    @Transactional
    public void recordMfa(UserId id, boolean enabled) {
        users.recordMfa(id, enabled);
    }

    /** Keeps lastLoginAt. */
    @Transactional
    public void recordSignIn(UserId id) {
        users.recordSignIn(id);
    }

    /** The users of a deleted organization go with it, freeing their emails. */
    @EventListener
    void on(OrganizationDeleted deleted) {
        users.markAllDeleted(deleted.organizationId(), deleted.actor());
    }

    private User changeStatus(Caller caller, OrganizationId org, User current, UserStatus status, String action) {
        users.setStatus(org, current.id(), status, caller.actor());
        User changed = reload(org, current.id());
        publish(caller, action, changed, new Changes().diff("status", current.status(), changed.status()));
        return changed;
    }

    private void requireSsoProvider(OrganizationId org) {
        if (!sso.hasEnabledProvider(org)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "sso_provider_required",
                    "allowPasswordAuth false makes an SSO-only user, which needs an enabled SSO provider on the"
                            + " organization.",
                    List.of(new FieldViolation("allowPasswordAuth", "needs an enabled SSO provider")),
                    Map.of());
        }
    }

    /** Takes the email's lock and fails with 409 if a live user already has it. */
    private void claimEmail(OrganizationId org, Email email, UserId except) {
        users.lockEmail(email);
        if (users.emailTaken(org, email, except, emailUniqueAcrossPlatform)) {
            throw emailTaken();
        }
    }

    /**
     * A manager must be an active or invited user of the same organization, and must not report, directly or
     * through others, to the user being managed.
     */
    private void checkManager(OrganizationId org, UserId user, UserId manager) {
        if (manager == null) {
            return;
        }
        if (manager.equals(user)) {
            throw ProblemException.invalid("managerId", "cannot be the user itself");
        }
        User found = users.find(org, manager).orElse(null);
        if (found == null || found.deletedAt() != null || found.status() == UserStatus.DEACTIVATED) {
            throw ProblemException.invalid("managerId", "must be an active or invited user of this organization");
        }
        if (user != null) {
            users.lockReportingLines(org);
            if (users.managesUpward(org, manager, user)) {
                throw ProblemException.invalid("managerId", "would make a reporting cycle");
            }
        }
    }

    private static String managerOf(User user) {
        return user.managerId() == null ? null : user.managerId().toString();
    }

    private User live(OrganizationId org, UserId id) {
        User user = users.lock(org, id).orElseThrow(UserService::notFound);
        if (user.deleted()) {
            throw ProblemException.conflict("user_deleted", "The user is deleted; restore it first.");
        }
        return user;
    }

    private User reload(OrganizationId org, UserId id) {
        return users.find(org, id).orElseThrow(UserService::notFound);
    }

    private static void save(Runnable write) {
        save(() -> {
            write.run();
            return null;
        });
    }

    private static <T> T save(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("users_external_id")) {
                throw ProblemException.conflict("external_id_taken", "Another user has this externalId.");
            }
            throw emailTaken();
        }
    }

    private static ProblemException emailTaken() {
        return ProblemException.conflict("email_taken", "A user with this email already exists.");
    }

    private static UserQuery check(UserQuery query) {
        if (query.status() != null && !query.status().matches("invited|active|deactivated")) {
            throw ProblemException.invalid("status", "must be invited, active or deactivated");
        }
        if (query.role() != null && query.role().length() > 100) {
            throw ProblemException.invalid("role", "must be at most 100 characters");
        }
        if (query.q() != null && query.q().length() > 254) {
            throw ProblemException.invalid("q", "must be at most 254 characters");
        }
        if (query.email() != null) {
            Email.parse("email", query.email());
        }
        if (query.sort() != null && !query.sort().matches("created|name")) {
            throw ProblemException.invalid("sort", "must be created or name");
        }
        return query;
    }

    private static Changes created(User user) {
        return new Changes()
                .set("email", user.email())
                .set("firstName", user.firstName())
                .set("lastName", user.lastName())
                .set("name", user.name())
                .set("mobilePhone", user.mobilePhone())
                .set("roles", user.roles())
                .set("status", user.status())
                .set("allowPasswordAuth", user.allowPasswordAuth())
                .set("externalId", user.externalId())
                .set("managerId", managerOf(user));
    }

    private static Changes diff(User before, User after) {
        return new Changes()
                .diff("email", before.email(), after.email())
                .diff("firstName", before.firstName(), after.firstName())
                .diff("lastName", before.lastName(), after.lastName())
                .diff("name", before.name(), after.name())
                .diff("mobilePhone", before.mobilePhone(), after.mobilePhone())
                .diff("roles", before.roles(), after.roles())
                .diff("allowPasswordAuth", before.allowPasswordAuth(), after.allowPasswordAuth())
                .diff("metadata", before.metadata(), after.metadata())
                .diff("externalId", before.externalId(), after.externalId())
                .diff("managerId", managerOf(before), managerOf(after));
    }

    private void publish(Caller caller, String action, User user, Changes changes) {
        events.publishEvent(new ChangeMade(
                user.organizationId(), caller.actor(), action, "user", user.id().toString(), changes.asMap()));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("User");
    }
}
