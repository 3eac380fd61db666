package dev.roster.login;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password-reset tokens, kept as hashes. A token is usable while it is unused and unexpired. */
@Repository
class JdbcPasswordResetRepository {

    /** What a token is for, and whether it can still be used. */
    record Reset(OrganizationId organizationId, UserId userId, boolean used, boolean expired) {}

    private final JdbcClient jdbc;

    JdbcPasswordResetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, OrganizationId org, UserId user, byte[] tokenHash, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO password_resets (id, organization_id, user_id, token_hash, expires_at)
                        VALUES (:id, :org, :user, :hash, :expiresAt)
                        """)
                .param("id", id)
                .param("org", org.value())
                .param("user", user.value())
                .param("hash", tokenHash)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .update();
    }

    Optional<Reset> find(byte[] tokenHash) {
        return jdbc.sql("""
                        SELECT organization_id, user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
                        FROM password_resets WHERE token_hash = :hash
                        """)
                .param("hash", tokenHash)
                .query((rs, row) -> new Reset(
                        new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getBoolean("used"),
                        rs.getBoolean("expired")))
                .optional();
    }

    /** Spends a usable token in one statement, so that two uses cannot both succeed. */
    boolean spend(byte[] tokenHash) {
        return jdbc.sql("""
                        UPDATE password_resets SET used_at = now()
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
                        """).param("hash", tokenHash).update() == 1;
    }

    /** Ends every other token of the user once one was used. */
    void spendAllOf(UserId user) {
        jdbc.sql("UPDATE password_resets SET used_at = now() WHERE user_id = :user AND used_at IS NULL")
                .param("user", user.value())
                .update();
    }
}
