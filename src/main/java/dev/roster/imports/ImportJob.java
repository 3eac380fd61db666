package dev.roster.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.shared.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An import and how far it is.
 *
 * @param state queued, running, completed, failed (see error) or cancelled
 * @param options what every row is created with
 * @param totalRows the rows of the file, besides its header
 * @param percentDone rows processed and managers linked, of all there are to do
 * @param counts rows per outcome, managers per outcome
 * @param waitingUntil while running: the organization reached its hourly invitation limit, and the import goes on
 *     at this time
 * @param error why a failed import stopped: credential_revoked, permission_required, organization_unavailable
 * @param createdBy the credential that started it, which each row acts as
 * @param rows one page of its rows, on {@code GET /v1/imports/{id}} only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJob(
        UUID id,

        @Schema(
                maxLength = 20,
                allowableValues = {"queued", "running", "completed", "failed", "cancelled"})
        String state,

        ImportOptions options,
        int totalRows,
        int percentDone,
        ImportCounts counts,
        Instant waitingUntil,
        ImportRow.Problem error,
        @Schema(maxLength = 100) String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(maxLength = 100) String cancelledBy,
        Page<ImportRow> rows) {

    /** The same import with one page of its rows. */
    ImportJob withRows(Page<ImportRow> page) {
        return new ImportJob(
                id,
                state,
                options,
                totalRows,
                percentDone,
                counts,
                waitingUntil,
                error,
                createdBy,
                createdAt,
                startedAt,
                finishedAt,
                cancelledBy,
                page);
    }
}
