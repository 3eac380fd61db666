package dev.roster.auth;

import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password hashes and failed-attempt counters, one row per user. */
@Repository
class JdbcCredentialRepository {

    record Credential(String hash, boolean mustChange, Instant expiresAt, int recentFailures) {}

    private final JdbcClient jdbc;

    JdbcCredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(UserId user, String hash, boolean mustChange, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO user_credentials (user_id, password_hash, must_change, expires_at)
                        VALUES (:user, :hash, :mustChange, :expiresAt)
                        ON CONFLICT (user_id) DO UPDATE SET password_hash = :hash, must_change = :mustChange,
                            expires_at = :expiresAt, failed_attempts = 0, last_failed_at = NULL, updated_at = now()
                        """)
                .param("user", user.value())
                .param("hash", hash)
                .param("mustChange", mustChange)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .update();
    }

    /** The credential, with the failures counted within {@code window} (older ones are forgiven). */
    Optional<Credential> find(UserId user, Duration window) {
        return jdbc.sql("""
                        SELECT password_hash, must_change, expires_at,
                            CASE WHEN last_failed_at > now() - make_interval(secs => :window) THEN failed_attempts
                                 ELSE 0 END AS recent_failures
                        FROM user_credentials WHERE user_id = :user
                        """)
                .param("user", user.value())
                .param("window", window.toSeconds())
                .query((rs, row) -> new Credential(
                        rs.getString("password_hash"),
                        rs.getBoolean("must_change"),
                        Rows.instant(rs, "expires_at"),
                        rs.getInt("recent_failures")))
                .optional();
    }

    void recordFailure(UserId user, Duration window) {
        jdbc.sql("""
                        UPDATE user_credentials SET last_failed_at = now(),
                            failed_attempts = CASE WHEN last_failed_at > now() - make_interval(secs => :window)
                                                   THEN failed_attempts + 1 ELSE 1 END
                        WHERE user_id = :user
                        """)
                .param("user", user.value())
                .param("window", window.toSeconds())
                .update();
    }

    void clearFailures(UserId user) {
        jdbc.sql("UPDATE user_credentials SET failed_attempts = 0, last_failed_at = NULL WHERE user_id = :user")
                .param("user", user.value())
                .update();
    }

    void expireTemporary(UserId user) {
        jdbc.sql("UPDATE user_credentials SET expires_at = now() WHERE user_id = :user AND must_change")
                .param("user", user.value())
                .update();
    }
}
