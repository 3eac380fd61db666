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

/** The domains organizations claim. A unique index lets a domain be verified for one organization only. */
@Repository
class JdbcDomainRepository {

    static final String CHALLENGE_PREFIX = "_roster-challenge.";

    private static final String COLUMNS = """
            id, organization_id, name, verification_value, verified_at, sso_required, created_at, created_by""";

    private final JdbcClient jdbc;

    JdbcDomainRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Domain insert(
            UUID id, OrganizationId org, String name, String verificationValue, boolean ssoRequired, String actor) {
        return jdbc.sql("""
                        INSERT INTO domains (id, organization_id, name, verification_value, sso_required, created_by)
                        VALUES (:id, :org, :name, :value, :ssoRequired, :actor)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("value", verificationValue)
                .param("ssoRequired", ssoRequired)
                .param("actor", actor)
                .query(JdbcDomainRepository::map)
                .single();
    }

    Optional<Domain> find(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domains WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcDomainRepository::map)
                .optional();
    }

    List<Domain> page(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        String sql = "SELECT " + COLUMNS + " FROM domains WHERE organization_id = :org"
                + Keyset.after("created_at", after, fetch, params);
        return jdbc.sql(sql).params(params).query(JdbcDomainRepository::map).list();
    }

    /** Whether another organization has this domain verified. */
    boolean verifiedElsewhere(OrganizationId org, String name) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM domains WHERE name = :name AND verified_at IS NOT NULL"
                        + " AND organization_id <> :org)")
                .param("name", name)
                .param("org", org.value())
                .query(Boolean.class)
                .single();
    }

    /** Whether the organization has this domain verified. */
    boolean verifiedIn(OrganizationId org, String name) {
        return exists("organization_id = :org AND name = :name AND verified_at IS NOT NULL", org, name);
    }

    /** Whether the organization has this domain verified and requires SSO for it. */
    boolean ssoRequired(OrganizationId org, String name) {
        return exists(
                "organization_id = :org AND name = :name AND verified_at IS NOT NULL AND sso_required", org, name);
    }

    /** The one organization that has this domain verified, if any. */
    Optional<OrganizationId> verifiedOwner(String name) {
        return jdbc.sql("SELECT organization_id FROM domains WHERE name = :name AND verified_at IS NOT NULL")
                .param("name", name)
                .query((rs, row) -> new OrganizationId(rs.getObject(1, UUID.class)))
                .optional();
    }

    private boolean exists(String where, OrganizationId org, String name) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM domains WHERE " + where + ")")
                .param("org", org.value())
                .param("name", name)
                .query(Boolean.class)
                .single();
    }

    Domain markVerified(OrganizationId org, UUID id, String actor) {
        return jdbc.sql("""
                        UPDATE domains SET verified_at = now(), verified_by = :actor
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("org", org.value())
                .param("id", id)
                .param("actor", actor)
                .query(JdbcDomainRepository::map)
                .single();
    }

    Domain setSsoRequired(OrganizationId org, UUID id, boolean ssoRequired) {
        return jdbc.sql("UPDATE domains SET sso_required = :ssoRequired WHERE organization_id = :org AND id = :id"
                        + " RETURNING " + COLUMNS)
                .param("org", org.value())
                .param("id", id)
                .param("ssoRequired", ssoRequired)
                .query(JdbcDomainRepository::map)
                .single();
    }

    void delete(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM domains WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    private static Domain map(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("name");
        var verifiedAt = Rows.instant(rs, "verified_at");
        return new Domain(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                name,
                verifiedAt != null,
                verifiedAt,
                rs.getBoolean("sso_required"),
                new Domain.Verification(CHALLENGE_PREFIX + name, "TXT", rs.getString("verification_value")),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"));
    }
}
