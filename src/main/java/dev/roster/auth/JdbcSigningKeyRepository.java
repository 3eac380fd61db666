package dev.roster.auth;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JWT signing keys, so that every node signs and verifies with the same ones and restarts keep them. */
@Repository
class JdbcSigningKeyRepository {

    record StoredKey(String kid, byte[] privateKey, byte[] publicKey, boolean retired) {}

    private final JdbcClient jdbc;

    JdbcSigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every key, the active one first. */
    List<StoredKey> all() {
        return jdbc.sql("""
                        SELECT kid, private_key, public_key, retired_at IS NOT NULL AS retired FROM signing_keys
                        ORDER BY retired_at NULLS FIRST, created_at DESC
                        """)
                .query((rs, row) -> new StoredKey(
                        rs.getString("kid"),
                        rs.getBytes("private_key"),
                        rs.getBytes("public_key"),
                        rs.getBoolean("retired")))
                .list();
    }

    /** Adds a key unless an active one exists; nodes starting together serialise on an advisory lock. */
    void insertIfNoneActive(StoredKey key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('roster.signing-key'))")
                .query()
                .singleRow();
        jdbc.sql("""
                        INSERT INTO signing_keys (kid, private_key, public_key)
                        SELECT :kid, :privateKey, :publicKey
                        WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)
                        """)
                .param("kid", key.kid())
                .param("privateKey", key.privateKey())
                .param("publicKey", key.publicKey())
                .update();
    }
}
