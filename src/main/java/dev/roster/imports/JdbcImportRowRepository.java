package dev.roster.imports;

import dev.roster.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of imports. A worker claims a few at a time for a lease ({@code FOR UPDATE SKIP LOCKED}, so nodes never
 * claim the same ones); the transaction that processes a row locks it and checks it is still to do, so a row whose
 * claim ran out while its node was still busy is done once all the same.
 */
@Repository
class JdbcImportRowRepository {

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    /** A row claimed for work; {@code attempts} counts the claims, this one included. */
    record Claimed(UUID id, int row, int attempts) {}

    /** A row still to create. */
    record Pending(
            UUID id,
            String email,
            String firstName,
            String lastName,
            List<String> roles,
            List<String> groups,
            String managerEmail) {}

    /** A row whose user was created, with the manager still to link. */
    record ToLink(UUID id, UserId userId, String managerEmail) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcImportRowRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the checked rows: valid ones to do, the others failed at once. */
    void insert(UUID importId, List<PlannedRow> rows) {
        jdbc.sql("""
                        INSERT INTO import_rows (id, import_id, row_number, email, first_name, last_name, roles, groups,
                            manager_email, outcome, error_code, error_field, error_message, manager_outcome)
                        SELECT gen_random_uuid(), :import, r.n, r.email, r.first_name, r.last_name, CAST(r.roles AS jsonb),
                            CAST(r.groups AS jsonb), r.manager, CASE WHEN r.code IS NULL THEN 'pending' ELSE 'failed' END,
                            r.code, r.field, r.message,
                            CASE WHEN r.manager IS NULL THEN NULL WHEN r.code IS NULL THEN 'pending' ELSE 'skipped' END
                        FROM unnest(CAST(:n AS integer[]), CAST(:email AS text[]), CAST(:first AS text[]),
                                    CAST(:last AS text[]), CAST(:roles AS text[]), CAST(:groups AS text[]),
                                    CAST(:manager AS text[]), CAST(:code AS text[]), CAST(:field AS text[]),
                                    CAST(:message AS text[]))
                            AS r(n, email, first_name, last_name, roles, groups, manager, code, field, message)
                        """)
                .param("import", importId)
                .param("n", rows.stream().map(PlannedRow::row).toArray(Integer[]::new))
                .param("email", column(rows, PlannedRow::email))
                .param("first", column(rows, PlannedRow::firstName))
                .param("last", column(rows, PlannedRow::lastName))
                .param("roles", column(rows, row -> json.writeValueAsString(row.roles())))
                .param("groups", column(rows, row -> json.writeValueAsString(row.groups())))
                .param("manager", column(rows, PlannedRow::managerEmail))
                .param(
                        "code",
                        column(rows, row -> row.valid() ? null : row.error().code()))
                .param(
                        "field",
                        column(rows, row -> row.valid() ? null : row.error().field()))
                .param(
                        "message",
                        column(rows, row -> row.valid() ? null : row.error().message()))
                .update();
    }

