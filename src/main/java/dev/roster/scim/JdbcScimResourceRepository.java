package dev.roster.scim;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM's own rows, and the read side of SCIM's lists: filters run here as one SQL query over Roster's users or groups
 * (read-only; every write goes through their services) joined with the attributes SCIM keeps.
 */
@Repository
class JdbcScimResourceRepository {

    /** One page of a list, in order, and the total over all pages. */
    record Page(List<Row> rows, long total) {

        List<UUID> ids() {
            return rows.stream().map(Row::id).toList();
        }
    }

    /**
     * @param stored what SCIM keeps of it; null when it has never been written through SCIM
     * @param groups a user's groups by name; empty for a group
     */
    record Row(UUID id, StoredResource stored, List<Ref> groups) {}

    record Ref(UUID id, String display) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcScimResourceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<StoredResource> find(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT id, token_id, attributes, version, updated_at FROM scim_resources"
                        + " WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * Writes the attributes SCIM keeps, creating the row on the first write; the token is kept from the first. A
     * userName another live user of the organization has is 409 uniqueness.
     *
     * @param userName a user's userName (lower-cased here); null for a group
     */
    void save(
            OrganizationId org,
            String type,
            UUID id,
            UUID tokenId,
            String externalId,
            String userName,
            ObjectNode attributes) {
        try {
            jdbc.sql("""
                            INSERT INTO scim_resources (id, organization_id, resource_type, token_id, external_id,
                                user_name, attributes)
                            VALUES (:id, :org, :type, :token, :externalId, lower(:userName), CAST(:attributes AS jsonb))
                            ON CONFLICT (id) DO UPDATE SET external_id = :externalId, user_name = lower(:userName),
                                attributes = CAST(:attributes AS jsonb), version = scim_resources.version + 1,
                                updated_at = now()
                            """)
                    .param("id", id)
                    .param("org", org.value())
                    .param("type", type)
                    .param("token", tokenId)
                    .param("externalId", externalId)
                    .param("userName", userName)
                    .param("attributes", json.writeValueAsString(attributes))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("user_name_taken", "Another user of the organization has this userName.");
        }
    }

    /** A deleted user's userName is free for a new user. */
    void releaseUserName(OrganizationId org, UUID id) {
        jdbc.sql("UPDATE scim_resources SET user_name = NULL WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    void delete(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM scim_resources WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    /** Live users matching the condition, ordered by creation, with what SCIM keeps of each and their groups. */
    Page users(OrganizationId org, String condition, Map<String, Object> params, long offset, int count) {
        return page(usersFrom(condition), "u", true, org, params, offset, count);
    }

    static String usersFrom(String condition) {
        return " FROM users u LEFT JOIN scim_resources s ON s.id = u.id"
                + " WHERE u.organization_id = :org AND u.deleted_at IS NULL AND " + condition;
    }

    /**
     * One statement for a page: the matching rows' ids and the total over all pages, then, for the page's rows
     * only, what SCIM keeps of each and (for users) their groups, by name.
     *
     * @param from built from constants and a condition whose values are all bind parameters
     */
    static String pageSql(String from, String alias, boolean withGroups) {
        String groups = withGroups ? """
                (SELECT json_agg(json_build_array(g.id, g.name) ORDER BY g.name, g.id)
                 FROM group_members m JOIN groups g ON g.id = m.group_id
                 WHERE m.organization_id = :org AND m.user_id = p.id)""" : "NULL";
        return "WITH p AS (SELECT " + alias + ".id, " + alias + ".created_at, count(*) OVER () AS total" + from
                + " ORDER BY " + alias + ".created_at, " + alias + ".id LIMIT :limit OFFSET :offset)"
                + " SELECT p.id, p.total, s.token_id, s.attributes, s.version, s.updated_at, " + groups
                + " AS groups FROM p LEFT JOIN scim_resources s ON s.id = p.id ORDER BY p.created_at, p.id";
    }

    /** Groups matching the condition, ordered by creation, with what SCIM keeps of each. */
    Page groups(OrganizationId org, String condition, Map<String, Object> params, long offset, int count) {
        String from = " FROM groups g LEFT JOIN scim_resources s ON s.id = g.id WHERE g.organization_id = :org AND "
                + condition;
        return page(from, "g", false, org, params, offset, count);
    }

    private Page page(
            String from,
            String alias,
            boolean withGroups,
            OrganizationId org,
            Map<String, Object> params,
            long offset,
            int count) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("org", org.value());
        if (count > 0) {
            all.put("limit", count);
            all.put("offset", offset);
            List<Row> rows = new ArrayList<>();
            long[] total = {-1};
            jdbc.sql(pageSql(from, alias, withGroups)).params(all).query((ResultSet rs) -> {
                UUID id = rs.getObject("id", UUID.class);
                StoredResource stored = rs.getString("attributes") == null ? null : map(rs, 0);
                rows.add(new Row(id, stored, refs(rs.getString("groups"))));
                total[0] = rs.getLong("total");
            });
            if (total[0] >= 0) {
                return new Page(rows, total[0]);
            }
        }
        // count=0, or a startIndex past the end: the total alone.
        long total =
                jdbc.sql("SELECT count(*)" + from).params(all).query(Long.class).single();
        return new Page(List.of(), total);
    }

    /** {@code [[id, name], ...]} as built by {@link #pageSql}. */
    private List<Ref> refs(String json) {
        if (json == null) {
            return List.of();
        }
        List<Ref> refs = new ArrayList<>();
        this.json
                .readTree(json)
                .forEach(pair -> refs.add(new Ref(
                        UUID.fromString(pair.get(0).asString()), pair.get(1).asString())));
        return refs;
    }

    /** The groups of each of these users, by name. */
    Map<UUID, List<Ref>> groupsOf(OrganizationId org, Collection<UUID> users) {
        Map<UUID, List<Ref>> groups = new HashMap<>();
        if (users.isEmpty()) {
            return groups;
        }
        jdbc.sql("""
                        SELECT m.user_id, g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id
                        WHERE m.organization_id = :org AND m.user_id = ANY(:users) ORDER BY g.name, g.id
                        """)
                .param("org", org.value())
                .param("users", users.toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    groups.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Ref(rs.getObject(2, UUID.class), rs.getString(3)));
                });
        return groups;
    }

    /** The members of each of these groups with their display names, in one query however many they are. */
    Map<UUID, List<Ref>> membersOf(OrganizationId org, Collection<UUID> groups) {
        Map<UUID, List<Ref>> members = new LinkedHashMap<>();
        if (groups.isEmpty()) {
            return members;
        }
        jdbc.sql("""
                        SELECT m.group_id, u.id,
                            coalesce(u.name, nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.email)
                        FROM group_members m JOIN users u ON u.id = m.user_id
                        WHERE m.organization_id = :org AND m.group_id = ANY(:groups) AND u.deleted_at IS NULL
                        ORDER BY m.created_at, u.id
                        """)
                .param("org", org.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    members.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Ref(rs.getObject(2, UUID.class), rs.getString(3)));
                });
        return members;
    }

    private StoredResource map(ResultSet rs, int row) throws SQLException {
        return new StoredResource(
                rs.getObject("id", UUID.class),
                rs.getObject("token_id", UUID.class),
                (ObjectNode) json.readTree(rs.getString("attributes")),
                rs.getLong("version"),
                Rows.instant(rs, "updated_at"));
    }
}
