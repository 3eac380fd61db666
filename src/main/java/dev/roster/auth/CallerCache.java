package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.database.ChangeFeed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The callers that bearer credentials (API keys, access tokens, SCIM tokens) stood for, so that a request need not read its key
 * or its user's roles from PostgreSQL. An entry goes when anything it depends on changes: at once on the node that
 * made the change (after its commit), and within {@link ChangeFeed#BOUND} on every other node, through the change
 * notifications; while those are out of reach the cache is bypassed. An entry is filled only if nothing was
 * forgotten while its caller was being read, so a read that raced a revocation can never be kept.
 */
@Component
public class CallerCache implements ChangeFeed.Subscriber {

    static final int MAX_ENTRIES = 50_000;

    /**
     * Changes made on every create or profile edit: they narrow nobody's rights (unless they touch one of {@link
     * #RIGHTS}), and forgetting on them would keep the cache empty. A user just created has no credential yet.
     */
    private static final Set<String> HARMLESS =
            Set.of("user.updated", "invitation.sent", "invitation.resent", "invitation.expired");

    private static final Set<String> RIGHTS = Set.of("roles", "status", "allowPasswordAuth", "deletedAt");

    /** A credential, by its 32-byte digest (never the credential itself). */
    public record Key(long a, long b, long c, long d) {

        public static Key of(byte[] digest) {
            ByteBuffer buffer = ByteBuffer.wrap(digest);
            return new Key(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }

        static Key ofToken(String token) {
            try {
                return of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * What a credential stood for.
     *
     * @param signingKey the key id that signed a JWT, null for an API key: a JWT is good only while it verifies
     */
    public record Entry(Caller caller, long expiresAtMillis, String signingKey) {}

    private final ChangeFeed feed;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** The entries that depend on an id: a key's, a user's, an application's, or an organization's. */
    private final ConcurrentHashMap<UUID, Set<Key>> dependents = new ConcurrentHashMap<>();

    private final AtomicLong generation = new AtomicLong();

    CallerCache(ChangeFeed feed) {
        this.feed = feed;
        feed.subscribe(this);
    }

    /** What to hand back to {@link #put}: fills that started before a change are dropped. */
    public long generation() {
        return generation.get();
    }

    /** What the credential stood for, or null when it must be read from the database. */
    public Entry get(Key key) {
        if (!feed.current()) {
            return null;
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= System.currentTimeMillis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    /** Keeps a caller read while {@link #generation()} was {@code seen}, unless something changed since. */
    public void put(Key key, Caller caller, long expiresAtMillis, String signingKey, long seen) {
        if (!feed.current() || generation.get() != seen) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            forgetEverything();
            return;
        }
        entries.put(key, new Entry(caller, expiresAtMillis, signingKey));
        depend(caller.keyId(), key);
        depend(caller.organizationId(), key);
        if (generation.get() != seen) {
            entries.remove(key);
        }
    }

    private void depend(UUID id, Key key) {
        if (id != null) {
            dependents.computeIfAbsent(id, any -> ConcurrentHashMap.newKeySet()).add(key);
        }
    }

    /** An announced change ({@code k:}, {@code u:}, {@code a:} or {@code o:} and an id). */
    @Override
    public void changed(String payload) {
        int colon = payload.indexOf(':');
        if (colon != 1 || "kuao".indexOf(payload.charAt(0)) < 0) {
            return;
        }
        try {
            forget(UUID.fromString(payload.substring(colon + 1)));
        } catch (IllegalArgumentException malformed) {
            forgetEverything();
        }
    }

    /** Every change this node commits is forgotten before its answer leaves: a key revoked here fails here next. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ChangeMade change) {
        boolean harmless = change.action().equals("user.created")
                || (HARMLESS.contains(change.action())
                        && (change.changes() == null
                                || change.changes().keySet().stream().noneMatch(RIGHTS::contains)));
        if (harmless) {
            return;
        }
        if (change.organizationId() == null) {
            forgetEverything();
        } else {
            forget(change.organizationId().value());
        }
    }

    private void forget(UUID id) {
        generation.incrementAndGet();
        Set<Key> keys = dependents.remove(id);
        if (keys != null) {
            keys.forEach(entries::remove);
        }
    }

    @Override
    public void forgetEverything() {
        generation.incrementAndGet();
        entries.clear();
        dependents.clear();
    }
}
