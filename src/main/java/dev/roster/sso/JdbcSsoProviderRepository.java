package dev.roster.sso;

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

@Repository
class JdbcSsoProviderRepository {

    private static final String COLUMNS =
            "id, organization_id, name, protocol, issuer, client_id, enabled, created_at, created_by, updated_at,"
                    + " updated_by";

    private final JdbcClient jdbc;

    JdbcSsoProviderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SsoProvider insert(OrganizationId org, UUID id, SsoProviderRequest p, String actor) {
        return jdbc.sql("""
                        INSERT INTO sso_providers
                            (id, organization_id, name, protocol, issuer, client_id, enabled, created_by, updated_by)
                        VALUES (:id, :org, :name, :protocol, :issuer, :clientId, :enabled, :actor, :actor)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("org", org.value())
                .params(fields(p))
                .param("actor", actor)
                .query(JdbcSsoProviderRepository::map)
                .single();
    }

    SsoProvider update(OrganizationId org, UUID id, SsoProviderRequest p, String actor) {
        return jdbc.sql("""
                        UPDATE sso_providers SET name = :name, protocol = :protocol, issuer = :issuer,
                            client_id = :clientId, enabled = :enabled, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("org", org.value())
                .params(fields(p))
                .param("actor", actor)
                .query(JdbcSsoProviderRepository::map)
                .single();
    }

    Optional<SsoProvider> find(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sso_providers WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcSsoProviderRepository::map)
                .optional();
    }

    List<SsoProvider> page(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        String sql = "SELECT " + COLUMNS + " FROM sso_providers WHERE organization_id = :org"
                + Keyset.after("created_at", after, fetch, params);
        return jdbc.sql(sql)
                .params(params)
                .query(JdbcSsoProviderRepository::map)
                .list();
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

    private static Map<String, Object> fields(SsoProviderRequest p) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", p.name());
        params.put("protocol", p.protocol());
        params.put("issuer", p.issuer());
        params.put("clientId", p.clientId());
        params.put("enabled", p.enabled());
        return params;
    }

    private static SsoProvider map(ResultSet rs, int row) throws SQLException {
        return new SsoProvider(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"),
                rs.getString("protocol"),
                rs.getString("issuer"),
                rs.getString("client_id"),
                rs.getBoolean("enabled"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
