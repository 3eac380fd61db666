package dev.roster.auth;

import dev.roster.organization.OrganizationDeleted;
import dev.roster.organization.OrganizationService;
import dev.roster.role.Role;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing and revoking API keys, and recognising them on requests. */
@Service
public class ApiKeyService {

    private static final int MAX_NAME = 200;
    private static final String SYSTEM = "system";

    private final JdbcApiKeyRepository keys;
    private final Secrets secrets;
    private final KeyUsage usage;
    private final OrganizationService organizations;
    private final RoleService roles;
    private final BrowserSessions sessions;
    private final ApplicationEventPublisher events;

    ApiKeyService(
            JdbcApiKeyRepository keys,
            Secrets secrets,
            KeyUsage usage,
            OrganizationService organizations,
            RoleService roles,
            BrowserSessions sessions,
            ApplicationEventPublisher events) {
        this.keys = keys;
        this.secrets = secrets;
        this.usage = usage;
        this.organizations = organizations;
        this.roles = roles;
        this.sessions = sessions;
        this.events = events;
    }

    /** Creates a key for one organization; its secret is in the answer and nowhere else, ever. */
    @Transactional
    public CreatedApiKey createOrganizationKey(Caller caller, OrganizationId pathId, CreateApiKeyRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.KEYS_MANAGE);
        String name = Text.required("name", request.name(), MAX_NAME);
        Role role = roles.roleForKey(caller, org, request.role(), request.roleId());
        return create(caller, KeyKind.ORGANIZATION, org, role, name);
    }

    @Transactional(readOnly = true)
    public Page<ApiKey> listOrganizationKeys(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.KEYS_MANAGE);
        return page(KeyKind.ORGANIZATION, org, cursor, limit);
    }

    /** Revokes an organization key; the next request that uses it is refused. */
    @Transactional
    public void revokeOrganizationKey(Caller caller, OrganizationId pathId, UUID keyId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.KEYS_MANAGE);
        revoke(caller, KeyKind.ORGANIZATION, org, keyId);
    }

    /** Creates a partner key: it may create organizations and act in those it created. Platform keys only. */
    @Transactional
    public CreatedApiKey createPartnerKey(Caller caller, CreatePartnerKeyRequest request) {
        requirePlatform(caller, "partner keys");
        return create(caller, KeyKind.PARTNER, null, null, Text.required("name", request.name(), MAX_NAME));
    }

    @Transactional(readOnly = true)
    public Page<ApiKey> listPartnerKeys(Caller caller, String cursor, Integer limit) {
        requirePlatform(caller, "partner keys");
        return page(KeyKind.PARTNER, null, cursor, limit);
    }

    @Transactional
    public void revokePartnerKey(Caller caller, UUID keyId) {
        requirePlatform(caller, "partner keys");
        revoke(caller, KeyKind.PARTNER, null, keyId);
    }

    /**
     * Creates a named platform key, so that an operator can rotate platform keys without a restart; it is not made
     * by bootstrap, so a start with another ROSTER_BOOTSTRAP_KEY leaves it. Platform keys only.
     */
    @Transactional
    public CreatedApiKey createPlatformKey(Caller caller, CreatePlatformKeyRequest request) {
        requirePlatform(caller, "platform keys");
        return create(caller, KeyKind.PLATFORM, null, null, Text.required("name", request.name(), MAX_NAME));
    }

    @Transactional(readOnly = true)
    public Page<ApiKey> listPlatformKeys(Caller caller, String cursor, Integer limit) {
        requirePlatform(caller, "platform keys");
        return page(KeyKind.PLATFORM, null, cursor, limit);
    }

    /**
     * Revokes a platform key, bootstrap-made or named. 409 {@code last_platform_key} when no other platform key is
     * live: revocations take turns under a lock, so two at once cannot take the last two.
     */
    @Transactional
    public void revokePlatformKey(Caller caller, UUID keyId) {
        requirePlatform(caller, "platform keys");
        keys.lockPlatformKeys();
        if (keys.exists(KeyKind.PLATFORM, null, keyId) && !keys.anotherLivePlatformKey(keyId)) {
            throw ProblemException.conflict(
                    "last_platform_key", "This is the last live platform key; create another one first.");
        }
        revoke(caller, KeyKind.PLATFORM, null, keyId);
    }

    /**
     * The caller a bearer secret stands for, if it is a live key of an organization that still exists. Looks the
     * key up by its HMAC and compares the hashes in constant time.
     */
    public Optional<Caller> authenticate(String secret) {
        if (!secrets.looksLikeKey(secret)) {
            return Optional.empty();
        }
        byte[] hash = secrets.hash(secret);
        return keys.findActive(hash)
                .filter(key -> MessageDigest.isEqual(key.hash(), hash))
                .map(key -> {
                    usage.recordUse(key.id());
                    return callerOf(key);
                });
    }

    /**
     * The caller an operator's console session acts as: the platform or partner key it stands for, while that key is
     * live. Read on every request, so that a revoked key's session acts no more.
     */
    Optional<Caller> operatorCaller(UUID keyId) {
        return keys.findActiveOperatorKey(keyId).map(key -> {
            usage.recordUse(key.id());
            return new Caller(key.kind().callerKind(), key.id(), null, Grants.ALL);
        });
    }

    /**
     * The caller a key stands for now, by its id: while it is live and its organization, if any, exists, with its
     * role's permissions of the moment. For work a request with the key started and that carries on without it.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> callerForKey(UUID keyId) {
        return keys.findActiveById(keyId).map(ApiKeyService::callerOf);
    }

    private static Caller callerOf(JdbcApiKeyRepository.ActiveKey key) {
        Grants grants = key.kind() == KeyKind.ORGANIZATION
                ? new Grants(Permission.of(key.permissions()), Map.of())
                : Grants.ALL;
        return new Caller(key.kind().callerKind(), key.id(), key.organizationId(), grants);
    }

    /** An organization's keys go with it. */
    @EventListener
    void on(OrganizationDeleted deleted) {
        keys.revokeAll(deleted.organizationId(), deleted.actor());
    }

    /** What start-up did to the platform keys. */
    record Bootstrapped(Optional<String> generated, List<UUID> revoked, Optional<UUID> stillRevoked) {}

    /**
     * Makes sure the platform can be reached. A configured secret is registered (once) and every other platform key
     * that start-up made (an earlier ROSTER_BOOTSTRAP_KEY, the generated file's key) is revoked; named platform keys
     * made through the API stay. A configured secret that was revoked stays revoked and changes nothing. With none
     * configured and no platform key live, a new one is made and returned so that it can be handed over. Nodes
     * starting together take turns under a lock, so at most one key is made.
     */
    @Transactional
    Bootstrapped bootstrap(String configuredSecret) {
        keys.lockPlatformKeys();
        if (configuredSecret == null) {
            if (keys.existsActive(KeyKind.PLATFORM)) {
                return new Bootstrapped(Optional.empty(), List.of(), Optional.empty());
            }
            String secret = secrets.generate(KeyKind.PLATFORM);
            insertPlatformKey(secret, secrets.hash(secret));
            return new Bootstrapped(Optional.of(secret), List.of(), Optional.empty());
        }
        byte[] hash = secrets.hash(configuredSecret);
        JdbcApiKeyRepository.StoredKey stored = keys.findByHash(hash)
                .orElseGet(() -> new JdbcApiKeyRepository.StoredKey(
                        insertPlatformKey(configuredSecret, hash).id(), KeyKind.PLATFORM, false));
        if (stored.kind() != KeyKind.PLATFORM) {
            throw new IllegalStateException("ROSTER_BOOTSTRAP_KEY is the secret of a key that is not a platform key");
        }
        if (stored.revoked()) {
            return new Bootstrapped(Optional.empty(), List.of(), Optional.of(stored.id()));
        }
        List<UUID> revoked = keys.revokeBootstrapKeysBut(stored.id(), SYSTEM);
        revoked.forEach(id -> publish(SYSTEM, null, "api_key.revoked", id, new Changes().set("reason", "bootstrap")));
        return new Bootstrapped(Optional.empty(), revoked, Optional.empty());
    }

    private ApiKey insertPlatformKey(String secret, byte[] hash) {
        ApiKey key = keys.insert(
                Ids.next(),
                KeyKind.PLATFORM,
                null,
                Role.ADMIN,
                "bootstrap",
                Secrets.visiblePrefix(KeyKind.PLATFORM, secret),
                hash,
                SYSTEM,
                true);
        publish(
                SYSTEM,
                null,
                "api_key.created",
                key.id(),
                new Changes()
                        .set("name", key.name())
                        .set("kind", KeyKind.PLATFORM.code())
                        .set("role", key.role()));
        return key;
    }

    /** Makes a key acting with the role (the admin role for partner keys, which act with every permission). */
    private CreatedApiKey create(Caller caller, KeyKind kind, OrganizationId org, Role role, String name) {
        String secret = secrets.generate(kind);
        ApiKey key = keys.insert(
                Ids.next(),
                kind,
                org,
                role == null ? Role.ADMIN : role.id(),
                name,
                Secrets.visiblePrefix(kind, secret),
                secrets.hash(secret),
                caller.actor());
        publish(
                caller.actor(),
                org,
                "api_key.created",
                key.id(),
                new Changes().set("name", name).set("kind", kind.code()).set("role", key.role()));
        return CreatedApiKey.of(key, secret);
    }

    private Page<ApiKey> page(KeyKind kind, OrganizationId org, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        return Page.of(
                keys.page(kind, org, Cursor.decode(cursor), size + 1),
                size,
                key -> new Cursor(key.createdAt(), key.id()));
    }

    private void revoke(Caller caller, KeyKind kind, OrganizationId org, UUID keyId) {
        if (!keys.revoke(kind, org, keyId, caller.actor())) {
            if (keys.exists(kind, org, keyId)) {
                throw ProblemException.conflict("api_key_revoked", "This API key is already revoked.");
            }
            throw ProblemException.notFound("API key");
        }
        if (kind != KeyKind.ORGANIZATION) {
            sessions.endAllOfKey(keyId);
        }
        publish(caller.actor(), org, "api_key.revoked", keyId, new Changes());
    }

    private void publish(String actor, OrganizationId org, String action, UUID keyId, Changes changes) {
        events.publishEvent(new ChangeMade(org, actor, action, "api_key", keyId.toString(), changes.asMap()));
    }

    private static void requirePlatform(Caller caller, String what) {
        if (!caller.isPlatform()) {
            throw ProblemException.forbidden("Only platform keys manage " + what + ".");
        }
    }
}
