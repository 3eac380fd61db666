package dev.roster.auth;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys. The secret hash is written here and matched here, and is in no column list that is read back. */
@Repository
class JdbcApiKeyRepository {

    /** The key's columns, and the name of its role (owned by the role feature). */
    private static final String COLUMNS = """
            id, name, kind, role_id, (SELECT r.name FROM roles r WHERE r.id = api_keys.role_id) AS role,
            organization_id, prefix, created_at, created_by, last_used_at, revoked_at""";

    /**
     * What authentication needs of a live key whose organization, if any, is not deleted: with the permissions of
     * its role, read on every request so that a role's change or a key's revocation holds at once.
     */
    record ActiveKey(UUID id, KeyKind kind, UUID organizationId, String[] permissions, byte[] hash) {}

    private final JdbcClient jdbc;

    JdbcApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(
            UUID id,
            KeyKind kind,
            OrganizationId organizationId,
            UUID roleId,
            String name,
            String prefix,
            byte[] hash,
            String actor) {
        return insert(id, kind, organizationId, roleId, name, prefix, hash, actor, false);
    }

    /** @param bootstrap whether start-up made the key (a platform key only); a start with another one revokes it */
    ApiKey insert(
            UUID id,
            KeyKind kind,
            OrganizationId organizationId,
            UUID roleId,
            String name,
            String prefix,
            byte[] hash,
            String actor,
            boolean bootstrap) {
        return jdbc.sql("""
                        INSERT INTO api_keys (id, kind, organization_id, role_id, name, prefix, secret_hash, created_by,
                            bootstrap)
                        VALUES (:id, :kind, :org, :role, :name, :prefix, :hash, :actor, :bootstrap)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("bootstrap", bootstrap)
                .param("id", id)
                .param("kind", kind.code())
                .param("org", organizationId == null ? null : organizationId.value())
                .param("role", roleId)
                .param("name", name)
                .param("prefix", prefix)
                .param("hash", hash)
                .param("actor", actor)
                .query(JdbcApiKeyRepository::map)
                .single();
    }

    Optional<ActiveKey> findActive(byte[] hash) {
        return findActive("k.secret_hash = :value", hash);
    }

    /** A live key by its id, for work a request with the key started and that carries on without it. */
    Optional<ActiveKey> findActiveById(UUID id) {
        return findActive("k.id = :value", id);
    }

    /** @param condition a constant, never user input */
    private Optional<ActiveKey> findActive(String condition, Object value) {
        return jdbc.sql("""
                        SELECT k.id, k.kind, k.organization_id, r.permissions, k.secret_hash
                        FROM api_keys k JOIN roles r ON r.id = k.role_id
                            LEFT JOIN organizations o ON o.id = k.organization_id
                        WHERE %s AND k.revoked_at IS NULL
                          AND (k.organization_id IS NULL OR o.deleted_at IS NULL)
                        """.formatted(condition))
                .param("value", value)
                .query((rs, row) -> new ActiveKey(
                        rs.getObject("id", UUID.class),
                        KeyKind.ofCode(rs.getString("kind")),
                        rs.getObject("organization_id", UUID.class),
                        (String[]) rs.getArray("permissions").getArray(),
                        rs.getBytes("secret_hash")))
                .optional();
    }

    /** The live platform or partner key with this id, as {@link #findActive} reads a key by its secret. */
    Optional<ActiveKey> findActiveOperatorKey(UUID id) {
        return jdbc.sql("""
                        SELECT id, kind, secret_hash FROM api_keys
                        WHERE id = :id AND kind IN ('platform', 'partner') AND revoked_at IS NULL
                        """)
                .param("id", id)
                .query((rs, row) -> new ActiveKey(
                        rs.getObject("id", UUID.class),
                        KeyKind.ofCode(rs.getString("kind")),
                        null,
                        new String[0],
                        rs.getBytes("secret_hash")))
                .optional();
    }

    /**
     * Serialises, across nodes and until the transaction ends, every change to which platform keys are live:
     * bootstrap, and revoking a platform key (so that two revocations cannot both take the last two).
     */
    void lockPlatformKeys() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('roster.bootstrap'))")
                .query()
                .singleRow();
    }

    boolean existsActive(KeyKind kind) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_keys WHERE kind = :kind AND revoked_at IS NULL)")
                .param("kind", kind.code())
                .query(Boolean.class)
                .single();
    }

    /** The key with this hash, of any kind, live or revoked. */
    Optional<StoredKey> findByHash(byte[] hash) {
        return jdbc.sql("SELECT id, kind, revoked_at IS NOT NULL AS revoked FROM api_keys WHERE secret_hash = :hash")
                .param("hash", hash)
                .query((rs, row) -> new StoredKey(
                        rs.getObject("id", UUID.class), KeyKind.ofCode(rs.getString("kind")), rs.getBoolean("revoked")))
                .optional();
    }

    record StoredKey(UUID id, KeyKind kind, boolean revoked) {}

    /** Revokes every live platform key that start-up made, but the one kept; returns the ids revoked. */
    List<UUID> revokeBootstrapKeysBut(UUID kept, String actor) {
        return jdbc.sql("""
                        UPDATE api_keys SET revoked_at = now(), revoked_by = :actor
                        WHERE kind = 'platform' AND bootstrap AND revoked_at IS NULL AND id <> :kept
                        RETURNING id
                        """)
                .param("kept", kept)
                .param("actor", actor)
                .query(UUID.class)
                .list();
    }

    /** Whether a live platform key other than this one exists; call under {@link #lockPlatformKeys()}. */
    boolean anotherLivePlatformKey(UUID id) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM api_keys
                                       WHERE kind = 'platform' AND revoked_at IS NULL AND id <> :id)
                        """).param("id", id).query(Boolean.class).single();
    }

