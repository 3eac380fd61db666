package dev.roster.imports;

import dev.roster.auth.CallerService;
import dev.roster.organization.OrganizationService;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.user.UserService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV imports of people: a dry run that changes nothing, an import that runs in the background, its progress and
 * rows, the list of imports, and cancelling one. Every use needs users:write and users:invite; another
 * organization's import is 404.
 */
@Service
public class ImportService {

    private static final Set<String> OUTCOMES =
            Set.of("pending", "created", "invited", "already_member", "failed", "not_processed");

    private final JdbcImportRepository imports;
    private final JdbcImportRowRepository rows;
    private final ImportPlanner planner;
    private final OrganizationService organizations;
    private final UserService users;
    private final RoleAssignmentService roles;
    private final CallerService callers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    ImportService(
            JdbcImportRepository imports,
            JdbcImportRowRepository rows,
            ImportPlanner planner,
            OrganizationService organizations,
            UserService users,
            RoleAssignmentService roles,
            CallerService callers,
            ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.imports = imports;
        this.rows = rows;
        this.planner = planner;
        this.organizations = organizations;
        this.users = users;
        this.roles = roles;
        this.callers = callers;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * Reads and checks a file as an import would and says what it would do, changing nothing: no user, no
     * invitation, no seat, no stored import. 400 for a file or option that is wrong as a whole, 413 beyond 10,000
     * rows.
     */
    public ImportCheck check(Caller caller, OrganizationId pathId, ImportOptions options, byte[] csv) {
        OrganizationId org = access(caller, pathId);
        List<PlannedRow> planned = plan(caller, org, options, csv);
        Set<String> members = users.takenEmails(
                caller,
                org,
                planned.stream()
                        .filter(PlannedRow::valid)
                        .map(PlannedRow::email)
                        .toList());
        Integer seats = organizations.seatsFree(org);
        int valid = 0;
        int alreadyMember = 0;
        List<ImportRow> shown = new ArrayList<>();
        for (PlannedRow row : planned) {
            if (row.valid() && members.contains(row.email())) {
                alreadyMember++;
                shown.add(row.shown("already_member"));
            } else if (row.valid() && (seats == null || valid < seats)) {
                valid++;
            } else {
                shown.add(row.failing(ImportRow.Problem.of(
                                "seat_limit_reached", null, "would find every seat taken: " + seats + " are free"))
                        .shown("failed"));
            }
        }
        return new ImportCheck(true, planned.size(), valid, alreadyMember, shown.size() - alreadyMember, seats, shown);
    }

    /**
     * Starts an import: the file is checked as in a dry run, rows that fail the checks are recorded as failed, and
     * the others are created in the background, each in its own transaction as {@code UserService#create} would
     * with the caller as it is at that moment. Answers the queued import.
     */
    public ImportJob start(Caller caller, OrganizationId pathId, ImportOptions options, byte[] csv) {
        OrganizationId org = access(caller, pathId);
        if (callers.recall(caller.kind(), caller.keyId()).isEmpty()) {
            throw ProblemException.forbidden("This kind of credential cannot start an import, which runs after"
                    + " the request; use an API key or a signed-in user.");
        }
        ImportOptions checked = options.checked();
        List<PlannedRow> planned = plan(caller, org, checked, csv);
        UUID id = Ids.next();
        transaction.executeWithoutResult(status -> {
            imports.insert(id, org, caller, checked, planned.size());
            rows.insert(id, planned);
            imports.completeIfDone(id);
            events.publishEvent(new ChangeMade(
                    org,
                    caller.actor(),
                    "import.created",
                    "import",
                    id.toString(),
                    new Changes()
                            .set("rows", planned.size())
                            .set("sendInvitation", checked.sendInvitation())
                            .asMap()));
            events.publishEvent(new ImportQueued(id));
        });
        return imports.find(org, id).orElseThrow();
    }

    /**
     * An import with one page of its rows in file order; {@code outcome} filters them (failed also lists rows whose
     * manager could not be linked).
     */
    @Transactional(readOnly = true)
    public ImportJob get(Caller caller, OrganizationId pathId, UUID id, String outcome, String cursor, Integer limit) {
        OrganizationId org = access(caller, pathId);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ProblemException.invalid(
                    "outcome", "must be pending, created, invited, already_member, failed or not_processed");
        }
        ImportJob job = imports.find(org, id).orElseThrow(ImportService::notFound);
        int size = Cursor.limit(limit);
        List<ImportRow> fetched = rows.page(id, outcome, afterRow(cursor), size + 1);
        boolean more = fetched.size() > size;
        List<ImportRow> page = more ? List.copyOf(fetched.subList(0, size)) : fetched;
        return job.withRows(new Page<>(page, more ? rowCursor(page.get(size - 1).row()) : null));
    }

    /** The organization's imports, newest first, without their rows. */
    @Transactional(readOnly = true)
    public Page<ImportJob> list(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = access(caller, pathId);
        int size = Cursor.limit(limit);
        return Page.of(
                imports.page(org, Cursor.decode(cursor), size + 1), size, job -> new Cursor(job.createdAt(), job.id()));
    }

    /**
     * Cancels a queued or running import: rows not processed yet stay so (not_processed); a row being processed
     * finishes first. 409 {@code import_finished} for an import that has ended.
     */
    @Transactional
    public ImportJob cancel(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = access(caller, pathId);
        String state = imports.lockState(org, id).orElseThrow(ImportService::notFound);
        if (!state.equals("queued") && !state.equals("running")) {
            throw ProblemException.conflict("import_finished", "The import has ended (" + state + ").");
        }
        rows.stopAll(id);
        imports.finish(id, "cancelled", null, caller.actor());
        events.publishEvent(new ChangeMade(
                org, caller.actor(), "import.cancelled", "import", id.toString(), new Changes().asMap()));
        return imports.find(org, id).orElseThrow();
    }

    private OrganizationId access(Caller caller, OrganizationId pathId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        caller.require(Permission.USERS_INVITE);
        return org;
    }

    private List<PlannedRow> plan(Caller caller, OrganizationId org, ImportOptions options, byte[] csv) {
        ImportOptions checked = options.checked();
        if (roles.rolesNamed(caller, org, List.of(checked.defaultRole())).isEmpty()) {
            throw ProblemException.invalid("defaultRole", "names no role of this organization");
        }
        return planner.plan(caller, org, ImportFile.read(csv), checked);
    }

    private static String rowCursor(int row) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("row." + row).getBytes(StandardCharsets.US_ASCII));
    }

    private static int afterRow(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith("row.")) {
                return Integer.parseInt(raw.substring(4));
            }
        } catch (IllegalArgumentException e) {
            // not a cursor of this list; answered below
        }
        throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Import");
    }
}
