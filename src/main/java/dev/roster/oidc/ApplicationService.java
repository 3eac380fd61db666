package dev.roster.oidc;

import dev.roster.auth.Secrets;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applications that sign users in through Roster. Platform keys manage all of them, a partner key those it
 * made (any other is 404); organization keys and users none. The protocol endpoints find clients and check their
 * secrets here.
 */
@Service
public class ApplicationService {

    static final String CLIENT_ID_PREFIX = "roster_app_";
    static final String SECRET_PREFIX = "roster_secret_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcApplicationRepository applications;
    private final ApplicationRules rules;
    private final Secrets secrets;
    private final ApplicationEventPublisher events;

    ApplicationService(
            JdbcApplicationRepository applications,
            ApplicationRules rules,
            Secrets secrets,
            ApplicationEventPublisher events) {
        this.applications = applications;
        this.rules = rules;
        this.secrets = secrets;
        this.events = events;
    }

    /** Registers an application; a confidential one's client secret is in the answer and shown nowhere else. */
    @Transactional
    public CreatedApplication create(Caller caller, ApplicationRequest request) {
        UUID owner = ApplicationRules.requireOperator(caller);
        String type = ApplicationRules.type(request.type());
        ApplicationFields fields = rules.forCreate(caller, request);
        String secret = type.equals(Application.CONFIDENTIAL) ? secrets.newToken(SECRET_PREFIX) : null;
        ClientCredentials service = rules.clientCredentials(caller, type, request.clientCredentials());
        Application created = applications.insert(
                Ids.next(),
                newClientId(),
                fields,
                type,
                secret == null ? null : secrets.hash(secret),
                owner,
                caller.actor());
        if (service != null) {
            created = applications.setClientCredentials(created.id(), service.organizationId(), service.roleId());
        }
        publish(
                caller,
                "application.created",
                created,
                new Changes()
                        .set("clientId", created.clientId())
                        .set("name", created.name())
                        .set("type", type)
                        .set("redirectUris", created.redirectUris())
                        .set("postLogoutRedirectUris", created.postLogoutRedirectUris())
                        .set("organizationIds", created.organizationIds())
                        .set("clientCredentials", created.clientCredentials()));
        return CreatedApplication.of(created, secret);
    }

    @Transactional(readOnly = true)
    public Page<Application> list(Caller caller, String cursor, Integer limit) {
        UUID owner = ApplicationRules.requireOperator(caller);
        int size = Cursor.limit(limit);
        return Page.of(
                applications.page(owner, Cursor.decode(cursor), size + 1),
                size,
                app -> new Cursor(app.createdAt(), app.id()));
    }

    @Transactional(readOnly = true)
    public Application get(Caller caller, UUID id) {
        return applications
                .find(ApplicationRules.requireOperator(caller), id)
                .orElseThrow(ApplicationService::notFound);
    }

    /**
     * Changes name, redirect URIs or organizations; {@code organizationIds: null} opens the application to every
     * organization the caller reaches. The type cannot change.
     */
    @Transactional
    public Application update(Caller caller, UUID id, Patch<ApplicationRequest> patch) {
        Application current = applications
                .lock(ApplicationRules.requireOperator(caller), id)
                .orElseThrow(ApplicationService::notFound);
        ApplicationFields fields = rules.forUpdate(caller, current, patch);
        Application updated = applications.update(id, fields, caller.actor());
        if (patch.has("clientCredentials")) {
            ClientCredentials service = rules.clientCredentials(
                    caller, current.type(), patch.values().clientCredentials());
            updated = applications.setClientCredentials(
                    id, service == null ? null : service.organizationId(), service == null ? null : service.roleId());
        }
        Changes changes = new Changes()
                .diff("name", current.name(), updated.name())
                .diff("redirectUris", current.redirectUris(), updated.redirectUris())
                .diff("postLogoutRedirectUris", current.postLogoutRedirectUris(), updated.postLogoutRedirectUris())
                .diff("organizationIds", current.organizationIds(), updated.organizationIds())
                .diff("clientCredentials", current.clientCredentials(), updated.clientCredentials());
        if (!changes.isEmpty()) {
            publish(caller, "application.updated", updated, changes);
        }
        return updated;
    }

    /**
     * Gives a confidential application a new client secret, shown only in this answer; the old one stops working at
     * once. 409 {@code application_public} for a public application, which has none.
     */
    @Transactional
    public CreatedApplication rotateSecret(Caller caller, UUID id) {
        Application current = applications
                .lock(ApplicationRules.requireOperator(caller), id)
                .orElseThrow(ApplicationService::notFound);
        if (!current.type().equals(Application.CONFIDENTIAL)) {
            throw ProblemException.conflict(
                    "application_public", "A public application has no client secret; it uses PKCE.");
        }
        String secret = secrets.newToken(SECRET_PREFIX);
        Application rotated = applications.replaceSecret(id, secrets.hash(secret), caller.actor());
        publish(
                caller,
                "application.secret_rotated",
                rotated,
                new Changes().diff("secretRotatedAt", current.secretRotatedAt(), rotated.secretRotatedAt()));
        return CreatedApplication.of(rotated, secret);
    }

    /**
     * Deletes an application: its secret is forgotten and its client id no longer found, but the row stays, so the
     * client id is never given out again and the audit log's target still names it.
     */
    @Transactional
    public void delete(Caller caller, UUID id) {
        Application current = applications
                .lock(ApplicationRules.requireOperator(caller), id)
                .orElseThrow(ApplicationService::notFound);
        applications.markDeleted(id, caller.actor());
        publish(caller, "application.deleted", current, new Changes());
    }

    /** The live application with this client id, for the protocol endpoints; empty for an unknown or deleted one. */
    @Transactional(readOnly = true)
    public Optional<Application> findByClientId(String clientId) {
        if (clientId == null || !clientId.startsWith(CLIENT_ID_PREFIX) || clientId.length() > 100) {
            return Optional.empty();
        }
        return applications.findLiveByClientId(clientId);
    }

    /**
     * Whether the secret is the live confidential application's current client secret. Compares HMACs in constant
     * time; false for public and deleted applications.
     */
    @Transactional(readOnly = true)
    public boolean verifySecret(Application application, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 256) {
            return false;
        }
        byte[] given = secrets.hash(secret);
        return applications
                .secretHash(application.id())
                .map(stored -> MessageDigest.isEqual(stored, given))
                .orElse(false);
    }

    /**
     * Whether users of the organization may sign in to the application: the organization is live and listed, or
     * the application lists none and its owner reaches the organization (any for the platform's, those it created
     * for a partner's).
     */
    @Transactional(readOnly = true)
    public boolean admits(Application application, OrganizationId organizationId) {
        return applications.admits(application.id(), organizationId);
    }

    private static String newClientId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return CLIENT_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private void publish(Caller caller, String action, Application app, Changes changes) {
        events.publishEvent(new ChangeMade(
                null, caller.actor(), action, "application", app.id().toString(), changes.asMap()));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Application");
    }
}
