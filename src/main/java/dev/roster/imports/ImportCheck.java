package dev.roster.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import java.util.List;

/**
 * What an import would do, from a dry run that changed nothing: the rows it would create, and every other row with
 * the reason. Whether a user is already a member and how many seats are free are read at the time of the dry run;
 * the import itself decides again, row by row.
 *
 * @param totalRows the rows of the file, besides its header
 * @param valid rows that would be created (and invited)
 * @param alreadyMember rows whose email a live user has
 * @param failed rows that would fail, seat_limit_reached among them for the rows past the free seats
 * @param seatsAvailable the seats free now; absent when the plan has no limit
 * @param rows the rows that would not be created, in file order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportCheck(
        boolean dryRun,
        int totalRows,
        int valid,
        int alreadyMember,
        int failed,
        Integer seatsAvailable,
        @ArraySchema(maxItems = ImportFile.MAX_ROWS) List<ImportRow> rows) {}
