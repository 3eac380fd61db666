package dev.roster.role;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Role assignments: which user holds which role, where; every method takes the organization first. */
@Repository
class JdbcRoleAssignmentRepository {

    private static final String ASSIGNMENT = """
            SELECT a.id, a.user_id, a.role_id, r.name AS role_name, a.resource_id, a.pending, a.created_at,
                a.created_by
            FROM role_assignments a JOIN roles r ON r.id = a.role_id
            """;

    private final JdbcClient jdbc;

    JdbcRoleAssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Assigns a role; empty when the user already holds it there. */
    Optional<RoleAssignment> assign(
            OrganizationId org,
            UUID id,
            UserId user,
            UUID roleId,
            String roleName,
            UUID resource,
            boolean pending,
            String actor) {
        return jdbc.sql("""
                        INSERT INTO role_assignments (id, organization_id, user_id, role_id, resource_id, pending,
                            created_by)
                        VALUES (:id, :org, :user, :role, :resource, :pending, :actor)
                        ON CONFLICT DO NOTHING
                        RETURNING created_at
                        """)
                .param("id", id)
                .param("org", org.value())
                .param("user", user.value())
                .param("role", roleId)
                .param("resource", resource)
                .param("pending", pending)
                .param("actor", actor)
                .query((rs, row) -> new RoleAssignment(
                        id,
                        user.value(),
                        roleId,
                        roleName,
                        resource,
                        resource == null ? "organization" : "environment",
                        pending,
                        Rows.instant(rs, "created_at"),
                        actor))
                .optional();
    }

    Optional<RoleAssignment> findAssignment(OrganizationId org, UserId user, UUID id) {
        return jdbc.sql(ASSIGNMENT + " WHERE a.organization_id = :org AND a.user_id = :user AND a.id = :id")
                .param("org", org.value())
                .param("user", user.value())
                .param("id", id)
                .query(JdbcRoleAssignmentRepository::assignment)
                .optional();
    }

    List<RoleAssignment> assignments(OrganizationId org, UserId user) {
        return jdbc.sql(ASSIGNMENT + " WHERE a.organization_id = :org AND a.user_id = :user"
                        + " ORDER BY a.created_at, a.id")
                .param("org", org.value())
                .param("user", user.value())
                .query(JdbcRoleAssignmentRepository::assignment)
                .list();
    }

    /** The assignments of several users at once, for lists. */
    List<RoleAssignment> assignments(OrganizationId org, Collection<UserId> users) {
        return jdbc.sql(ASSIGNMENT + " WHERE a.organization_id = :org AND a.user_id = ANY(:users)"
                        + " ORDER BY a.created_at, a.id")
                .param("org", org.value())
                .param("users", users.stream().map(UserId::value).toArray(UUID[]::new))
                .query(JdbcRoleAssignmentRepository::assignment)
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

    /** What one assignment grants: permission names on a resource, or across the organization (null). */
    record Grant(UUID resource, String[] permissions) {}

    List<Grant> grantsOf(OrganizationId org, UserId user, boolean withPending) {
        return jdbc.sql("""
                        SELECT a.resource_id, r.permissions FROM role_assignments a JOIN roles r ON r.id = a.role_id
                        WHERE a.organization_id = :org AND a.user_id = :user AND (:withPending OR NOT a.pending)
                        """)
                .param("org", org.value())
                .param("user", user.value())
                .param("withPending", withPending)
                .query((rs, row) -> new Grant(rs.getObject("resource_id", UUID.class), (String[])
                        rs.getArray("permissions").getArray()))
                .list();
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