    /** Keys of one organization, or of one kind without organization (partner keys) when {@code organizationId} is null. */
    List<ApiKey> page(KeyKind kind, OrganizationId organizationId, Cursor after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM api_keys WHERE kind = :kind");
        Map<String, Object> params = new HashMap<>();
        params.put("kind", kind.code());
        if (organizationId != null) {
            sql.append(" AND organization_id = :org");
            params.put("org", organizationId.value());
        }
        sql.append(Keyset.after("created_at", after, fetch, params));
        return jdbc.sql(sql.toString())
                .params(params)
                .query(JdbcApiKeyRepository::map)
                .list();
    }

    /** Revokes one key of the given kind (and organization, for organization keys); false when none matched. */
    boolean revoke(KeyKind kind, OrganizationId organizationId, UUID id, String actor) {
        return jdbc.sql("""
                        UPDATE api_keys SET revoked_at = now(), revoked_by = :actor
                        WHERE id = :id AND kind = :kind AND revoked_at IS NULL
                          AND organization_id IS NOT DISTINCT FROM CAST(:org AS uuid)
                        """)
                        .param("id", id)
                        .param("kind", kind.code())
                        .param("org", organizationId == null ? null : organizationId.value())
                        .param("actor", actor)
                        .update()
                == 1;
    }

    boolean exists(KeyKind kind, OrganizationId organizationId, UUID id) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = :id AND kind = :kind
                                       AND organization_id IS NOT DISTINCT FROM CAST(:org AS uuid))
                        """)
                .param("id", id)
                .param("kind", kind.code())
                .param("org", organizationId == null ? null : organizationId.value())
                .query(Boolean.class)
                .single();
    }

    void revokeAll(OrganizationId organizationId, String actor) {
        jdbc.sql("""
                        UPDATE api_keys SET revoked_at = now(), revoked_by = :actor
                        WHERE organization_id = :org AND revoked_at IS NULL
                        """).param("org", organizationId.value()).param("actor", actor).update();
    }

    void touch(UUID id) {
        jdbc.sql("UPDATE api_keys SET last_used_at = now() WHERE id = :id")
                .param("id", id)
                .update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getString("role"),
                rs.getObject("role_id", UUID.class),
                org == null ? null : new OrganizationId(org),
                rs.getString("prefix"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "last_used_at"),
                Rows.instant(rs, "revoked_at"));
    }
}
