package dev.roster.imports;

import dev.roster.shared.database.DatabaseUnavailable;
import dev.roster.shared.operations.ClaimingWorker;
import dev.roster.shared.operations.Claims;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Works through the imports that have rows to do, on any number of nodes: each pass takes a small batch of rows of
 * each import in turn (claimed for a lease, so that nodes share the work and a dead node's rows are taken up once
 * its lease runs out), creates them, then links their managers, then completes the import. Runs when an import is
 * stored and every poll interval. On shutdown it stops claiming and gives back the rows it claimed and had not
 * started, as the outbox dispatcher does.
 */
@Component
class ImportWorker extends ClaimingWorker {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private static final int IMPORTS_PER_PASS = 20;
    /** Claims of a row without an outcome (its node failed on it each time) before the row is failed. */
    static final int MAX_ATTEMPTS = 5;

    private final JdbcImportRepository imports;
    private final JdbcImportRowRepository rows;
    private final ImportRowProcessor processor;
    private final ImportProperties properties;

    ImportWorker(
            JdbcImportRepository imports,
            JdbcImportRowRepository rows,
            ImportRowProcessor processor,
            ImportProperties properties) {
        super(
                new Claims("import rows", rows::release),
                daemons("roster-imports", 1),
                "Import rows were still being processed");
        this.imports = imports;
        this.rows = rows;
        this.processor = processor;
        this.properties = properties;
    }

    @TransactionalEventListener
    void afterCommit(ImportQueued queued) {
        wake();
    }

    @Scheduled(fixedDelayString = "${roster.imports.poll-interval:PT1S}")
    void poll() {
        wake();
    }

    /** Asks the worker for one more pass; passes never overlap on a node. */
    void wake() {
        schedule(this::pass);
    }

    /** Batches of every import with work, round after round, until none has any (or the node stops). */
    void pass() {
        try {
            boolean worked;
            do {
                worked = false;
                for (JdbcImportRepository.ActiveImport job : imports.active(IMPORTS_PER_PASS)) {
                    if (stopping()) {
                        break;
                    }
                    worked |= batch(job);
                }
            } while (worked && !stopping());
        } catch (RuntimeException e) {
            log.warn("Import pass failed; the next pass retries", e);
        } finally {
            claims.giveBack();
        }
    }

    /** One batch of one import: rows to create, else managers to link, else the import is done. */
    private boolean batch(JdbcImportRepository.ActiveImport job) {
        boolean linking = false;
        List<JdbcImportRowRepository.Claimed> claimed =
                rows.claimToCreate(job.id(), properties.batchSize(), properties.claimLease());
        if (claimed.isEmpty()) {
            linking = true;
            claimed = rows.claimToLink(job.id(), properties.batchSize(), properties.claimLease());
        }
        if (claimed.isEmpty()) {
            imports.completeIfDone(job.id());
            return false;
        }
        imports.markRunning(job.id());
        claims.claimed(claimed.stream().map(JdbcImportRowRepository.Claimed::id).toList());
        MDC.put("requestId", "import:" + job.id());
        try {
            for (JdbcImportRowRepository.Claimed row : claimed) {
                if (stopping() || !claims.start(row.id())) {
                    continue;
                }
                if (!process(job, row, linking)) {
                    break;
                }
            }
        } finally {
            MDC.remove("requestId");
            claims.giveBack();
        }
        return true;
    }

    /** Processes one claimed row; false when the import is to pause or has stopped. */
    private boolean process(
            JdbcImportRepository.ActiveImport job, JdbcImportRowRepository.Claimed row, boolean linking) {
        ImportRowProcessor.Step step;
        try {
            if (row.attempts() > MAX_ATTEMPTS) {
                processor.giveUp(row.id(), linking);
                return true;
            }
            step = linking ? processor.link(job, row.id()) : processor.create(job, row.id());
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                throw e;
            }
            // The row keeps its claim: it is tried again when the claim runs out, up to MAX_ATTEMPTS times.
            log.error("Import {} row {} failed; it is retried when its claim runs out", job.id(), row.row(), e);
            return true;
        }
        if (step instanceof ImportRowProcessor.Step.Wait wait) {
            imports.waitFor(job.id(), wait.delay());
            log.info("Import {} waits {} for the organization's invitation limit", job.id(), wait.delay());
            // The row is done with nothing: it goes back with the unstarted ones, its try uncounted.
            claims.claimed(List.of(row.id()));
            return false;
        }
        return !(step instanceof ImportRowProcessor.Step.Ended);
    }
}
