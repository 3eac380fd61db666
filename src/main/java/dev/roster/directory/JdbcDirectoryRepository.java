package dev.roster.directory;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Groups, positions and who is in or holds them; every method takes the organization first. */
@Repository
class JdbcDirectoryRepository {

    private static final String GROUP =
            "id, organization_id, name, type, created_at, created_by, updated_at, updated_by";
    private static final String POSITION = "id, organization_id, name, created_at, created_by, updated_at, updated_by";

    private final JdbcClient jdbc;

    JdbcDirectoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Group insertGroup(OrganizationId org, UUID id, String name, String type, String actor) {
        return jdbc.sql("""
                        INSERT INTO groups (id, organization_id, name, type, created_by, updated_by)
                        VALUES (:id, :org, :name, :type, :actor, :actor) RETURNING %s
                        """.formatted(GROUP))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("type", type)
                .param("actor", actor)
                .query(JdbcDirectoryRepository::group)
                .single();
    }

    Group updateGroup(OrganizationId org, UUID id, String name, String type, String actor) {
        return jdbc.sql("""
                        UPDATE groups SET name = :name, type = :type, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id RETURNING %s
                        """.formatted(GROUP))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("type", type)
                .param("actor", actor)
                .query(JdbcDirectoryRepository::group)
                .single();
    }

    Optional<Group> findGroup(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + GROUP + " FROM groups WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcDirectoryRepository::group)
                .optional();
    }

