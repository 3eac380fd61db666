package dev.roster.imports;

import dev.roster.shared.Caller;
import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Imports, the jobs: their state, options and the credential they act as. Their rows are in JdbcImportRowRepository. */
@Repository
class JdbcImportRepository {

    /** The counts per outcome of import {@code j}'s rows, as a JSON object of {@link ImportCounts}'s fields. */
    private static final String COUNTS = """
            (SELECT jsonb_build_object(
                'pending', count(*) FILTER (WHERE outcome = 'pending'),
                'created', count(*) FILTER (WHERE outcome = 'created'),
                'invited', count(*) FILTER (WHERE outcome = 'invited'),
                'alreadyMember', count(*) FILTER (WHERE outcome = 'already_member'),
                'failed', count(*) FILTER (WHERE outcome = 'failed'),
                'notProcessed', count(*) FILTER (WHERE outcome = 'not_processed'),
                'managersPending', count(*) FILTER (WHERE manager_outcome = 'pending'),
                'managersLinked', count(*) FILTER (WHERE manager_outcome = 'linked'),
                'managersFailed', count(*) FILTER (WHERE manager_outcome = 'failed'))
             FROM import_rows r WHERE r.import_id = j.id)""";

    /** An ended import keeps its counts; a running one counts its rows. */
    private static final String COLUMNS = """
            j.id, j.state, j.send_invitation, j.invitation_type, j.expires_in_days, j.default_role, j.total_rows,
            coalesce(j.counts, %s) AS counts, j.waiting_until, j.error_code, j.error_detail, j.created_by, j.created_at,
            j.started_at, j.finished_at, j.cancelled_by""".formatted(COUNTS);

    private static final String UNFINISHED = "j.state IN ('queued', 'running')";

