package dev.roster.audit;

import dev.roster.shared.ChangeMade;
import dev.roster.shared.ChangeMade.FieldChange;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcAuditRepository {

    private static final TypeReference<Map<String, FieldChange>> CHANGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcAuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(ChangeMade change, String requestId) {
        jdbc.sql("""
                        INSERT INTO audit_events
                            (id, organization_id, actor, action, target_type, target_id, request_id, changes)
                        VALUES (:id, :org, :actor, :action, :targetType, :targetId, :requestId, CAST(:changes AS jsonb))
                        """)
                .param("id", Ids.next())
                .param(
                        "org",
                        change.organizationId() == null
                                ? null
                                : change.organizationId().value())
                .param("actor", change.actor())
                .param("action", change.action())
                .param("targetType", change.targetType())
                .param("targetId", change.targetId())
                .param("requestId", requestId)
                .param("changes", json.writeValueAsString(change.changes()))
                .update();
    }

    List<AuditEvent> page(OrganizationId org, AuditQuery query, Cursor after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE organization_id = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        equal(sql, params, "action", query.action());
        equal(sql, params, "actor", query.actor());
        equal(sql, params, "target_type", query.targetType());
        equal(sql, params, "target_id", query.targetId());
        if (query.occurredAfter() != null) {
            sql.append(" AND occurred_at >= :occurredAfter");
            params.put("occurredAfter", Rows.timestamp(query.occurredAfter()));
        }
        if (query.occurredBefore() != null) {
            sql.append(" AND occurred_at < :occurredBefore");
            params.put("occurredBefore", Rows.timestamp(query.occurredBefore()));
        }
        sql.append(
                query.newestFirst()
                        ? Keyset.before("occurred_at", after, fetch, params)
                        : Keyset.after("occurred_at", after, fetch, params));
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** @param column a constant, never user input; it is also the parameter's name */
    private static void equal(StringBuilder sql, Map<String, Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    private AuditEvent map(ResultSet rs, int row) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        return new AuditEvent(
                rs.getObject("id", UUID.class),
                org == null ? null : new OrganizationId(org),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("request_id"),
                json.readValue(rs.getString("changes"), CHANGES),
                Rows.instant(rs, "occurred_at"));
    }
}
