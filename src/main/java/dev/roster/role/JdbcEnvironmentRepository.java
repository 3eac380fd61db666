package dev.roster.role;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** An organization's environments; every method takes the organization first. */
@Repository
class JdbcEnvironmentRepository {

    private static final String ENVIRONMENT = "id, name, created_at, created_by, updated_at, updated_by";

    private final JdbcClient jdbc;

    JdbcEnvironmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Environment insertEnvironment(OrganizationId org, UUID id, String name, String actor) {
        return jdbc.sql("""
                        INSERT INTO environments (id, organization_id, name, created_by, updated_by)
                        VALUES (:id, :org, :name, :actor, :actor) RETURNING %s
                        """.formatted(ENVIRONMENT))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("actor", actor)
                .query(JdbcEnvironmentRepository::environment)
                .single();
    }

    Environment renameEnvironment(OrganizationId org, UUID id, String name, String actor) {
        return jdbc.sql("""
                        UPDATE environments SET name = :name, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id RETURNING %s
                        """.formatted(ENVIRONMENT))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("actor", actor)
                .query(JdbcEnvironmentRepository::environment)
                .single();
    }

    Optional<Environment> findEnvironment(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + ENVIRONMENT + " FROM environments WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcEnvironmentRepository::environment)
                .optional();
    }

    /** The organization's environments; only those in {@code among} when it is not null. */
    List<Environment> environments(OrganizationId org, Collection<UUID> among, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>(Map.of("org", org.value()));
        String filter = "";
        if (among != null) {
            filter = " AND id = ANY(:among)";
            params.put("among", among.toArray(UUID[]::new));
        }
        return jdbc.sql("SELECT " + ENVIRONMENT + " FROM environments WHERE organization_id = :org" + filter
                        + Keyset.after("created_at", after, fetch, params))
                .params(params)
                .query(JdbcEnvironmentRepository::environment)
                .list();
    }

    boolean environmentInUse(OrganizationId org, UUID id) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM role_assignments WHERE organization_id = :org AND resource_id = :id)")
                .param("org", org.value())
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    void deleteEnvironment(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM environments WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    private static Environment environment(ResultSet rs, int row) throws SQLException {
        return new Environment(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
