package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Browser sessions, found by the HMAC of their cookie. */
@Repository
class JdbcBrowserSessionRepository {

    private static final String COLUMNS =
            "id, user_id, organization_id, method, created_at, last_seen_at, expires_at, user_agent, address";

    private final JdbcClient jdbc;

    JdbcBrowserSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    BrowserSession insert(
            UUID id,
            byte[] hash,
            UserId user,
            OrganizationId organization,
            String method,
            Instant expiresAt,
            String userAgent,
            String address) {
        return jdbc.sql("INSERT INTO browser_sessions (id, token_hash, user_id, organization_id, method, expires_at,"
                        + " user_agent, address) VALUES (:id, :hash, :user, :org, :method, :expiresAt, :agent,"
                        + " :address) RETURNING " + COLUMNS)
                .param("id", id)
                .param("hash", hash)
                .param("user", user.value())
                .param("org", organization.value())
                .param("method", method)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .param("agent", userAgent)
                .param("address", address)
                .query(JdbcBrowserSessionRepository::map)
                .single();
    }

    /**
     * The live session with this hash, idle for less than {@code idle}; its last use moves to now when it was more
     * than a minute ago, so that a busy session costs one write a minute, not one a request.
     */
    Optional<BrowserSession> touch(byte[] hash, Duration idle) {
        return jdbc.sql("""
                        WITH live AS (SELECT id, last_seen_at FROM browser_sessions
                                      WHERE token_hash = :hash AND user_id IS NOT NULL
                                          AND ended_at IS NULL AND expires_at > now()
                                          AND last_seen_at > now() - make_interval(secs => :idle)),
                             touched AS (UPDATE browser_sessions SET last_seen_at = now()
                                         WHERE id IN (SELECT id FROM live
                                                      WHERE last_seen_at < now() - interval '1 minute'))
                        SELECT %s FROM browser_sessions WHERE id IN (SELECT id FROM live)
                        """.formatted(COLUMNS))
                .param("hash", hash)
                .param("idle", idle.toSeconds())
                .query(JdbcBrowserSessionRepository::map)
                .optional();
    }

    /** Starts an operator's session: one that stands for a platform or partner key, by its id. */
    void insertForKey(UUID id, byte[] hash, UUID keyId, Instant expiresAt, String userAgent, String address) {
        jdbc.sql("INSERT INTO browser_sessions (id, token_hash, api_key_id, method, expires_at, user_agent, address)"
                        + " VALUES (:id, :hash, :key, 'api_key', :expiresAt, :agent, :address)")
                .param("id", id)
                .param("hash", hash)
                .param("key", keyId)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .param("agent", userAgent)
                .param("address", address)
                .update();
    }

    /**
     * The key of the live operator session with this hash, idle for less than {@code idle}; its last use moves to
     * now when it was more than a minute ago, as {@link #touch} does for users.
     */
    Optional<UUID> touchKeySession(byte[] hash, Duration idle) {
        return jdbc.sql("""
                        WITH live AS (SELECT id, api_key_id, last_seen_at FROM browser_sessions
                                      WHERE token_hash = :hash AND api_key_id IS NOT NULL
                                          AND ended_at IS NULL AND expires_at > now()
                                          AND last_seen_at > now() - make_interval(secs => :idle)),
                             touched AS (UPDATE browser_sessions SET last_seen_at = now()
                                         WHERE id IN (SELECT id FROM live
                                                      WHERE last_seen_at < now() - interval '1 minute'))
                        SELECT api_key_id FROM live
                        """)
                .param("hash", hash)
                .param("idle", idle.toSeconds())
                .query(UUID.class)
                .optional();
    }

    /** Ends every session that stands for this key; returns how many. */
    int endAllOfKey(UUID keyId) {
        return jdbc.sql("UPDATE browser_sessions SET ended_at = now() WHERE api_key_id = :key AND ended_at IS NULL")
                .param("key", keyId)
                .update();
    }

    /** Forgets the key's sessions that ended or expired more than {@code keep} ago. */
    void purgeOldOfKey(UUID keyId, Duration keep) {
        jdbc.sql("""
                        DELETE FROM browser_sessions
                        WHERE api_key_id = :key AND LEAST(COALESCE(ended_at, expires_at), expires_at)
                            < now() - make_interval(secs => :keep)
                        """).param("key", keyId).param("keep", keep.toSeconds()).update();
    }

    /** The user's live sessions, newest first. */
    List<BrowserSession> liveOf(UserId user, Duration idle) {
        return jdbc.sql("""
                        SELECT %s FROM browser_sessions
                        WHERE user_id = :user AND ended_at IS NULL AND expires_at > now()
                            AND last_seen_at > now() - make_interval(secs => :idle)
                        ORDER BY created_at DESC, id DESC LIMIT 100
                        """.formatted(COLUMNS))
                .param("user", user.value())
                .param("idle", idle.toSeconds())
                .query(JdbcBrowserSessionRepository::map)
                .list();
    }

    /** Ends the session with this cookie hash; false when it had ended already. */
    boolean endByHash(byte[] hash) {
        return jdbc.sql("UPDATE browser_sessions SET ended_at = now() WHERE token_hash = :hash AND ended_at IS NULL")
                        .param("hash", hash)
                        .update()
                > 0;
    }

    /** Ends one session of the user; false when the user has no such live session. */
    boolean end(UserId user, UUID id) {
        return jdbc.sql("""
                                UPDATE browser_sessions SET ended_at = now()
                                WHERE id = :id AND user_id = :user AND ended_at IS NULL AND expires_at > now()
                                """).param("id", id).param("user", user.value()).update() > 0;
    }

    /** Ends every session of the user but {@code keep} (null for none); returns how many. */
    int endAllOf(UserId user, UUID keep) {
        return jdbc.sql("""
                        UPDATE browser_sessions SET ended_at = now()
                        WHERE user_id = :user AND ended_at IS NULL AND expires_at > now()
                            AND (CAST(:keep AS uuid) IS NULL OR id <> :keep)
                        """).param("user", user.value()).param("keep", keep).update();
    }

    void endAllIn(OrganizationId organization) {
        jdbc.sql("UPDATE browser_sessions SET ended_at = now() WHERE organization_id = :org AND ended_at IS NULL")
                .param("org", organization.value())
                .update();
    }

    /** Forgets the user's sessions that ended or expired more than {@code keep} ago. */
    void purgeOldOf(UserId user, Duration keep) {
        jdbc.sql("""
                        DELETE FROM browser_sessions
                        WHERE user_id = :user AND LEAST(COALESCE(ended_at, expires_at), expires_at)
                            < now() - make_interval(secs => :keep)
                        """)
                .param("user", user.value())
                .param("keep", keep.toSeconds())
                .update();
    }

    private static BrowserSession map(ResultSet rs, int row) throws SQLException {
        return new BrowserSession(
                rs.getObject("id", UUID.class),
                new UserId(rs.getObject("user_id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("method"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "last_seen_at"),
                Rows.instant(rs, "expires_at"),
                rs.getString("user_agent"),
                rs.getString("address"),
                false);
    }
}
