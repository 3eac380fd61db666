package dev.roster.sso;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.UserService;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's linked SSO identities: listed (users:read) and removed (users:write) by admins. */
@Service
public class IdentityService {

    private final JdbcSsoIdentityRepository identities;
    private final OrganizationService organizations;
    private final UserService users;
    private final ApplicationEventPublisher events;

    IdentityService(
            JdbcSsoIdentityRepository identities,
            OrganizationService organizations,
            UserService users,
            ApplicationEventPublisher events) {
        this.identities = identities;
        this.organizations = organizations;
        this.users = users;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Page<Identity> list(Caller caller, OrganizationId pathId, UserId user, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        users.get(caller, org, user);
        int size = Cursor.limit(limit);
        return Page.of(
                identities.page(org, user, Cursor.decode(cursor), size + 1),
                size,
                i -> new Cursor(i.createdAt(), i.id()));
    }

    /** Unlinks an identity: its next sign-in is decided as a first one (invitation, linking, JIT). */
    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UserId user, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        Identity identity = identities.find(org, user, id).orElseThrow(() -> ProblemException.notFound("Identity"));
        identities.delete(org, id);
        events.publishEvent(new ChangeMade(
                org,
                caller.actor(),
                "sso_identity.unlinked",
                "user",
                user.toString(),
                new Changes()
                        .diff("providerId", identity.providerId().toString(), null)
                        .diff("subject", identity.subject(), null)
                        .asMap()));
    }
}
