package dev.roster.sso;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import dev.roster.shared.secret.SealedColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SSO providers. The client secret is sealed, and read only by {@link #sealedClientSecret}. */
@Repository
class JdbcSsoProviderRepository {

    private static final String COLUMNS = "id, organization_id, name, protocol, issuer, client_id,"
            + " client_secret IS NOT NULL AS client_secret_set, scopes, groups_claim, jit_provisioning,"
            + " default_role_id, group_roles, link_existing_users, enabled, created_at, created_by, updated_at,"
            + " updated_by";
    private static final TypeReference<List<SsoProvider.GroupRole>> GROUP_ROLES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcSsoProviderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Bean
    static SealedColumn sealedClientSecrets() {
        return new SealedColumn("sso_providers", "client_secret");
    }

    SsoProvider insert(OrganizationId org, UUID id, SsoProviderRequest p, String sealedSecret, String actor) {
        return jdbc.sql("""
                        INSERT INTO sso_providers
                            (id, organization_id, name, protocol, issuer, client_id, client_secret, scopes,
                             groups_claim, jit_provisioning, default_role_id, group_roles, link_existing_users,
                             enabled, created_by, updated_by)
                        VALUES (:id, :org, :name, :protocol, :issuer, :clientId, :secret, :scopes, :groupsClaim,
                                :jit, :defaultRoleId, CAST(:groupRoles AS jsonb), :linkExisting, :enabled, :actor,
                                :actor)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("org", org.value())
                .params(fields(p))
                .param("secret", sealedSecret)
                .param("actor", actor)
                .query(this::map)
                .single();
    }

    /** Saves the settings; the client secret changes only when {@code replaceSecret}, to the sealed value given. */
    SsoProvider update(
            OrganizationId org,
            UUID id,
            SsoProviderRequest p,
            boolean replaceSecret,
            String sealedSecret,
            String actor) {
        return jdbc.sql("""
                        UPDATE sso_providers SET name = :name, protocol = :protocol, issuer = :issuer,
                            client_id = :clientId,
                            client_secret = CASE WHEN :replaceSecret THEN :secret ELSE client_secret END,
                            scopes = :scopes, groups_claim = :groupsClaim, jit_provisioning = :jit,
                            default_role_id = :defaultRoleId, group_roles = CAST(:groupRoles AS jsonb),
                            link_existing_users = :linkExisting, enabled = :enabled, updated_at = now(),
                            updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("org", org.value())
                .params(fields(p))
                .param("replaceSecret", replaceSecret)
                .param("secret", sealedSecret)
                .param("actor", actor)
                .query(this::map)
                .single();
    }

    Optional<SsoProvider> find(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sso_providers WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** A provider by id alone, for a sign-in that names it before anyone is known. */
    Optional<SsoProvider> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sso_providers WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The organization's enabled OIDC providers, oldest first. */
    List<SsoProvider> enabled(OrganizationId org) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sso_providers WHERE organization_id = :org AND enabled"
                        + " AND protocol = 'oidc' ORDER BY created_at, id")
                .param("org", org.value())
                .query(this::map)
                .list();
    }

    Optional<String> sealedClientSecret(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT client_secret FROM sso_providers WHERE organization_id = :org AND id = :id"
                        + " AND client_secret IS NOT NULL")
                .param("org", org.value())
                .param("id", id)
                .query(String.class)
                .optional();
    }

    List<SsoProvider> page(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        String sql = "SELECT " + COLUMNS + " FROM sso_providers WHERE organization_id = :org"
                + Keyset.after("created_at", after, fetch, params);
        return jdbc.sql(sql).params(params).query(this::map).list();
    }

    boolean delete(OrganizationId org, UUID id) {
        return jdbc.sql("DELETE FROM sso_providers WHERE organization_id = :org AND id = :id")
                        .param("org", org.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    boolean anyEnabled(OrganizationId org) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sso_providers WHERE organization_id = :org AND enabled)")
                .param("org", org.value())
                .query(Boolean.class)
                .single();
    }

    private Map<String, Object> fields(SsoProviderRequest p) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", p.name());
        params.put("protocol", p.protocol());
        params.put("issuer", p.issuer());
        params.put("clientId", p.clientId());
        params.put("scopes", p.scopes().toArray(String[]::new));
        params.put("groupsClaim", p.groupsClaim());
        params.put("jit", p.jitProvisioning());
        params.put("defaultRoleId", p.defaultRoleId());
        params.put("groupRoles", json.writeValueAsString(p.groupRoles()));
        params.put("linkExisting", p.linkExistingUsers());
        params.put("enabled", p.enabled());
        return params;
    }

    private SsoProvider map(ResultSet rs, int row) throws SQLException {
        return new SsoProvider(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"),
                rs.getString("protocol"),
                rs.getString("issuer"),
                rs.getString("client_id"),
                rs.getBoolean("client_secret_set"),
                List.of((String[]) rs.getArray("scopes").getArray()),
                rs.getString("groups_claim"),
                rs.getString("jit_provisioning"),
                rs.getObject("default_role_id", UUID.class),
                json.readValue(rs.getString("group_roles"), GROUP_ROLES),
                rs.getBoolean("link_existing_users"),
                rs.getBoolean("enabled"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
