package dev.roster.auth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Keeps each key's lastUsedAt to within a minute without a database write on every request: a key's use is written
 * at most once a minute per node.
 */
@Component
class KeyUsage {

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final JdbcApiKeyRepository keys;
    private final Map<UUID, Long> lastWritten = new ConcurrentHashMap<>();

    KeyUsage(JdbcApiKeyRepository keys) {
        this.keys = keys;
    }

    void recordUse(UUID keyId) {
        long now = System.nanoTime();
        Long previous = lastWritten.get(keyId);
        if (previous != null && now - previous < INTERVAL_NANOS) {
            return;
        }
        boolean won = previous == null
                ? lastWritten.putIfAbsent(keyId, now) == null
                : lastWritten.replace(keyId, previous, now);
        if (won) {
            keys.touch(keyId);
        }
    }
}
