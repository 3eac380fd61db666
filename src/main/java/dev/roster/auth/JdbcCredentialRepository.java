package dev.roster.auth;

import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password hashes, one row per user, and the password-change challenges already met. */
@Repository
class JdbcCredentialRepository {

    record Credential(String hash, boolean mustChange, Instant expiresAt) {

        /** Whether the password may still be used: a temporary one stops at its expiry. */
        boolean current() {
            return expiresAt == null || expiresAt.isAfter(Instant.now());
        }
    }

    private final JdbcClient jdbc;

    JdbcCredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(UserId user, String hash, boolean mustChange, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO user_credentials (user_id, password_hash, must_change, expires_at)
                        VALUES (:user, :hash, :mustChange, :expiresAt)
                        ON CONFLICT (user_id) DO UPDATE SET password_hash = :hash, must_change = :mustChange,
                            expires_at = :expiresAt, updated_at = now()
                        """)
                .param("user", user.value())
                .param("hash", hash)
                .param("mustChange", mustChange)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .update();
    }

    /**
     * Replaces a temporary password that is still current with the user's own; false when there is none any more
     * (already replaced, revoked or expired), so that a challenge cannot outlive what it was for.
     */
    boolean replaceTemporary(UserId user, String hash) {
        return jdbc.sql("""
                        UPDATE user_credentials SET password_hash = :hash, must_change = false, expires_at = NULL,
                            updated_at = now()
                        WHERE user_id = :user AND must_change AND (expires_at IS NULL OR expires_at > now())
                        """).param("user", user.value()).param("hash", hash).update() == 1;
    }

    Optional<Credential> find(UserId user) {
        return jdbc.sql("SELECT password_hash, must_change, expires_at FROM user_credentials WHERE user_id = :user")
                .param("user", user.value())
                .query((rs, row) -> new Credential(
                        rs.getString("password_hash"), rs.getBoolean("must_change"), Rows.instant(rs, "expires_at")))
                .optional();
    }

    void expireTemporary(UserId user) {
        jdbc.sql("UPDATE user_credentials SET expires_at = now() WHERE user_id = :user AND must_change")
                .param("user", user.value())
                .update();
    }

    void delete(UserId user) {
        jdbc.sql("DELETE FROM user_credentials WHERE user_id = :user")
                .param("user", user.value())
                .update();
    }

    /** Records a challenge as met; false when it already was. */
    boolean spendChallenge(UUID id, Instant expiresAt) {
        return jdbc.sql("INSERT INTO spent_challenges (id, expires_at) VALUES (:id, :expiresAt) ON CONFLICT DO NOTHING")
                        .param("id", id)
                        .param("expiresAt", Rows.timestamp(expiresAt))
                        .update()
                == 1;
    }

    /** Drops the met challenges that have expired anyway. */
    int purgeSpentChallenges() {
        return jdbc.sql("DELETE FROM spent_challenges WHERE expires_at < now()").update();
    }
}
