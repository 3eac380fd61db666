package dev.roster.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIdempotencyRepository {

    record Stored(byte[] requestHash, boolean done, int status, String type, byte[] body) {}

    private final JdbcClient jdbc;

    JdbcIdempotencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a key for a request, in one statement: true when this request is the first (or the earlier record has
     * expired, or its node stopped answering for it), false when another record holds the key.
     */
    boolean claim(String scope, String key, UUID organizationId, byte[] requestHash, Duration ttl, Duration lease) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, key, organization_id, request_hash, status, locked_until)
                        VALUES (:scope, :key, :org, :hash, 'running', now() + make_interval(secs => :lease))
                        ON CONFLICT (scope, key) DO UPDATE SET request_hash = :hash, status = 'running',
                            locked_until = now() + make_interval(secs => :lease), created_at = now(),
                            response_status = NULL, response_type = NULL, response_body = NULL
                        WHERE idempotency_keys.created_at < now() - make_interval(secs => :ttl)
                           OR (idempotency_keys.status = 'running' AND idempotency_keys.locked_until < now()
                               AND idempotency_keys.request_hash = :hash)
                        """)
                        .param("scope", scope)
                        .param("key", key)
                        .param("org", organizationId)
                        .param("hash", requestHash)
                        .param("ttl", ttl.toSeconds())
                        .param("lease", lease.toSeconds())
                        .update()
                == 1;
    }

    Optional<Stored> find(String scope, String key) {
        return jdbc.sql("""
                        SELECT request_hash, status = 'done' AS done, response_status, response_type, response_body
                        FROM idempotency_keys WHERE scope = :scope AND key = :key
                        """)
                .param("scope", scope)
                .param("key", key)
                .query((rs, row) -> new Stored(
                        rs.getBytes("request_hash"),
                        rs.getBoolean("done"),
                        rs.getInt("response_status"),
                        rs.getString("response_type"),
                        rs.getBytes("response_body")))
                .optional();
    }

    void complete(String scope, String key, int status, String type, byte[] body) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET status = 'done', locked_until = NULL, response_status = :status,
                            response_type = :type, response_body = :body
                        WHERE scope = :scope AND key = :key
                        """)
                .param("scope", scope)
                .param("key", key)
                .param("status", status)
                .param("type", type)
                .param("body", body)
                .update();
    }

    /** Forgets a claim whose request failed on the server's side, so that the caller may retry it. */
    void release(String scope, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND key = :key AND status = 'running'")
                .param("scope", scope)
                .param("key", key)
                .update();
    }

    int deleteOlderThan(Duration ttl) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :ttl)")
                .param("ttl", ttl.toSeconds())
                .update();
    }
}
