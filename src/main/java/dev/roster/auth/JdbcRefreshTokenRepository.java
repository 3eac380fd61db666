package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refresh tokens, kept as hashes, in families: a sign-in starts a family, each refresh spends one token and adds the
 * next. A token is live while it is neither used, revoked nor expired.
 */
@Repository
class JdbcRefreshTokenRepository {

    /** A live token that was just spent, whose user gets the next one in the same family. */
    record Spent(UserId user, UUID family) {}

    private final JdbcClient jdbc;

    JdbcRefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID family, UserId user, byte[] hash, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at)
                        VALUES (:id, :family, :user, :hash, :expiresAt)
                        """)
                .param("id", id)
                .param("family", family)
                .param("user", user.value())
                .param("hash", hash)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .update();
    }

    /** Spends a live token in one statement, so that two concurrent uses cannot both succeed. */
    Optional<Spent> use(byte[] hash) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET used_at = now()
                        WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                        RETURNING user_id, family_id
                        """)
                .param("hash", hash)
                .query((rs, row) -> new Spent(
                        new UserId(rs.getObject("user_id", UUID.class)), rs.getObject("family_id", UUID.class)))
                .optional();
    }

    /**
     * Revokes the whole family of a token that was already spent (a replay: the token was stolen, or its family's
     * newest token was), and returns the family's user; empty when the token was never spent.
     */
    Optional<UserId> revokeFamilyOfSpent(byte[] hash) {
        return jdbc.sql("""
                        WITH spent AS (SELECT family_id, user_id FROM refresh_tokens
                                       WHERE token_hash = :hash AND used_at IS NOT NULL),
                             revoked AS (UPDATE refresh_tokens SET revoked_at = now()
                                         WHERE family_id IN (SELECT family_id FROM spent) AND revoked_at IS NULL)
                        SELECT user_id FROM spent
                        """)
                .param("hash", hash)
                .query((rs, row) -> new UserId(rs.getObject("user_id", UUID.class)))
                .optional();
    }

    /** Revokes the family of a live or spent token, for RFC 7009 revocation; returns its user if it is known. */
    Optional<UserId> revokeFamily(byte[] hash) {
        return jdbc.sql("""
                        WITH token AS (SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = :hash),
                             revoked AS (UPDATE refresh_tokens SET revoked_at = now()
                                         WHERE family_id IN (SELECT family_id FROM token) AND revoked_at IS NULL)
                        SELECT user_id FROM token
                        """)
                .param("hash", hash)
                .query((rs, row) -> new UserId(rs.getObject("user_id", UUID.class)))
                .optional();
    }

    /** Revokes every token of the user that could still be used; returns how many. */
    int revokeAllOf(UserId user) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET revoked_at = now()
                        WHERE user_id = :user AND revoked_at IS NULL AND used_at IS NULL
                        """).param("user", user.value()).update();
    }

    /** Revokes every token of every user of the organization. */
    void revokeAllIn(OrganizationId org) {
        jdbc.sql("""
                        UPDATE refresh_tokens SET revoked_at = now()
                        WHERE revoked_at IS NULL AND used_at IS NULL
                            AND user_id IN (SELECT id FROM users WHERE organization_id = :org)
                        """).param("org", org.value()).update();
    }
}
