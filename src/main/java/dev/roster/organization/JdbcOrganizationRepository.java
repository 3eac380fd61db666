package dev.roster.organization;

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
class JdbcOrganizationRepository {

    private static final String COLUMNS = """
            id, name, plan, coalesce(seat_limit_override, plan_seat_limit(plan)) AS seat_limit, seat_limit_override,
            coalesce((SELECT s.used FROM organization_seats s WHERE s.organization_id = organizations.id), 0)
                AS seats_used, partner_key_id, roles_take_effect, mfa_required, display_name, logo_url, created_at, created_by, updated_at, updated_by
            """;

    private final JdbcClient jdbc;

    JdbcOrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Organization insert(OrganizationId id, String name, Plan plan, Integer seatLimit, UUID partnerKeyId, String actor) {
        return jdbc.sql("""
                        INSERT INTO organizations
                            (id, name, plan, seat_limit_override, partner_key_id, created_by, updated_by)
                        VALUES (:id, :name, :plan, :seatLimit, :partner, :actor, :actor)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id.value())
                .param("name", name)
                .param("plan", plan.code())
                .param("seatLimit", seatLimit)
                .param("partner", partnerKeyId)
                .param("actor", actor)
                .query(JdbcOrganizationRepository::map)
                .single();
    }

    Optional<Organization> find(OrganizationId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations WHERE id = :id AND deleted_at IS NULL")
                .param("id", id.value())
                .query(JdbcOrganizationRepository::map)
                .optional();
    }

    /** Locks the row for the rest of the transaction, so that an update sees and replaces the latest state. */
    Optional<Organization> lock(OrganizationId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
                .param("id", id.value())
                .query(JdbcOrganizationRepository::map)
                .optional();
    }

    /** A page ordered by (createdAt, id); {@code partnerKeyId} narrows it to one partner's organizations. */
    List<Organization> page(UUID partnerKeyId, Cursor after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM organizations WHERE deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        if (partnerKeyId != null) {
            sql.append(" AND partner_key_id = :partner");
            params.put("partner", partnerKeyId);
        }
        sql.append(Keyset.after("created_at", after, fetch, params));
        return jdbc.sql(sql.toString())
                .params(params)
                .query(JdbcOrganizationRepository::map)
                .list();
    }

    Organization update(
            OrganizationId id,
            String name,
            Plan plan,
            Integer seatLimit,
            String rolesTakeEffect,
            boolean mfaRequired,
            String displayName,
            String logoUrl,
            String actor) {
        return jdbc.sql("""
                        UPDATE organizations
                        SET name = :name, plan = :plan, seat_limit_override = :seatLimit,
                            roles_take_effect = :rolesTakeEffect, mfa_required = :mfaRequired, display_name = :displayName,
                            logo_url = :logoUrl, updated_at = now(),
                            updated_by = :actor
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id.value())
                .param("name", name)
                .param("plan", plan.code())
                .param("seatLimit", seatLimit)
                .param("rolesTakeEffect", rolesTakeEffect)
                .param("mfaRequired", mfaRequired)
                .param("displayName", displayName)
                .param("logoUrl", logoUrl)
                .param("actor", actor)
                .query(JdbcOrganizationRepository::map)
                .single();
    }

    void markDeleted(OrganizationId id, String actor) {
        jdbc.sql("""
                        WITH released AS (UPDATE organization_seats SET used = 0 WHERE organization_id = :id)
                        UPDATE organizations SET deleted_at = now(), updated_at = now(), updated_by = :actor
                        WHERE id = :id
                        """).param("id", id.value()).param("actor", actor).update();
    }

    /**
     * Takes one seat if one is free, in a single guarded update of the organization's seat counter (a row of its own,
     * V57): concurrent callers queue on that row and each sees the count the previous one left, so the limit cannot
     * be overshot. Returns false when it is full.
     */
    boolean takeSeat(OrganizationId id) {
        return jdbc.sql("""
                        UPDATE organization_seats s SET used = s.used + 1
                        FROM organizations o
                        WHERE s.organization_id = :id AND o.id = :id AND o.deleted_at IS NULL
                          AND (coalesce(o.seat_limit_override, plan_seat_limit(o.plan)) IS NULL
                               OR s.used < coalesce(o.seat_limit_override, plan_seat_limit(o.plan)))
                        """).param("id", id.value()).update() == 1;
    }

    void releaseSeat(OrganizationId id) {
        jdbc.sql("UPDATE organization_seats SET used = used - 1 WHERE organization_id = :id AND used > 0")
                .param("id", id.value())
                .update();
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                Plan.valueOf(rs.getString("plan").toUpperCase()),
                (Integer) rs.getObject("seat_limit"),
                (Integer) rs.getObject("seat_limit_override"),
                rs.getInt("seats_used"),
                rs.getObject("partner_key_id", UUID.class),
                rs.getString("roles_take_effect"),
                rs.getBoolean("mfa_required"),
                rs.getString("display_name"),
                rs.getString("logo_url"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
