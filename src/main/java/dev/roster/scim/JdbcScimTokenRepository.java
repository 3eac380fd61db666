package dev.roster.scim;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SCIM tokens; the hash is written once and read only to find a token, never in a list. */
@Repository
class JdbcScimTokenRepository {

    private static final String COLUMNS =
            "id, organization_id, name, prefix, expires_at, last_used_at, created_at, created_by";
    private static final String LIVE = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())";

    private final JdbcClient jdbc;

    JdbcScimTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ScimToken insert(
            OrganizationId org, UUID id, String name, byte[] hash, String prefix, Instant expiresAt, String actor) {
        return jdbc.sql("INSERT INTO scim_tokens (id, organization_id, name, token_hash, prefix, expires_at,"
                        + " created_by) VALUES (:id, :org, :name, :hash, :prefix, :expiresAt, :actor) RETURNING "
                        + COLUMNS)
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("hash", hash)
                .param("prefix", prefix)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .param("actor", actor)
                .query(JdbcScimTokenRepository::map)
                .single();
    }

    /** Serialises token creation in one organization, so that the cap on live tokens holds under concurrency. */
    void lockOrganization(OrganizationId org) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('scim_tokens'), hashtext(CAST(:org AS text)))")
                .param("org", org.value())
                .query((rs, row) -> 1)
                .list();
    }

    int countLive(OrganizationId org) {
        return jdbc.sql("SELECT count(*) FROM scim_tokens WHERE organization_id = :org AND " + LIVE)
                .param("org", org.value())
                .query(Integer.class)
                .single();
    }

    List<ScimToken> live(OrganizationId org) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scim_tokens WHERE organization_id = :org AND " + LIVE
                        + " ORDER BY created_at, id")
                .param("org", org.value())
                .query(JdbcScimTokenRepository::map)
                .list();
    }

    boolean revoke(OrganizationId org, UUID id, String actor) {
        return jdbc.sql("UPDATE scim_tokens SET revoked_at = now(), revoked_by = :actor"
                                + " WHERE organization_id = :org AND id = :id AND revoked_at IS NULL")
                        .param("org", org.value())
                        .param("id", id)
                        .param("actor", actor)
                        .update()
                == 1;
    }

    /** The live token with this hash, in a live organization. */
    Optional<ScimToken> findLive(byte[] hash) {
        return jdbc.sql("""
                        SELECT t.id, t.organization_id, t.name, t.prefix, t.expires_at, t.last_used_at, t.created_at,
                            t.created_by
                        FROM scim_tokens t JOIN organizations o ON o.id = t.organization_id AND o.deleted_at IS NULL
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL
                            AND (t.expires_at IS NULL OR t.expires_at > now())
                        """)
                .param("hash", hash)
                .query(JdbcScimTokenRepository::map)
                .optional();
    }

    /** Keeps lastUsedAt to the minute: at most one write a minute per token, however busy the directory. */
    void touch(UUID id) {
        jdbc.sql("UPDATE scim_tokens SET last_used_at = now() WHERE id = :id"
                        + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
                .param("id", id)
                .update();
    }

    private static ScimToken map(ResultSet rs, int row) throws SQLException {
        return new ScimToken(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "last_used_at"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"));
    }
}
