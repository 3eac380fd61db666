package dev.roster.role;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Roles, environments and role assignments. Built-in roles have no organization and are visible to every
 * organization; everything else is read and written within one organization, which every method takes first.
 */
@Repository
class JdbcRoleRepository {

    private static final String ROLE =
            "id, name, description, built_in, permissions, created_at, created_by, updated_at, updated_by";
    private static final String VISIBLE = "(organization_id = :org OR organization_id IS NULL)";
    private static final String ENVIRONMENT = "id, name, created_at, created_by, updated_at, updated_by";
    private static final String ASSIGNMENT = """
            SELECT a.id, a.user_id, a.role_id, r.name AS role_name, a.resource_id, a.pending, a.created_at,
                a.created_by
            FROM role_assignments a JOIN roles r ON r.id = a.role_id
            """;

    private final JdbcClient jdbc;

    JdbcRoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Roles

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

    // Environments

    Environment insertEnvironment(OrganizationId org, UUID id, String name, String actor) {
        return jdbc.sql("""
                        INSERT INTO environments (id, organization_id, name, created_by, updated_by)
                        VALUES (:id, :org, :name, :actor, :actor) RETURNING %s
                        """.formatted(ENVIRONMENT))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("actor", actor)
                .query(JdbcRoleRepository::environment)
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
                .query(JdbcRoleRepository::environment)
                .single();
    }

    Optional<Environment> findEnvironment(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + ENVIRONMENT + " FROM environments WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcRoleRepository::environment)
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
                .query(JdbcRoleRepository::environment)
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

    // Assignments

    /** Assigns a role; empty when the user already holds it there. */
    Optional<RoleAssignment> assign(
            OrganizationId org, UUID id, UserId user, UUID role, UUID resource, boolean pending, String actor) {
        int inserted = jdbc.sql("""
                        INSERT INTO role_assignments (id, organization_id, user_id, role_id, resource_id, pending,
                            created_by)
                        VALUES (:id, :org, :user, :role, :resource, :pending, :actor)
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", id)
                .param("org", org.value())
                .param("user", user.value())
                .param("role", role)
                .param("resource", resource)
                .param("pending", pending)
                .param("actor", actor)
                .update();
        return inserted == 0 ? Optional.empty() : findAssignment(org, user, id);
    }

    Optional<RoleAssignment> findAssignment(OrganizationId org, UserId user, UUID id) {
        return jdbc.sql(ASSIGNMENT + " WHERE a.organization_id = :org AND a.user_id = :user AND a.id = :id")
                .param("org", org.value())
                .param("user", user.value())
                .param("id", id)
                .query(JdbcRoleRepository::assignment)
                .optional();
    }

    List<RoleAssignment> assignments(OrganizationId org, UserId user) {
        return jdbc.sql(ASSIGNMENT + " WHERE a.organization_id = :org AND a.user_id = :user"
                        + " ORDER BY a.created_at, a.id")
                .param("org", org.value())
                .param("user", user.value())
                .query(JdbcRoleRepository::assignment)
                .list();
    }

    /** The assignments of several users at once, for lists. */
    List<RoleAssignment> assignments(OrganizationId org, Collection<UserId> users) {
        return jdbc.sql(ASSIGNMENT + " WHERE a.organization_id = :org AND a.user_id = ANY(:users)"
                        + " ORDER BY a.created_at, a.id")
                .param("org", org.value())
                .param("users", users.stream().map(UserId::value).toArray(UUID[]::new))
                .query(JdbcRoleRepository::assignment)
                .list();
    }

    void unassign(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM role_assignments WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    /** Serialises changes to one user's roles until the transaction ends. */
    void lockAssignmentsOf(UserId user) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 13))")
                .param("key", "role-assignments:" + user.value())
                .query()
                .singleRow();
    }

    /** Lets the roles that waited for an invitation's acceptance take effect; returns how many did. */
    int activatePending(OrganizationId org, UserId user) {
        return jdbc.sql("UPDATE role_assignments SET pending = false WHERE organization_id = :org AND user_id = :user"
                        + " AND pending")
                .param("org", org.value())
                .param("user", user.value())
                .update();
    }

    /** What one active assignment grants: permission names on a resource, or across the organization (null). */
    record Grant(UUID resource, String[] permissions) {}

    List<Grant> grantsOf(OrganizationId org, UserId user) {
        return jdbc.sql("""
                        SELECT a.resource_id, r.permissions FROM role_assignments a JOIN roles r ON r.id = a.role_id
                        WHERE a.organization_id = :org AND a.user_id = :user AND NOT a.pending
                        """)
                .param("org", org.value())
                .param("user", user.value())
                .query((rs, row) -> new Grant(rs.getObject("resource_id", UUID.class), (String[])
                        rs.getArray("permissions").getArray()))
                .list();
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

    private static Environment environment(ResultSet rs, int row) throws SQLException {
        return new Environment(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    private static RoleAssignment assignment(ResultSet rs, int row) throws SQLException {
        UUID resource = rs.getObject("resource_id", UUID.class);
        return new RoleAssignment(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("role_id", UUID.class),
                rs.getString("role_name"),
                resource,
                resource == null ? "organization" : "environment",
                rs.getBoolean("pending"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"));
    }
}
