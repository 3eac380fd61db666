package dev.roster.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * One row of an import and what became of it.
 *
 * @param row the line of the file the row starts on (the header is line 1): the spreadsheet's row number unless a
 *     field above holds a line break
 * @param email the address, lower-cased; as given (control characters escaped) when it is not one
 * @param outcome pending, created (without an invitation), invited, already_member (a live user has the email),
 *     failed (see error), or not_processed (the import stopped first); in a dry run only already_member or failed
 * @param userId the user the row created
 * @param error why the row failed
 * @param manager the manager the row names, linked once every row is created
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportRow(
        int row,
        @Schema(maxLength = 320) String email,

        @Schema(
                maxLength = 20,
                allowableValues = {"pending", "created", "invited", "already_member", "failed", "not_processed"})
        String outcome,

        UUID userId,
        Problem error,
        Manager manager) {

    /**
     * Why a row, or its manager, failed: the code and message the single-user API would give, or one of the
     * import's own codes (duplicate_email, unknown_role, unknown_group, unknown_manager, malformed_row, ...).
     *
     * @param field the column, or the request field the user API names
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(
            @Schema(maxLength = 100) String code,
            @Schema(maxLength = 100) String field,
            @Schema(maxLength = 500) String message) {

        /** A problem of the import's own; the message is shown with control characters escaped. */
        static Problem of(String code, String field, String message) {
            return new Problem(code, field, Cells.shown(message, 500));
        }

        /** What the user API answered, as a row's problem: its code, and its first invalid field if it named one. */
        static Problem of(ProblemException e) {
            return e.errors().isEmpty()
                    ? of(e.code(), null, e.getMessage())
                    : of(e.code(), e.errors().get(0).field(), e.errors().get(0).message());
        }
    }

    /**
     * The manager a row names.
     *
     * @param outcome pending, linked, failed (see error), skipped (the row created no user) or not_processed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Manager(
            @Schema(maxLength = 320) String email,

            @Schema(
                    maxLength = 20,
                    allowableValues = {"pending", "linked", "failed", "skipped", "not_processed"})
            String outcome,

            Problem error) {}
}
