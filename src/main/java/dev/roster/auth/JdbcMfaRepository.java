package dev.roster.auth;

import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import dev.roster.shared.secret.SealedColumn;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** TOTP secrets (sealed) and recovery codes (hashed), one authenticator per user. */
@Repository
class JdbcMfaRepository {

    /** A user's authenticator: its sealed secret, and whether the user proved it works. */
    record Authenticator(String sealedSecret, boolean confirmed, Instant createdAt) {}

    private final JdbcClient jdbc;

    JdbcMfaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The TOTP secrets are sealed at rest, as every secret Roster must read back. */
    @Bean
    static SealedColumn sealedTotpSecrets() {
        return new SealedColumn("user_totp", "secret");
    }

    /** Starts (or restarts) enrollment with a new secret that is not confirmed yet. */
    void saveUnconfirmed(UserId user, String sealedSecret) {
        jdbc.sql("""
                        INSERT INTO user_totp (user_id, secret) VALUES (:user, :secret)
                        ON CONFLICT (user_id) DO UPDATE SET secret = :secret, confirmed_at = NULL, last_used_step = 0,
                            created_at = now()
                        """).param("user", user.value()).param("secret", sealedSecret).update();
    }

    Optional<Authenticator> find(UserId user) {
        return jdbc.sql("""
                        SELECT secret, confirmed_at IS NOT NULL AS confirmed, created_at FROM user_totp
                        WHERE user_id = :user
                        """)
                .param("user", user.value())
                .query((rs, row) -> new Authenticator(
                        rs.getString("secret"), rs.getBoolean("confirmed"), Rows.instant(rs, "created_at")))
                .optional();
    }

    /**
     * Spends a time step: true when no code of this step or a later one was accepted before, so that each code
     * works once. With {@code confirming}, the unconfirmed authenticator becomes the user's.
     */
    boolean spendStep(UserId user, long step, boolean confirming) {
        return jdbc.sql("""
                        UPDATE user_totp SET last_used_step = :step,
                            confirmed_at = CASE WHEN :confirming THEN now() ELSE confirmed_at END
                        WHERE user_id = :user AND last_used_step < :step
                            AND (confirmed_at IS NOT NULL) = NOT :confirming
                        """)
                        .param("user", user.value())
                        .param("step", step)
                        .param("confirming", confirming)
                        .update()
                == 1;
    }

    void replaceRecoveryCodes(UserId user, List<byte[]> hashes) {
        jdbc.sql("DELETE FROM mfa_recovery_codes WHERE user_id = :user")
                .param("user", user.value())
                .update();
        for (byte[] hash : hashes) {
            jdbc.sql("INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES (:user, :hash)")
                    .param("user", user.value())
                    .param("hash", hash)
                    .update();
        }
    }

    /** Spends a recovery code; false when it is not one of the user's, or was used. */
    boolean spendRecoveryCode(UserId user, byte[] hash) {
        return jdbc.sql("""
                        UPDATE mfa_recovery_codes SET used_at = now()
                        WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL
                        """).param("user", user.value()).param("hash", hash).update() == 1;
    }

    void delete(UserId user) {
        jdbc.sql("DELETE FROM mfa_recovery_codes WHERE user_id = :user")
                .param("user", user.value())
                .update();
        jdbc.sql("DELETE FROM user_totp WHERE user_id = :user")
                .param("user", user.value())
                .update();
    }
}
