package dev.roster.auth;

import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens, kept as hashes; each is used once and replaced. */
@Repository
class JdbcRefreshTokenRepository {

    private final JdbcClient jdbc;

    JdbcRefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UserId user, byte[] hash, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at)
                        VALUES (:id, :user, :hash, :expiresAt)
                        """)
                .param("id", id)
                .param("user", user.value())
                .param("hash", hash)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .update();
    }

    /** Spends a live token in one statement, so that two concurrent uses cannot both succeed. */
    Optional<UserId> use(byte[] hash) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET used_at = now()
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
                        RETURNING user_id
                        """)
                .param("hash", hash)
                .query((rs, row) -> new UserId(rs.getObject("user_id", UUID.class)))
                .optional();
    }
}
