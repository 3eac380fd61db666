package dev.roster.auth;

import dev.roster.shared.database.Rows;
import dev.roster.shared.secret.SealedColumn;
import dev.roster.shared.secret.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JWT signing keys, so that every node signs and verifies with the same ones and restarts keep them. The private
 * halves are sealed under the master key; a copy of the database alone cannot sign.
 */
@Repository
class JdbcSigningKeyRepository {

    /** A key; activatesAt is when it starts signing, retiredAt (null while current) when it stops. */
    record StoredKey(String kid, byte[] privateKey, byte[] publicKey, Instant activatesAt, Instant retiredAt) {}

    private final JdbcClient jdbc;
    private final SecretBox box;

    JdbcSigningKeyRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    @Bean
    static SealedColumn sealedSigningKeys() {
        return new SealedColumn("signing_keys", "private_key");
    }

    /** The keys that may still verify: current ones, and retired ones for {@code verifyFor} after retiring. */
    List<StoredKey> usable(Duration verifyFor) {
        return jdbc.sql("""
                        SELECT kid, private_key, public_key, activates_at, retired_at FROM signing_keys
                        WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => :verifyFor)
                        ORDER BY activates_at DESC
                        """)
                .param("verifyFor", verifyFor.toSeconds())
                .query((rs, row) -> new StoredKey(
                        rs.getString("kid"),
                        box.open(rs.getBytes("private_key")),
                        rs.getBytes("public_key"),
                        Rows.instant(rs, "activates_at"),
                        Rows.instant(rs, "retired_at")))
                .list();
    }

    /** When the newest current key started (or will start) signing; null when there is none. */
    Instant newestActivation() {
        // max() of no rows is one row holding null, which single() refuses
        List<Instant> newest = jdbc.sql("SELECT max(activates_at) FROM signing_keys WHERE retired_at IS NULL")
                .query((rs, row) -> Rows.instant(rs, "max"))
                .list();
        return newest.get(0);
    }

    /** Adds a key that signs at once unless a current one exists. */
    void insertIfNoneActive(StoredKey key) {
        lock();
        jdbc.sql("""
                        INSERT INTO signing_keys (kid, private_key, public_key)
                        SELECT :kid, :privateKey, :publicKey
                        WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)
                        """)
                .param("kid", key.kid())
                .param("privateKey", box.seal(key.privateKey()))
                .param("publicKey", key.publicKey())
                .update();
    }

    /**
     * Replaces the current keys by {@code key}: it signs from {@code ahead} from now, when they stop. With {@code
     * dueAfter}, only if the newest current key has signed (or is to sign) for at least that long, so that nodes
     * rotating together rotate once. Keys that stopped verifying are deleted. Returns whether it rotated.
     */
    boolean rotate(StoredKey key, Duration ahead, Duration dueAfter, Duration verifyFor) {
        lock();
        if (dueAfter != null) {
            Instant newest = newestActivation();
            if (newest != null && newest.isAfter(Instant.now().minus(dueAfter))) {
                return false;
            }
        }
        jdbc.sql("""
                        UPDATE signing_keys SET retired_at = now() + make_interval(secs => :ahead)
                        WHERE retired_at IS NULL
                        """).param("ahead", ahead.toSeconds()).update();
        jdbc.sql("""
                        INSERT INTO signing_keys (kid, private_key, public_key, activates_at)
                        VALUES (:kid, :privateKey, :publicKey, now() + make_interval(secs => :ahead))
                        """)
                .param("kid", key.kid())
                .param("privateKey", box.seal(key.privateKey()))
                .param("publicKey", key.publicKey())
                .param("ahead", ahead.toSeconds())
                .update();
        jdbc.sql("DELETE FROM signing_keys WHERE retired_at < now() - make_interval(secs => :verifyFor)")
                .param("verifyFor", verifyFor.toSeconds())
                .update();
        return true;
    }

    /** Nodes creating or rotating keys at once take turns. */
    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('roster.signing-key'))")
                .query()
                .singleRow();
    }
}
