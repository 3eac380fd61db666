package dev.roster.role;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Roles. Built-in roles have no organization and are visible to every organization; custom roles are read and
 * written within one organization, which every method takes first.
 */
@Repository
class JdbcRoleRepository {

    private static final String ROLE =
            "id, name, description, built_in, permissions, created_at, created_by, updated_at, updated_by";
    private static final String VISIBLE = "(organization_id = :org OR organization_id IS NULL)";
    private final JdbcClient jdbc;

    /** admin and user: the same in every organization and never changed, so read once. */
    private volatile Map<UUID, Role> builtIn;

    JdbcRoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Role insertRole(
            OrganizationId org, UUID id, String name, String description, Set<Permission> permissions, String actor) {
        return jdbc.sql("""
                        INSERT INTO roles (id, organization_id, name, description, permissions, created_by, updated_by)
                        VALUES (:id, :org, :name, :description, :permissions, :actor, :actor) RETURNING %s
                        """.formatted(ROLE))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("description", description)
                .param("permissions", codes(permissions))
                .param("actor", actor)
                .query(JdbcRoleRepository::role)
                .single();
    }

    Role updateRole(
            OrganizationId org, UUID id, String name, String description, Set<Permission> permissions, String actor) {
        return jdbc.sql("""
                        UPDATE roles SET name = :name, description = :description, permissions = :permissions,
                            updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id RETURNING %s
                        """.formatted(ROLE))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("description", description)
                .param("permissions", codes(permissions))
                .param("actor", actor)
                .query(JdbcRoleRepository::role)
                .single();
    }

    /** A built-in role or one of the organization's own. */
    Optional<Role> findRole(OrganizationId org, UUID id) {
        return oneRole(org, "id = :value", id);
    }

    /** Locks one of the organization's custom roles (or reads a built-in one) for the rest of the transaction. */
    Optional<Role> lockRole(OrganizationId org, UUID id) {
        return oneRole(org, "id = :value FOR UPDATE", id);
    }

    Optional<Role> findRoleByName(OrganizationId org, String name) {
        return oneRole(org, "lower(name) = lower(:value)", name);
    }

    /** The built-in and the organization's roles among these ids, by id, in one query (none for built-in ones). */
    Map<UUID, Role> findRoles(OrganizationId org, Collection<UUID> ids) {
        Map<UUID, Role> found = new HashMap<>();
        List<UUID> custom = new ArrayList<>();
        for (UUID id : ids) {
            Role role = builtIn().get(id);
            if (role != null) {
                found.put(id, role);
            } else {
                custom.add(id);
            }
        }
        if (!custom.isEmpty()) {
            jdbc.sql("SELECT " + ROLE + " FROM roles WHERE organization_id = :org AND id = ANY(:ids)")
                    .param("org", org.value())
                    .param("ids", custom.toArray(UUID[]::new))
                    .query(JdbcRoleRepository::role)
                    .list()
                    .forEach(role -> found.put(role.id(), role));
        }
        return found;
    }

    /**
     * The roles these names name (case-insensitive), by the name as asked, in one query, or none when they are all
     * built-in ones (no custom role may take their names).
     */
    Map<String, Role> findRolesByName(OrganizationId org, Collection<String> names) {
        Map<String, Role> found = new HashMap<>();
        List<String> custom = new ArrayList<>();
        for (String name : names) {
            Role role = builtIn().values().stream()
                    .filter(r -> r.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElse(null);
            if (role != null) {
                found.put(name, role);
            } else {
                custom.add(name);
            }
        }
        if (!custom.isEmpty()) {
            jdbc.sql("SELECT asked, " + ROLE + " FROM roles JOIN unnest(CAST(:names AS text[])) AS a(asked)"
                            + " ON lower(name) = lower(asked) WHERE organization_id = :org")
                    .param("org", org.value())
                    .param("names", custom.toArray(String[]::new))
                    .query((rs, row) -> Map.entry(rs.getString("asked"), role(rs, row)))
                    .list()
                    .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        }
        return found;
    }

    private Map<UUID, Role> builtIn() {
        Map<UUID, Role> roles = builtIn;
        if (roles == null) {
            Map<UUID, Role> read = new HashMap<>();
            jdbc.sql("SELECT " + ROLE + " FROM roles WHERE built_in")
                    .query(JdbcRoleRepository::role)
                    .list()
                    .forEach(role -> read.put(role.id(), role));
            roles = Map.copyOf(read);
            builtIn = roles;
        }
        return roles;
    }

    /** @param condition a constant, never user input */
    private Optional<Role> oneRole(OrganizationId org, String condition, Object value) {
        return jdbc.sql("SELECT " + ROLE + " FROM roles WHERE " + VISIBLE + " AND " + condition)
                .param("org", org.value())
                .param("value", value)
                .query(JdbcRoleRepository::role)
                .optional();
    }

    /** The built-in roles first (they are the oldest), then the organization's own. */
    List<Role> roles(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>(Map.of("org", org.value()));
        return jdbc.sql("SELECT " + ROLE + " FROM roles WHERE " + VISIBLE
                        + Keyset.after("created_at", after, fetch, params))
                .params(params)
                .query(JdbcRoleRepository::role)
                .list();
    }

    void deleteRole(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM roles WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    /** How many role assignments and live API keys use the role. */
    long uses(UUID roleId) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM role_assignments WHERE role_id = :id)
                             + (SELECT count(*) FROM api_keys WHERE role_id = :id AND revoked_at IS NULL)
                        """).param("id", roleId).query(Long.class).single();
    }

    /**
     * How many live members hold each role across the organization (in effect, not waiting for an invitation) and
     * how many live API keys carry it, for the roles that have any.
     */
    Map<UUID, RoleHolders> holders(OrganizationId org) {
        Map<UUID, RoleHolders> holders = new HashMap<>();
        jdbc.sql("""
                        SELECT role_id, sum(members) AS members, sum(keys) AS keys FROM (
                            SELECT a.role_id, count(*) AS members, 0 AS keys
                            FROM role_assignments a JOIN users u ON u.id = a.user_id
                            WHERE a.organization_id = :org AND a.resource_id IS NULL AND NOT a.pending
                                AND u.deleted_at IS NULL
                            GROUP BY a.role_id
                            UNION ALL
                            SELECT role_id, 0, count(*) FROM api_keys
                            WHERE organization_id = :org AND revoked_at IS NULL GROUP BY role_id) counted
                        GROUP BY role_id
                        """)
                .param("org", org.value())
                .query((rs, row) -> Map.entry(
                        rs.getObject("role_id", UUID.class),
                        new RoleHolders(rs.getLong("members"), rs.getLong("keys"))))
                .list()
                .forEach(entry -> holders.put(entry.getKey(), entry.getValue()));
        return holders;
    }

    private static String[] codes(Set<Permission> permissions) {
        return permissions.stream().map(Permission::code).sorted().toArray(String[]::new);
    }

    private static Role role(ResultSet rs, int row) throws SQLException {
        String[] permissions = (String[]) rs.getArray("permissions").getArray();
        Arrays.sort(permissions);
        return new Role(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getBoolean("built_in"),
                List.of(permissions),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