    /** The groups of the organization among these ids, in one query. */
    List<Group> findGroups(OrganizationId org, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + GROUP + " FROM groups WHERE organization_id = :org AND id = ANY(:ids)")
                .param("org", org.value())
                .param("ids", ids.toArray(UUID[]::new))
                .query(JdbcDirectoryRepository::group)
                .list();
    }

    /** How many live members each of these groups of the organization has, in one query; an empty group is absent. */
    Map<UUID, Long> memberCounts(OrganizationId org, Collection<UUID> groups) {
        Map<UUID, Long> counts = new HashMap<>();
        if (groups.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        SELECT m.group_id, count(*) AS members FROM group_members m JOIN users u ON u.id = m.user_id
                        WHERE m.organization_id = :org AND m.group_id = ANY(:groups) AND u.deleted_at IS NULL
                        GROUP BY m.group_id
                        """)
                .param("org", org.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject("group_id", UUID.class), rs.getLong("members")))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** The organization's groups with these names (compared case-insensitively), keyed by the name as asked. */
    Map<String, UUID> groupIdsByName(OrganizationId org, Collection<String> names) {
        Map<String, UUID> found = new HashMap<>();
        if (!names.isEmpty()) {
            jdbc.sql("""
                            SELECT asked, g.id FROM groups g JOIN unnest(CAST(:names AS text[])) AS a(asked)
                                ON lower(g.name) = lower(asked)
                            WHERE g.organization_id = :org
                            """)
                    .param("org", org.value())
                    .param("names", names.toArray(String[]::new))
                    .query((rs, row) -> found.put(rs.getString("asked"), rs.getObject("id", UUID.class)))
                    .list();
        }
        return found;
    }

    /** Which of these ids are groups of the organization, in one query. */
    Set<UUID> existingGroups(OrganizationId org, Collection<UUID> ids) {
        return existing("groups", org, ids);
    }

    /** Which of these ids are positions of the organization, in one query. */
    Set<UUID> existingPositions(OrganizationId org, Collection<UUID> ids) {
        return existing("positions", org, ids);
    }

    /** @param table a constant, never user input */
    private Set<UUID> existing(String table, OrganizationId org, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT id FROM " + table + " WHERE organization_id = :org AND id = ANY(:ids)")
                .param("org", org.value())
                .param("ids", ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    List<Group> groups(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>(Map.of("org", org.value()));
        return jdbc.sql("SELECT " + GROUP + " FROM groups WHERE organization_id = :org"
                        + Keyset.after("created_at", after, fetch, params))
                .params(params)
                .query(JdbcDirectoryRepository::group)
                .list();
    }

    void deleteGroup(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM groups WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    Position insertPosition(OrganizationId org, UUID id, String name, String actor) {
        return jdbc.sql("""
                        INSERT INTO positions (id, organization_id, name, created_by, updated_by)
                        VALUES (:id, :org, :name, :actor, :actor) RETURNING %s
                        """.formatted(POSITION))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("actor", actor)
                .query(JdbcDirectoryRepository::position)
                .single();
    }

    Position updatePosition(OrganizationId org, UUID id, String name, String actor) {
        return jdbc.sql("""
                        UPDATE positions SET name = :name, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id RETURNING %s
                        """.formatted(POSITION))
                .param("id", id)
                .param("org", org.value())
                .param("name", name)
                .param("actor", actor)
                .query(JdbcDirectoryRepository::position)
                .single();
    }

    Optional<Position> findPosition(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + POSITION + " FROM positions WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcDirectoryRepository::position)
                .optional();
    }

    List<Position> positions(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>(Map.of("org", org.value()));
        return jdbc.sql("SELECT " + POSITION + " FROM positions WHERE organization_id = :org"
                        + Keyset.after("created_at", after, fetch, params))
                .params(params)
                .query(JdbcDirectoryRepository::position)
                .list();
    }

    void deletePosition(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM positions WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    /** Adds a member or changes its primary flag; a new primary group first stops the old one being primary. */
    void putMember(OrganizationId org, UUID group, UserId user, boolean primary) {
        if (primary) {
            jdbc.sql("UPDATE group_members SET is_primary = false WHERE user_id = :user AND is_primary")
                    .param("user", user.value())
                    .update();
        }
        jdbc.sql("""
                        INSERT INTO group_members (organization_id, group_id, user_id, is_primary)
                        VALUES (:org, :group, :user, :primary)
                        ON CONFLICT (group_id, user_id) DO UPDATE SET is_primary = :primary
                        """)
                .param("org", org.value())
                .param("group", group)
                .param("user", user.value())
                .param("primary", primary)
                .update();
    }

    boolean removeMember(OrganizationId org, UUID group, UserId user) {
        return jdbc.sql(
                                "DELETE FROM group_members WHERE organization_id = :org AND group_id = :group AND user_id = :user")
                        .param("org", org.value())
                        .param("group", group)
                        .param("user", user.value())
                        .update()
                == 1;
    }

    /** Reads and locks a group, so that concurrent member changes of one group apply one after another. */
    Optional<Group> lockGroup(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + GROUP + " FROM groups WHERE organization_id = :org AND id = :id FOR UPDATE")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcDirectoryRepository::group)
                .optional();
    }

    /** Which of these ids are live users of the organization. */
    Set<UUID> liveUsers(OrganizationId org, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                jdbc.sql("SELECT id FROM users WHERE organization_id = :org AND deleted_at IS NULL AND id = ANY(:ids)")
                        .param("org", org.value())
                        .param("ids", ids.toArray(UUID[]::new))
                        .query(UUID.class)
                        .list());
    }

    /** Adds the users that are not members yet, in one statement; returns those it added. */
    List<UserId> addMembers(OrganizationId org, UUID group, Collection<UUID> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        INSERT INTO group_members (organization_id, group_id, user_id)
                        SELECT :org, :group, u FROM unnest(CAST(:users AS uuid[])) AS u
                        ON CONFLICT (group_id, user_id) DO NOTHING
                        RETURNING user_id
                        """)
                .param("org", org.value())
                .param("group", group)
                .param("users", users.toArray(UUID[]::new))
                .query((rs, row) -> new UserId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** Removes these users from the group in one statement; returns those that were members. */
    List<UserId> removeMembers(OrganizationId org, UUID group, Collection<UserId> users) {
        return deleteMembers(org, group, users, "");
    }

    /** Removes every member but these, in one statement; returns those removed. */
    List<UserId> removeMembersExcept(OrganizationId org, UUID group, Collection<UserId> users) {
        return deleteMembers(org, group, users, "NOT ");
    }

    /** @param negation a constant, never user input */
    private List<UserId> deleteMembers(OrganizationId org, UUID group, Collection<UserId> users, String negation) {
        return jdbc.sql("DELETE FROM group_members WHERE organization_id = :org AND group_id = :group AND " + negation
                        + "(user_id = ANY(:users)) RETURNING user_id")
                .param("org", org.value())
                .param("group", group)
                .param("users", users.stream().map(UserId::value).toArray(UUID[]::new))
                .query((rs, row) -> new UserId(rs.getObject(1, UUID.class)))
                .list();
    }

    List<GroupMember> members(OrganizationId org, UUID group) {
        return jdbc.sql("""
                        SELECT group_id, user_id, is_primary, created_at FROM group_members
                        WHERE organization_id = :org AND group_id = :group ORDER BY created_at, user_id
                        """)
                .param("org", org.value())
                .param("group", group)
                .query((rs, row) -> new GroupMember(
                        rs.getObject("group_id", UUID.class),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getBoolean("is_primary"),
                        Rows.instant(rs, "created_at")))
                .list();
    }

    List<Membership> groupsOf(OrganizationId org, UserId user) {
        return jdbc.sql("""
                        SELECT g.id, g.organization_id, g.name, g.type, g.created_at, g.created_by, g.updated_at,
                               g.updated_by, m.is_primary, m.created_at AS added_at
                        FROM group_members m JOIN groups g ON g.id = m.group_id
                        WHERE m.organization_id = :org AND m.user_id = :user ORDER BY m.created_at, g.name
                        """)
                .param("org", org.value())
                .param("user", user.value())
                .query((rs, row) ->
                        new Membership(group(rs, row), rs.getBoolean("is_primary"), Rows.instant(rs, "added_at")))
                .list();
    }

    void addPosition(OrganizationId org, UserId user, UUID position) {
        jdbc.sql("""
                        INSERT INTO user_positions (organization_id, user_id, position_id) VALUES (:org, :user, :position)
                        ON CONFLICT DO NOTHING
                        """)
                .param("org", org.value())
                .param("user", user.value())
                .param("position", position)
                .update();
    }

    boolean removePosition(OrganizationId org, UserId user, UUID position) {
        return jdbc.sql("DELETE FROM user_positions WHERE organization_id = :org AND user_id = :user"
                                + " AND position_id = :position")
                        .param("org", org.value())
                        .param("user", user.value())
                        .param("position", position)
                        .update()
                == 1;
    }

    List<Position> positionsOf(OrganizationId org, UserId user) {
        return jdbc.sql("""
                        SELECT p.id, p.organization_id, p.name, p.created_at, p.created_by, p.updated_at, p.updated_by
                        FROM user_positions up JOIN positions p ON p.id = up.position_id
                        WHERE up.organization_id = :org AND up.user_id = :user ORDER BY p.name
                        """)
                .param("org", org.value())
                .param("user", user.value())
                .query(JdbcDirectoryRepository::position)
                .list();
    }

    private static Group group(ResultSet rs, int row) throws SQLException {
        return new Group(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"),
                rs.getString("type"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    private static Position position(ResultSet rs, int row) throws SQLException {
        return new Position(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
