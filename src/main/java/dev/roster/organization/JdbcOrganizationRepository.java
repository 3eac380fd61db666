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
            organization_seats_used(id) AS seats_used, partner_key_id, roles_take_effect, mfa_required, display_name, logo_url, created_at, created_by, updated_at, updated_by
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

    /**
     * What the organization is called and how it behaves, without its seat count: counting adds up the seat changes
     * not yet folded (thousands while users are created quickly), which an invitation's email does not need.
     */
    Optional<Settings> settings(OrganizationId id) {
        return jdbc.sql("""
                        SELECT name, plan, display_name, logo_url, mfa_required, roles_take_effect
                        FROM organizations WHERE id = :id AND deleted_at IS NULL
                        """)
                .param("id", id.value())
                .query((rs, row) -> new Settings(
                        rs.getString("name"),
                        Plan.valueOf(rs.getString("plan").toUpperCase()),
                        rs.getString("display_name"),
                        rs.getString("logo_url"),
                        rs.getBoolean("mfa_required"),
                        rs.getString("roles_take_effect").equals("on_accept")))
                .optional();
    }

    /** An organization's name, plan and behaviour, as {@link #settings} reads them. */
    record Settings(
            String name,
            Plan plan,
            String displayName,
            String logoUrl,
            boolean mfaRequired,
            boolean rolesTakeEffectOnAccept) {}

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
                        WITH released AS (UPDATE organization_seats SET used = 0 WHERE organization_id = :id),
                            changes AS (DELETE FROM organization_seat_changes WHERE organization_id = :id)
                        UPDATE organizations SET deleted_at = now(), updated_at = now(), updated_by = :actor
                        WHERE id = :id
                        """).param("id", id.value()).param("actor", actor).update();
    }

    /**
     * Takes one seat if one is free, in one statement. Without a seat limit there is nothing to check: the seat is a
     * row of its own in {@code organization_seat_changes}, inserted without waiting for anyone. With one, it is a
     * guarded update of the organization's seat counter (V57) that counts the changes not yet folded into it:
     * concurrent callers queue on that row and each sees the count the previous one left, so the limit cannot be
     * overshot. Returns false when the organization is full or gone.
     */
    boolean takeSeat(OrganizationId id) {
        return jdbc.sql("""
                        WITH o AS (
                            SELECT coalesce(seat_limit_override, plan_seat_limit(plan)) AS seat_limit
                            FROM organizations WHERE id = :id AND deleted_at IS NULL),
                        unlimited AS (
                            INSERT INTO organization_seat_changes (organization_id, change)
                            SELECT :id, 1 FROM o WHERE o.seat_limit IS NULL
                            RETURNING 1),
                        limited AS (
                            UPDATE organization_seats s SET used = s.used + 1
                            FROM o
                            WHERE s.organization_id = :id AND o.seat_limit IS NOT NULL
                              AND s.used + coalesce((SELECT sum(c.change) FROM organization_seat_changes c
                                                     WHERE c.organization_id = :id), 0) < o.seat_limit
                            RETURNING 1)
                        SELECT (SELECT count(*) FROM unlimited) + (SELECT count(*) FROM limited)
                        """).param("id", id.value()).query(Long.class).single() == 1;
    }

    /**
     * Gives a seat back: on the counter's row (under its lock) when the organization has a limit and the counter holds
     * the seat, otherwise as a change row, which also covers a seat taken before a limit was set and not yet folded.
     */
    void releaseSeat(OrganizationId id) {
        jdbc.sql("""
                        WITH o AS (
                            SELECT coalesce(seat_limit_override, plan_seat_limit(plan)) AS seat_limit
                            FROM organizations WHERE id = :id),
                        limited AS (
                            UPDATE organization_seats s SET used = s.used - 1
                            FROM o
                            WHERE s.organization_id = :id AND o.seat_limit IS NOT NULL AND s.used > 0
                            RETURNING 1)
                        INSERT INTO organization_seat_changes (organization_id, change)
                        SELECT :id, -1 FROM o WHERE NOT EXISTS (SELECT 1 FROM limited)
                        """).param("id", id.value()).update();
    }

    /**
     * Folds every organization's seat changes into its counter, in one statement: what it deletes it adds, so a
     * reader sees the same count before and after. Only one node folds at a time (the others, refused the advisory
     * lock, delete nothing). Returns how many changes it folded.
     */
    int foldSeatChanges() {
        return jdbc.sql("""
                        WITH folded AS (DELETE FROM organization_seat_changes
                                        WHERE pg_try_advisory_xact_lock(hashtext('roster.seat-fold'))
                                        RETURNING organization_id, change),
                            sums AS (SELECT organization_id, sum(change) AS change, count(*) AS n
                                     FROM folded GROUP BY organization_id),
                            applied AS (UPDATE organization_seats s SET used = s.used + sums.change
                                        FROM sums WHERE s.organization_id = sums.organization_id)
                        SELECT coalesce(sum(n), 0) FROM sums
                        """).query(Long.class).single().intValue();
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
