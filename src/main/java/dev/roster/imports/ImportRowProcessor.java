package dev.roster.imports;

import dev.roster.directory.DirectoryService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.UpdateUserRequest;
import dev.roster.user.User;
import dev.roster.user.UserPlaced;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one row of an import in one transaction: it locks the row, goes on only if the row is still to do, and
 * records the outcome in the same transaction as the user it created (through {@link UserService}, in a savepoint
 * so that a refused create still commits the row's failure). A row is therefore done exactly once, whichever node
 * claimed it and however often. Each row acts as the import's credential is now: once that credential may no
 * longer act, or no longer holds users:write and users:invite, the import stops.
 */
@Component
class ImportRowProcessor {

    /** What the worker does after a row. */
    sealed interface Step {
        /** On to the next row. */
        record Next() implements Step {}

        /** The organization reached its hourly invitation limit: hold the import back this long. */
        record Wait(Duration delay) implements Step {}

        /** The import has ended: cancelled, or failed because its credential may no longer act. */
        record Ended() implements Step {}
    }

    private static final Step NEXT = new Step.Next();
    private static final Step ENDED = new Step.Ended();

    private final JdbcImportRowRepository rows;
    private final JdbcImportRepository imports;
    private final UserService users;
    private final DirectoryService directory;
    private final ImportCaller acting;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    ImportRowProcessor(
            JdbcImportRowRepository rows,
            JdbcImportRepository imports,
            UserService users,
            DirectoryService directory,
            ImportCaller acting,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.rows = rows;
        this.imports = imports;
        this.users = users;
        this.directory = directory;
        this.acting = acting;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Creates (and invites) the user of a row still to do; records created, invited, already_member or failed. */
    Step create(JdbcImportRepository.ActiveImport job, UUID rowId) {
        return inRowTransaction(
                job, () -> rows.lockToCreate(rowId).map(row -> create(job, row)).orElse(NEXT));
    }

    /** Links the manager a created row names, found by email now (a row of the file, or a member). */
    Step link(JdbcImportRepository.ActiveImport job, UUID rowId) {
        return inRowTransaction(
                job, () -> rows.lockToLink(rowId).map(row -> link(job, row)).orElse(NEXT));
    }

    private Step create(JdbcImportRepository.ActiveImport job, JdbcImportRowRepository.Pending row) {
        try {
            savepoint.executeWithoutResult(status -> {
                Caller caller = acting.now(job);
                User user = users.create(caller, job.organizationId(), request(caller, job, row));
                rows.created(row.id(), user.status() == UserStatus.INVITED ? "invited" : "created", user.id());
            });
            return NEXT;
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.TOO_MANY_REQUESTS
                    && "organization".equals(e.properties().get("limit"))) {
                Number seconds = (Number) e.properties().get(ProblemException.RETRY_AFTER);
                return new Step.Wait(Duration.ofSeconds(seconds.longValue()));
            }
            String outcome = e.code().equals("email_taken") ? "already_member" : "failed";
            rows.notCreated(row.id(), outcome, ImportRow.Problem.of(e));
            return NEXT;
        }
    }

    private Step link(JdbcImportRepository.ActiveImport job, JdbcImportRowRepository.ToLink row) {
        try {
            savepoint.executeWithoutResult(status -> {
                Caller caller = acting.now(job);
                UserId manager = users.managersByEmail(caller, job.organizationId(), List.of(row.managerEmail()))
                        .get(row.managerEmail());
                if (manager == null) {
                    throw new ProblemException(
                            HttpStatus.BAD_REQUEST,
                            "unknown_manager",
                            "The manager is no active or invited user of this organization.",
                            List.of(new FieldViolation("managerEmail", "is no active or invited user")),
                            Map.of());
                }
                Patch<UpdateUserRequest> patch =
                        UpdateUserRequest.patch().managerId(manager.value()).build();
                users.update(caller, job.organizationId(), row.userId(), patch);
                rows.managerDone(row.id(), null);
            });
        } catch (ProblemException e) {
            rows.managerDone(row.id(), ImportRow.Problem.of(e));
        }
        return NEXT;
    }

    /** Fails a row that was claimed too often without an outcome (each time its node failed on it). */
    void giveUp(UUID rowId, boolean manager) {
        ImportRow.Problem problem = ImportRow.Problem.of(
                "internal_error", null, "Processing this row failed several times; see the server's log.");
        transaction.executeWithoutResult(status -> {
            if (manager) {
                rows.managerDone(rowId, problem);
            } else {
                rows.notCreated(rowId, "failed", problem);
            }
        });
    }

    private Step inRowTransaction(JdbcImportRepository.ActiveImport job, Supplier<Step> work) {
        try {
            return transaction.execute(status -> imports.holdUnfinished(job.id()) ? work.get() : ENDED);
        } catch (ImportCaller.CannotAct e) {
            transaction.executeWithoutResult(status -> {
                if (imports.lockUnfinished(job.id())) {
                    rows.stopAll(job.id());
                    imports.finish(job.id(), "failed", e.reason(), null);
                    events.publishEvent(new ChangeMade(
                            job.organizationId(),
                            "system",
                            "import.failed",
                            "import",
                            job.id().toString(),
                            new Changes().set("reason", e.reason().code()).asMap()));
                }
            });
            return ENDED;
        }
    }

    private CreateUserRequest request(
            Caller caller, JdbcImportRepository.ActiveImport job, JdbcImportRowRepository.Pending row) {
        List<UserPlaced.GroupPlacement> groups = new ArrayList<>();
        if (!row.groups().isEmpty()) {
            Map<String, UUID> found = directory.groupIdsByName(caller, job.organizationId(), row.groups());
            for (String name : row.groups()) {
                if (!found.containsKey(name)) {
                    throw new ProblemException(
                            HttpStatus.BAD_REQUEST,
                            "unknown_group",
                            "names no group of this organization: " + Cells.quoted(name),
                            List.of(new FieldViolation("groups", "names no group of this organization")),
                            Map.of());
                }
                groups.add(new UserPlaced.GroupPlacement(found.get(name), null));
            }
        }
        ImportOptions options = job.options();
        return CreateUserRequest.builder(row.email())
                .firstName(row.firstName())
                .lastName(row.lastName())
                .roles(row.roles())
                .groups(groups.isEmpty() ? null : groups)
                .sendInvitation(options.sendInvitation())
                .invitationType(options.invitationType())
                .expiresInDays(options.expiresInDays())
                .build();
    }
}
