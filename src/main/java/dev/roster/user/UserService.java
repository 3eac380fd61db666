package dev.roster.user;

import dev.roster.organization.OrganizationDeleted;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.UserId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
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
    private final ApplicationEventPublisher events;
    private final boolean emailUniqueAcrossPlatform;

    UserService(
            JdbcUserRepository users,
            UserRules rules,
            OrganizationService organizations,
            ApplicationEventPublisher events,
            RosterProperties properties) {
        this.users = users;
        this.rules = rules;
        this.organizations = organizations;
        this.events = events;
        this.emailUniqueAcrossPlatform = properties.users().emailUniqueAcrossPlatform();
    }

    /**
     * Creates a user, taking one seat. Fails with 409 {@code email_taken} when a live user has the email (in this
     * organization, or anywhere when emails are unique across the platform) and 403 {@code seat_limit_reached}
     * when every seat is taken; both checks hold under any concurrency, on any number of nodes.
     */
    @Transactional
    public User create(Caller caller, OrganizationId pathId, CreateUserRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAdmin();
        UserDraft draft = rules.draft(request);
        claimEmail(org, draft.email(), null);
        organizations.takeSeat(org);
        UserStatus status = draft.sendInvitation() ? UserStatus.INVITED : UserStatus.ACTIVE;
        User created = save(() -> users.insert(org, new UserId(Ids.next()), draft, status, caller.actor()));
        publish(caller, "user.created", created, created(created));
        return created;
    }

    @Transactional(readOnly = true)
    public Page<User> list(Caller caller, OrganizationId pathId, UserQuery query, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        int size = Cursor.limit(limit);
        UserQuery checked = check(query);
        return Page.of(
                users.page(org, checked, Cursor.decode(cursor), size + 1),
                size,
                user -> new Cursor(user.createdAt(), user.id().value()));
    }

    /** A user of the organization, deleted or not (a deleted user shows deletedAt). */
    @Transactional(readOnly = true)
    public User get(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        return users.find(org, id).orElseThrow(UserService::notFound);
    }

    /** Changes the fields present in the patch; an email change is checked as on create. */
    @Transactional
    public User update(Caller caller, OrganizationId pathId, UserId id, Patch<UpdateUserRequest> patch) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAdmin();
        User current = live(org, id);
        UserDraft draft = rules.apply(current, patch);
        if (!draft.email().value().equals(current.email())) {
            claimEmail(org, draft.email(), id);
        }
        User updated = save(() -> users.update(org, id, draft, caller.actor()));
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
        caller.requireAdmin();
        User current = live(org, id);
        if (current.status() == UserStatus.DEACTIVATED) {
            return current;
        }
        return changeStatus(caller, org, current, UserStatus.DEACTIVATED, "user.deactivated");
    }

    /** Lets a deactivated user back in: active if it ever was, invited otherwise. */
    @Transactional
    public User reactivate(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAdmin();
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
        caller.requireAdmin();
        live(org, id);
        User deleted = users.markDeleted(org, id, caller.actor(), true);
        organizations.releaseSeat(org);
        publish(caller, "user.deleted", deleted, new Changes().set("deletedAt", deleted.deletedAt()));
    }

    /** Brings a deleted user back while its email and a seat are free. */
    @Transactional
    public User restore(Caller caller, OrganizationId pathId, UserId id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAdmin();
        User current = users.lock(org, id).orElseThrow(UserService::notFound);
        if (!current.deleted()) {
            throw ProblemException.conflict("user_not_deleted", "The user is not deleted.");
        }
        claimEmail(org, new Email(current.email()), id);
        organizations.takeSeat(org);
        User restored = users.markDeleted(org, id, caller.actor(), false);
        publish(caller, "user.restored", restored, new Changes().diff("deletedAt", current.deletedAt(), null));
        return restored;
    }

    /** The users of a deleted organization go with it, freeing their emails. */
    @EventListener
    void on(OrganizationDeleted deleted) {
        users.markAllDeleted(deleted.organizationId(), deleted.actor());
    }

    private User changeStatus(Caller caller, OrganizationId org, User current, UserStatus status, String action) {
        User changed = users.setStatus(org, current.id(), status, caller.actor());
        publish(caller, action, changed, new Changes().diff("status", current.status(), changed.status()));
        return changed;
    }

    /** Takes the email's lock and fails with 409 if a live user already has it. */
    private void claimEmail(OrganizationId org, Email email, UserId except) {
        users.lockEmail(email);
        if (users.emailTaken(org, email, except, emailUniqueAcrossPlatform)) {
            throw ProblemException.conflict("email_taken", "A user with this email already exists.");
        }
    }

    private User live(OrganizationId org, UserId id) {
        User user = users.lock(org, id).orElseThrow(UserService::notFound);
        if (user.deleted()) {
            throw ProblemException.conflict("user_deleted", "The user is deleted; restore it first.");
        }
        return user;
    }

    private static User save(java.util.function.Supplier<User> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("users_external_id")) {
                throw ProblemException.conflict("external_id_taken", "Another user has this externalId.");
            }
            throw ProblemException.conflict("email_taken", "A user with this email already exists.");
        }
    }

    private static UserQuery check(UserQuery query) {
        if (query.status() != null && !query.status().matches("invited|active|deactivated")) {
            throw ProblemException.invalid("status", "must be invited, active or deactivated");
        }
        if (query.role() != null && !UserRules.ROLES.contains(query.role())) {
            throw ProblemException.invalid("role", "must be admin or user");
        }
        if (query.q() != null && query.q().length() > 254) {
            throw ProblemException.invalid("q", "must be at most 254 characters");
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
                .set("externalId", user.externalId());
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
                .diff("externalId", before.externalId(), after.externalId());
    }

    private void publish(Caller caller, String action, User user, Changes changes) {
        events.publishEvent(new ChangeMade(
                user.organizationId(), caller.actor(), action, "user", user.id().toString(), changes.asMap()));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("User");
    }
}