    private static String[] column(List<PlannedRow> rows, Function<PlannedRow, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** Claims up to {@code limit} rows still to create, in file order. */
    List<Claimed> claimToCreate(UUID importId, int limit, Duration lease) {
        return claim(importId, "outcome = 'pending'", limit, lease);
    }

    /** Claims up to {@code limit} managers to link, once no row of the import is left to create. */
    List<Claimed> claimToLink(UUID importId, int limit, Duration lease) {
        return claim(
                importId,
                "manager_outcome = 'pending' AND NOT EXISTS (SELECT 1 FROM import_rows p"
                        + " WHERE p.import_id = :import AND p.outcome = 'pending')",
                limit,
                lease);
    }

    /** @param condition a constant, never user input */
    private List<Claimed> claim(UUID importId, String condition, int limit, Duration lease) {
        return jdbc
                .sql("""
                        UPDATE import_rows SET attempts = attempts + 1,
                            locked_until = now() + make_interval(secs => :leaseSeconds)
                        WHERE id IN (SELECT id FROM import_rows
                                     WHERE import_id = :import AND %s
                                       AND (locked_until IS NULL OR locked_until < now())
                                     ORDER BY row_number
                                     LIMIT :limit
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING id, row_number, attempts
                        """.formatted(condition))
                .param("import", importId)
                .param("leaseSeconds", lease.toSeconds())
                .param("limit", limit)
                .query((rs, row) ->
                        new Claimed(rs.getObject("id", UUID.class), rs.getInt("row_number"), rs.getInt("attempts")))
                .list()
                .stream()
                .sorted(Comparator.comparingInt(Claimed::row))
                .toList();
    }

    /** Gives back claims not started (a shutting-down node, an import held back): due again at once, uncounted. */
    void release(List<UUID> ids) {
        jdbc.sql("""
                        UPDATE import_rows SET locked_until = NULL, attempts = greatest(attempts - 1, 0)
                        WHERE id = ANY(:ids)
                        """).param("ids", ids.toArray(UUID[]::new)).update();
    }

    /** Locks a row until the transaction ends, if it is still to create. */
    Optional<Pending> lockToCreate(UUID id) {
        return jdbc.sql("""
                        SELECT id, email, first_name, last_name, roles, groups, manager_email FROM import_rows
                        WHERE id = :id AND outcome = 'pending' FOR UPDATE
                        """).param("id", id).query(this::pending).optional();
    }

    /** Locks a row until the transaction ends, if its manager is still to link. */
    Optional<ToLink> lockToLink(UUID id) {
        return jdbc.sql("""
                        SELECT id, user_id, manager_email FROM import_rows
                        WHERE id = :id AND manager_outcome = 'pending' FOR UPDATE
                        """)
                .param("id", id)
                .query((rs, row) -> new ToLink(
                        rs.getObject("id", UUID.class),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getString("manager_email")))
                .optional();
    }

    /** Records the user a row created; its manager, if it names one, is linked in the second pass. */
    void created(UUID id, String outcome, UserId userId) {
        jdbc.sql("""
                        UPDATE import_rows SET outcome = :outcome, user_id = :user, locked_until = NULL,
                            manager_outcome = CASE WHEN manager_email IS NULL THEN NULL ELSE 'pending' END
                        WHERE id = :id AND outcome = 'pending'
                        """)
                .param("id", id)
                .param("outcome", outcome)
                .param("user", userId.value())
                .update();
    }

    /** Records a row that created no user (failed, or already a member); its manager is skipped. */
    void notCreated(UUID id, String outcome, ImportRow.Problem problem) {
        jdbc.sql("""
                        UPDATE import_rows SET outcome = :outcome, error_code = :code, error_field = :field,
                            error_message = :message, locked_until = NULL,
                            manager_outcome = CASE WHEN manager_email IS NULL THEN NULL ELSE 'skipped' END
                        WHERE id = :id AND outcome = 'pending'
                        """)
                .param("id", id)
                .param("outcome", outcome)
                .param("code", problem.code())
                .param("field", problem.field())
                .param("message", problem.message())
                .update();
    }

    /** Records whether a row's manager was linked (problem null) or not. */
    void managerDone(UUID id, ImportRow.Problem problem) {
        jdbc.sql("""
                        UPDATE import_rows SET manager_outcome = :outcome, manager_error_code = :code,
                            manager_error_message = :message, locked_until = NULL
                        WHERE id = :id AND manager_outcome = 'pending'
                        """)
                .param("id", id)
                .param("outcome", problem == null ? "linked" : "failed")
                .param("code", problem == null ? null : problem.code())
                .param("message", problem == null ? null : problem.message())
                .update();
    }

    /** Takes every row and manager still to do out of the work: the import was cancelled or failed. */
    void stopAll(UUID importId) {
        jdbc.sql("""
                        UPDATE import_rows SET locked_until = NULL,
                            outcome = CASE WHEN outcome = 'pending' THEN 'not_processed' ELSE outcome END,
                            manager_outcome = CASE WHEN manager_outcome = 'pending' THEN 'not_processed'
                                                   ELSE manager_outcome END
                        WHERE import_id = :import AND (outcome = 'pending' OR manager_outcome = 'pending')
                        """).param("import", importId).update();
    }

    /**
     * A page of an import's rows after row number {@code after}, in file order; {@code outcome} filters them
     * (failed: the row or its manager failed).
     */
    List<ImportRow> page(UUID importId, String outcome, int after, int fetch) {
        String filter = outcome == null
                ? ""
                : outcome.equals("failed")
                        ? " AND (outcome = 'failed' OR manager_outcome = 'failed')"
                        : " AND outcome = :outcome";
        return jdbc.sql("SELECT row_number, email, outcome, user_id, error_code, error_field, error_message,"
                        + " manager_email, manager_outcome, manager_error_code, manager_error_message"
                        + " FROM import_rows WHERE import_id = :import AND row_number > :after" + filter
                        + " ORDER BY row_number LIMIT :fetch")
                .param("import", importId)
                .param("outcome", outcome)
                .param("after", after)
                .param("fetch", fetch)
                .query(JdbcImportRowRepository::shown)
                .list();
    }

    private Pending pending(ResultSet rs, int row) throws SQLException {
        return new Pending(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                json.readValue(rs.getString("roles"), NAMES),
                json.readValue(rs.getString("groups"), NAMES),
                rs.getString("manager_email"));
    }

    private static ImportRow shown(ResultSet rs, int row) throws SQLException {
        String managerEmail = rs.getString("manager_email");
        return new ImportRow(
                rs.getInt("row_number"),
                rs.getString("email"),
                rs.getString("outcome"),
                rs.getObject("user_id", UUID.class),
                problem(rs.getString("error_code"), rs.getString("error_field"), rs.getString("error_message")),
                managerEmail == null
                        ? null
                        : new ImportRow.Manager(
                                managerEmail,
                                rs.getString("manager_outcome"),
                                problem(
                                        rs.getString("manager_error_code"),
                                        null,
                                        rs.getString("manager_error_message"))));
    }

    private static ImportRow.Problem problem(String code, String field, String message) {
        return code == null ? null : new ImportRow.Problem(code, field, message);
    }
}
