package dev.roster.oidc;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Applications. The secret hash is written and read back only by the methods named for it, never through {@link
 * #COLUMNS}. Every read takes the owner scope: a partner key's id, or null for the platform, which sees all.
 */
@Repository
class JdbcApplicationRepository {

    private static final String COLUMNS = """
            id, client_id, name, type, redirect_uris, post_logout_redirect_uris, organization_ids, created_at,
            created_by, updated_at, updated_by, secret_rotated_at""";

    /** Rows the scope may see: every live one for the platform (null), a partner's own for a partner. */
    private static final String IN_SCOPE =
            "deleted_at IS NULL AND (CAST(:partner AS uuid) IS NULL OR partner_key_id = CAST(:partner AS uuid))";

    private final JdbcClient jdbc;

    JdbcApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Application insert(
            UUID id,
            String clientId,
            ApplicationFields fields,
            String type,
            byte[] secretHash,
            UUID partnerKeyId,
            String actor) {
        return jdbc.sql("""
                        INSERT INTO applications (id, client_id, name, type, redirect_uris, post_logout_redirect_uris,
                            organization_ids, partner_key_id, secret_hash, secret_rotated_at, created_by, updated_by)
                        VALUES (:id, :clientId, :name, :type, :redirectUris, :postLogout,
                            CAST(:organizations AS uuid[]), :partner,
                            :hash, CASE WHEN CAST(:hash AS bytea) IS NULL THEN NULL ELSE now() END, :actor, :actor)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("clientId", clientId)
                .param("type", type)
                .params(fieldParams(fields))
                .param("partner", partnerKeyId)
                .param("hash", secretHash)
                .param("actor", actor)
                .query(JdbcApplicationRepository::map)
                .single();
    }

    Optional<Application> find(UUID partnerKeyId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE id = :id AND " + IN_SCOPE)
                .param("id", id)
                .param("partner", partnerKeyId)
                .query(JdbcApplicationRepository::map)
                .optional();
    }

    /** As {@link #find} and locked until the transaction ends, so that changes to one application take turns. */
    Optional<Application> lock(UUID partnerKeyId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE id = :id AND " + IN_SCOPE + " FOR UPDATE")
                .param("id", id)
                .param("partner", partnerKeyId)
                .query(JdbcApplicationRepository::map)
                .optional();
    }

    List<Application> page(UUID partnerKeyId, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("partner", partnerKeyId);
        String sql = "SELECT " + COLUMNS + " FROM applications WHERE " + IN_SCOPE
                + Keyset.after("created_at", after, fetch, params);
        return jdbc.sql(sql)
                .params(params)
                .query(JdbcApplicationRepository::map)
                .list();
    }

    Application update(UUID id, ApplicationFields fields, String actor) {
        return jdbc.sql("""
                        UPDATE applications SET name = :name, redirect_uris = :redirectUris,
                            post_logout_redirect_uris = :postLogout,
                            organization_ids = CAST(:organizations AS uuid[]),
                            updated_at = now(), updated_by = :actor
                        WHERE id = :id AND deleted_at IS NULL
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .params(fieldParams(fields))
                .param("actor", actor)
                .query(JdbcApplicationRepository::map)
                .single();
    }

    Application replaceSecret(UUID id, byte[] secretHash, String actor) {
        return jdbc.sql("""
                        UPDATE applications SET secret_hash = :hash, secret_rotated_at = now(), updated_at = now(),
                            updated_by = :actor
                        WHERE id = :id AND deleted_at IS NULL AND type = 'confidential'
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("hash", secretHash)
                .param("actor", actor)
                .query(JdbcApplicationRepository::map)
                .single();
    }

    /** Marks the application deleted and forgets its secret; its client id stays taken. */
    void markDeleted(UUID id, String actor) {
        jdbc.sql("""
                        UPDATE applications SET deleted_at = now(), deleted_by = :actor, secret_hash = NULL
                        WHERE id = :id AND deleted_at IS NULL
                        """).param("id", id).param("actor", actor).update();
    }

    Optional<Application> findLiveByClientId(String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE client_id = :clientId AND deleted_at IS NULL")
                .param("clientId", clientId)
                .query(JdbcApplicationRepository::map)
                .optional();
    }

    Optional<Application> findLive(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .query(JdbcApplicationRepository::map)
                .optional();
    }

    /** The HMAC of a live confidential application's secret. */
    Optional<byte[]> secretHash(UUID id) {
        return jdbc.sql("""
                        SELECT secret_hash FROM applications
                        WHERE id = :id AND deleted_at IS NULL AND secret_hash IS NOT NULL
                        """)
                .param("id", id)
                .query((rs, row) -> rs.getBytes("secret_hash"))
                .optional();
    }

    /**
     * Whether users of the organization may sign in to the live application: the organization is live, listed
     * (or the application lists none) and, for a partner's application, one the partner created.
     */
    boolean admits(UUID id, OrganizationId organizationId) {
        return jdbc.sql("""
                        SELECT EXISTS (
                            SELECT 1 FROM applications a JOIN organizations o ON o.id = :org
                            WHERE a.id = :id AND a.deleted_at IS NULL AND o.deleted_at IS NULL
                              AND (a.partner_key_id IS NULL OR o.partner_key_id = a.partner_key_id)
                              AND (a.organization_ids IS NULL OR o.id = ANY (a.organization_ids)))
                        """)
                .param("id", id)
                .param("org", organizationId.value())
                .query(Boolean.class)
                .single();
    }

    /**
     * Which of these organizations the owner reaches, in one query: any live one for the platform (null), the live
     * ones it created for a partner. The rule of {@code OrganizationService.requireAccess} for those two kinds, as
     * {@link #admits} applies it at sign-in.
     */
    Set<UUID> reachableOrganizations(UUID partnerKeyId, List<UUID> ids) {
        return Set.copyOf(jdbc.sql("""
                        SELECT id FROM organizations
                        WHERE id = ANY (CAST(:ids AS uuid[])) AND deleted_at IS NULL
                          AND (CAST(:partner AS uuid) IS NULL OR partner_key_id = CAST(:partner AS uuid))
                        """)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("partner", partnerKeyId)
                .query(UUID.class)
                .list());
    }

    private static Map<String, Object> fieldParams(ApplicationFields fields) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", fields.name());
        params.put("redirectUris", fields.redirectUris().toArray(String[]::new));
        params.put("postLogout", fields.postLogoutRedirectUris().toArray(String[]::new));
        params.put(
                "organizations",
                fields.organizationIds() == null
                        ? null
                        : fields.organizationIds().stream().map(UUID::toString).toArray(String[]::new));
        return params;
    }

    private static Application map(ResultSet rs, int row) throws SQLException {
        Array organizations = rs.getArray("organization_ids");
        return new Application(
                rs.getObject("id", UUID.class),
                rs.getString("client_id"),
                rs.getString("name"),
                rs.getString("type"),
                strings(rs.getArray("redirect_uris")),
                strings(rs.getArray("post_logout_redirect_uris")),
                organizations == null ? null : List.of((UUID[]) organizations.getArray()),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"),
                Rows.instant(rs, "secret_rotated_at"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
