package dev.roster.idempotency;

import dev.roster.shared.secret.SealedColumn;
import dev.roster.shared.secret.SecretBox;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency records; a stored answer is sealed under the master key, since it may carry a new secret. */
@Repository
class JdbcIdempotencyRepository {

    record Stored(
            byte[] requestHash, boolean done, int status, String type, byte[] body, List<String> requiredPermissions) {}

    private final JdbcClient jdbc;
    private final SecretBox box;

    JdbcIdempotencyRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    @Bean
    static SealedColumn sealedIdempotentAnswers() {
        return new SealedColumn("idempotency_keys", "response_body");
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
                            response_status = NULL, response_type = NULL, response_body = NULL,
                            required_permissions = NULL
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
                        SELECT request_hash, status = 'done' AS done, response_status, response_type, response_body,
                            required_permissions
                        FROM idempotency_keys WHERE scope = :scope AND key = :key
                        """)
                .param("scope", scope)
                .param("key", key)
                .query((rs, row) -> new Stored(
                        rs.getBytes("request_hash"),
                        rs.getBoolean("done"),
                        rs.getInt("response_status"),
                        rs.getString("response_type"),
                        rs.getBytes("response_body") == null ? null : box.open(rs.getBytes("response_body")),
                        strings(rs.getArray("required_permissions"))))
                .optional();
    }

    void complete(String scope, String key, int status, String type, byte[] body, List<String> requiredPermissions) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET status = 'done', locked_until = NULL, response_status = :status,
                            response_type = :type, response_body = :body, required_permissions = :required
                        WHERE scope = :scope AND key = :key
                        """)
                .param("scope", scope)
                .param("key", key)
                .param("status", status)
                .param("type", type)
                .param("body", body == null ? null : box.seal(body))
                .param("required", requiredPermissions.toArray(String[]::new))
                .update();
    }

    /** Forgets a claim whose request failed on the server's side, so that the caller may retry it. */
    void release(String scope, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND key = :key AND status = 'running'")
                .param("scope", scope)
                .param("key", key)
                .update();
    }

    /** The recorded checks; null for a record from before they were recorded, which is never replayed. */
    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    int deleteOlderThan(Duration ttl) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :ttl)")
                .param("ttl", ttl.toSeconds())
                .update();
    }
}