    /** What the worker needs of an import it works on. */
    record ActiveImport(
            UUID id, OrganizationId organizationId, Caller.Kind callerKind, UUID callerId, ImportOptions options) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcImportRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, OrganizationId org, Caller caller, ImportOptions options, int totalRows) {
        jdbc.sql("""
                        INSERT INTO imports (id, organization_id, state, caller_kind, caller_id, send_invitation,
                            invitation_type, expires_in_days, default_role, total_rows, created_by)
                        VALUES (:id, :org, 'queued', :kind, :callerId, :send, :type, :days, :role, :total, :actor)
                        """)
                .param("id", id)
                .param("org", org.value())
                .param("kind", caller.kind().name())
                .param("callerId", caller.keyId())
                .param("send", options.sendInvitation())
                .param("type", options.invitationType())
                .param("days", options.expiresInDays())
                .param("role", options.defaultRole())
                .param("total", totalRows)
                .param("actor", caller.actor())
                .update();
    }

    Optional<ImportJob> find(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM imports j WHERE j.organization_id = :org AND j.id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(this::job)
                .optional();
    }

    /** The organization's imports, newest first, after the cursor. */
    List<ImportJob> page(OrganizationId org, Cursor before, int fetch) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM imports j WHERE j.organization_id = :org"
                        + (before == null ? "" : " AND (j.created_at, j.id) < (:beforeAt, :beforeId)")
                        + " ORDER BY j.created_at DESC, j.id DESC LIMIT :fetch")
                .param("org", org.value())
                .param("beforeAt", before == null ? null : Rows.timestamp(before.createdAt()))
                .param("beforeId", before == null ? null : before.id())
                .param("fetch", fetch)
                .query(this::job)
                .list();
    }

    /** Locks an import of the organization until the transaction ends; its state, or empty for none. */
    Optional<String> lockState(OrganizationId org, UUID id) {
        turn(id, "pg_advisory_xact_lock");
        return jdbc.sql("SELECT state FROM imports WHERE organization_id = :org AND id = :id FOR UPDATE")
                .param("org", org.value())
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /**
     * Takes a share of an unfinished import until the transaction ends; false when it has ended. A row's transaction
     * takes it first, so that a cancel (which locks the import) waits for the row in progress, and every row after
     * the cancel waits for it and sees it.
     */
    boolean holdUnfinished(UUID id) {
        turn(id, "pg_advisory_xact_lock_shared");
        return jdbc.sql("SELECT j.id FROM imports j WHERE j.id = :id AND " + UNFINISHED + " FOR KEY SHARE")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** Locks an import until the transaction ends, before its rows, as a cancel does; false when it has ended. */
    boolean lockUnfinished(UUID id) {
        turn(id, "pg_advisory_xact_lock");
        return jdbc.sql("SELECT j.id FROM imports j WHERE j.id = :id AND " + UNFINISHED + " FOR UPDATE")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /**
     * Queues for the import's turn until the transaction ends: shared for a row, exclusive to end the import. The
     * row locks alone do not keep order: once the row in progress commits, the next row's share of the import row
     * can be taken before the waiting cancel wakes, and the cancel waits one row more. PostgreSQL's lock manager
     * queues a share asked for after a waiting exclusive lock behind it, so the cancel is next.
     */
    private void turn(UUID id, String function) {
        jdbc.sql("SELECT " + function + "(hashtextextended(:key, 17))")
                .param("key", "import:" + id)
                .query()
                .singleRow();
    }

    /** Imports with rows to work on, oldest first, leaving out those waiting for the invitation limit. */
    List<ActiveImport> active(int limit) {
        return jdbc.sql(
                        "SELECT j.id, j.organization_id, j.caller_kind, j.caller_id, j.send_invitation,"
                                + " j.invitation_type, j.expires_in_days, j.default_role FROM imports j WHERE "
                                + UNFINISHED
                                + " AND (j.waiting_until IS NULL OR j.waiting_until <= now()) ORDER BY j.created_at LIMIT :limit")
                .param("limit", limit)
                .query((rs, row) -> new ActiveImport(
                        rs.getObject("id", UUID.class),
                        new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        Caller.Kind.valueOf(rs.getString("caller_kind")),
                        rs.getObject("caller_id", UUID.class),
                        options(rs)))
                .list();
    }

    void markRunning(UUID id) {
        jdbc.sql("UPDATE imports SET state = 'running', started_at = now() WHERE id = :id AND state = 'queued'")
                .param("id", id)
                .update();
    }

    /** Holds the import back until the organization may send invitations again. */
    void waitFor(UUID id, Duration delay) {
        jdbc.sql("UPDATE imports j SET waiting_until = now() + make_interval(secs => :seconds) WHERE id = :id AND "
                        + UNFINISHED)
                .param("id", id)
                .param("seconds", delay.toSeconds())
                .update();
    }

    /** Completes the import if no row of it is left to do, keeping its counts; false when it was not. */
    boolean completeIfDone(UUID id) {
        return jdbc.sql("UPDATE imports j SET state = 'completed', finished_at = now(), waiting_until = NULL,"
                                + " counts = " + COUNTS + " WHERE j.id = :id AND " + UNFINISHED
                                + " AND NOT EXISTS (SELECT 1 FROM import_rows p WHERE p.import_id = :id"
                                + " AND (p.outcome = 'pending' OR p.manager_outcome = 'pending'))")
                        .param("id", id)
                        .update()
                == 1;
    }

    /**
     * Ends an unfinished import as cancelled or failed, keeping its counts (take its rows out of the work first);
     * false when it had ended already.
     */
    boolean finish(UUID id, String state, ImportRow.Problem error, String cancelledBy) {
        return jdbc.sql("UPDATE imports j SET state = :state, finished_at = now(), waiting_until = NULL,"
                                + " error_code = :code, error_detail = :detail, cancelled_by = :by, counts = " + COUNTS
                                + " WHERE j.id = :id AND " + UNFINISHED)
                        .param("id", id)
                        .param("state", state)
                        .param("code", error == null ? null : error.code())
                        .param("detail", error == null ? null : error.message())
                        .param("by", cancelledBy)
                        .update()
                == 1;
    }

    private ImportJob job(ResultSet rs, int row) throws SQLException {
        ImportCounts counts = json.readValue(rs.getString("counts"), ImportCounts.class);
        Instant waiting = Rows.instant(rs, "waiting_until");
        String state = rs.getString("state");
        int work = counts.work();
        return new ImportJob(
                rs.getObject("id", UUID.class),
                state,
                options(rs),
                rs.getInt("total_rows"),
                work == 0 ? 100 : (int) (100L * counts.done() / work),
                counts,
                state.equals("running") && waiting != null && waiting.isAfter(Instant.now()) ? waiting : null,
                rs.getString("error_code") == null
                        ? null
                        : new ImportRow.Problem(rs.getString("error_code"), null, rs.getString("error_detail")),
                rs.getString("created_by"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"),
                rs.getString("cancelled_by"),
                null);
    }

    private static ImportOptions options(ResultSet rs) throws SQLException {
        return new ImportOptions(
                rs.getBoolean("send_invitation"),
                rs.getString("invitation_type"),
                rs.getInt("expires_in_days"),
                rs.getString("default_role"));
    }
}
