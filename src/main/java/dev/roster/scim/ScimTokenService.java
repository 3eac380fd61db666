package dev.roster.scim;

import dev.roster.auth.CallerCache;
import dev.roster.auth.Secrets;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tokens a directory provisions one organization with: 256 random bits shown once, stored as an HMAC. Two may
 * be live at once, so that a directory's token can be replaced before the old one is revoked.
 */
@Service
public class ScimTokenService {

    /** The most live tokens of one organization: the one in use and its replacement. */
    static final int MAX_LIVE = 2;

    private static final String PREFIX = "roster_scim_";
    private static final long USE_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final int VISIBLE = PREFIX.length() + 6;

    /** What a SCIM token may do: provision users and groups, nothing else. */
    private static final Grants GRANTS = new Grants(
            EnumSet.of(
                    Permission.USERS_READ,
                    Permission.USERS_WRITE,
                    Permission.USERS_INVITE,
                    Permission.GROUPS_READ,
                    Permission.GROUPS_MANAGE),
            Map.of());

    private final JdbcScimTokenRepository tokens;
    private final Secrets secrets;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String baseUrl;
    private final CallerCache callers;
    private final Map<UUID, Long> lastTouched = new ConcurrentHashMap<>();

    ScimTokenService(
            JdbcScimTokenRepository tokens,
            Secrets secrets,
            OrganizationService organizations,
            ApplicationEventPublisher events,
            Clock clock,
            RosterProperties properties,
            CallerCache callers) {
        this.tokens = tokens;
        this.secrets = secrets;
        this.organizations = organizations;
        this.events = events;
        this.clock = clock;
        this.callers = callers;
        this.baseUrl = properties.publicUrl().replaceAll("/+$", "") + "/scim/v2";
    }

    /** Creates a token; fails with 409 {@code scim_token_limit} when two are live already. */
    @Transactional
    public CreatedScimToken create(Caller caller, OrganizationId pathId, String name, Integer expiresInDays) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.KEYS_MANAGE);
        String checkedName = Text.required("name", name, 100);
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 730)) {
            throw ProblemException.invalid("expiresInDays", "must be between 1 and 730");
        }
        tokens.lockOrganization(org);
        if (tokens.countLive(org) >= MAX_LIVE) {
            throw ProblemException.conflict(
                    "scim_token_limit",
                    "The organization has " + MAX_LIVE + " live SCIM tokens; revoke one before creating another.");
        }
        String secret = secrets.newToken(PREFIX);
        Instant expiresAt = expiresInDays == null ? null : Instant.now(clock).plus(Duration.ofDays(expiresInDays));
        ScimToken token = tokens.insert(
                org,
                Ids.next(),
                checkedName,
                secrets.hash(secret),
                secret.substring(0, VISIBLE),
                expiresAt,
                caller.actor());
        events.publishEvent(new ChangeMade(
                org,
                caller.actor(),
                "scim_token.created",
                "scim_token",
                token.id().toString(),
                new Changes()
                        .set("name", token.name())
                        .set("expiresAt", expiresAt)
                        .asMap()));
        return new CreatedScimToken(
                token.id(), token.name(), secret, token.prefix(), token.expiresAt(), token.createdAt(), baseUrl);
    }

    /** The organization's live tokens, oldest first (never more than {@link #MAX_LIVE}). */
    @Transactional(readOnly = true)
    public List<ScimToken> list(Caller caller, OrganizationId pathId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.KEYS_MANAGE);
        return tokens.live(org);
    }

    /** Revokes a token, effective on its next request. */
    @Transactional
    public void revoke(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.KEYS_MANAGE);
        if (!tokens.revoke(org, id, caller.actor())) {
            throw ProblemException.notFound("SCIM token");
        }
        events.publishEvent(
                new ChangeMade(org, caller.actor(), "scim_token.revoked", "scim_token", id.toString(), Map.of()));
    }

    /**
     * The caller a token stands for: its organization's users and groups, as {@code scim_token:<id>}. Answered from
     * the node's {@link CallerCache} when it holds the token (a revocation or a deleted organization is forgotten there
     * as for API keys); lastUsedAt is written at most once a minute per token and node.
     */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = secrets.hash(secret);
        CallerCache.Key key = CallerCache.Key.of(hash);
        CallerCache.Entry cached = callers.get(key);
        if (cached != null) {
            used(cached.caller().keyId());
            return Optional.of(cached.caller());
        }
        long seen = callers.generation();
        Optional<ScimToken> token = tokens.findLive(hash);
        token.ifPresent(found -> {
            used(found.id());
            long expires = found.expiresAt() == null
                    ? Long.MAX_VALUE
                    : found.expiresAt().toEpochMilli();
            callers.put(key, caller(found), expires, null, seen);
        });
        return token.map(ScimTokenService::caller);
    }

    private static Caller caller(ScimToken token) {
        return new Caller(Caller.Kind.SCIM, token.id(), token.organizationId(), GRANTS);
    }

    /** Keeps lastUsedAt to the minute without a write on every request. */
    private void used(UUID tokenId) {
        long now = clock.millis();
        Long previous = lastTouched.get(tokenId);
        if (previous != null && now - previous < USE_INTERVAL_MILLIS) {
            return;
        }
        boolean won = previous == null
                ? lastTouched.putIfAbsent(tokenId, now) == null
                : lastTouched.replace(tokenId, previous, now);
        if (won) {
            tokens.touch(tokenId);
        }
    }
}
