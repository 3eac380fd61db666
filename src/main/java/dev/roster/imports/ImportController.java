package dev.roster.imports;

import dev.roster.shared.Caller;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV imports at {@code /v1/imports}, and of a named organization at {@code /v1/organizations/{orgId}/imports}: the
 * file is the body ({@code text/csv}), the options are query parameters.
 */
@RestController
@RequestMapping({"/v1/imports", "/v1/organizations/{orgId}/imports"})
@Tag(name = "Imports", description = "Create and invite up to 10,000 people from a CSV file, in the background")
class ImportController {

    private static final Set<String> OPTIONS =
            Set.of("dryRun", "sendInvitation", "invitationType", "expiresInDays", "defaultRole");

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = "text/csv")
    @Operation(
            summary = "Import people from a CSV file (users:write and users:invite): a dry run answers 200 with what"
                    + " would happen and changes nothing; otherwise 202 with the queued import, processed in the"
                    + " background",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "UTF-8 CSV (RFC 4180), a header row first: email (required), firstName,"
                                    + " lastName, roles and groups (names separated by ; or |), managerEmail; at most"
                                    + " 10,000 rows",
                            content =
                                    @Content(
                                            mediaType = "text/csv",
                                            schema =
                                                    @Schema(
                                                            type = "string",
                                                            maxLength = (int) ImportProperties.MAX_BYTES))))
    @ApiResponse(
            responseCode = "200",
            description = "dryRun=true: what the import would do",
            content = @Content(schema = @Schema(implementation = ImportCheck.class)))
    @ApiResponse(
            responseCode = "202",
            description = "The import, queued; follow Location",
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @ApiResponse(
            responseCode = "400",
            description = "A file that cannot be read as a whole (invalid_encoding, malformed_csv, invalid_header,"
                    + " empty_file, no_rows), an unknown or invalid option (unknown_parameter, validation_failed)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "413",
            description = "File larger than 4 MiB (payload_too_large) or longer than 10,000 rows (too_many_rows)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "415",
            description = "Body is not text/csv in UTF-8 (unsupported_media_type)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> start(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @Parameter(description = "true: check the file and change nothing") @RequestParam(defaultValue = "false")
                    boolean dryRun,
            @Parameter(description = "invite each new user by email; true when omitted") @RequestParam(required = false)
                    Boolean sendInvitation,
            @Parameter(description = "link (the default) or temporary_password")
                    @RequestParam(required = false)
                    @Schema(
                            maxLength = 40,
                            allowableValues = {"link", "temporary_password"})
                    String invitationType,
            @Parameter(description = "1 to 30; 7 when omitted") @RequestParam(required = false) Integer expiresInDays,
            @Parameter(description = "the role of rows with no roles; user when omitted")
                    @RequestParam(required = false)
                    @Schema(maxLength = 100)
                    String defaultRole,
            @RequestBody byte[] csv,
            HttpServletRequest request) {
        checkRequest(request);
        ImportOptions options = new ImportOptions(sendInvitation, invitationType, expiresInDays, defaultRole);
        if (dryRun) {
            return ResponseEntity.ok(imports.check(caller, orgId, options, csv));
        }
        ImportJob job = imports.start(caller, orgId, options, csv);
        URI location = URI.create(request.getRequestURI() + "/" + job.id());
        return ResponseEntity.accepted().location(location).body(job);
    }

    @GetMapping
    @Operation(summary = "List imports, newest first, without their rows (users:write and users:invite)")
    Page<ImportJob> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit) {
        return imports.list(caller, orgId, cursor, limit);
    }

    @GetMapping("/{importId}")
    @Operation(summary = "An import: state, counts, progress, and its rows a page at a time in file order")
    ImportJob get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID importId,
            @Parameter(
                            description = "only rows with this outcome: pending, created, invited, already_member,"
                                    + " failed (the row or its manager) or not_processed")
                    @RequestParam(required = false)
                    @Schema(
                            maxLength = 20,
                            allowableValues = {
                                "pending",
                                "created",
                                "invited",
                                "already_member",
                                "failed",
                                "not_processed"
                            })
                    String outcome,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit) {
        return imports.get(caller, orgId, importId, outcome, cursor, limit);
    }

    @PostMapping("/{importId}/cancel")
    @Operation(
            summary = "Cancel a queued or running import: rows not processed yet stay not_processed; 409"
                    + " import_finished once it has ended")
    ImportJob cancel(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID importId) {
        return imports.cancel(caller, orgId, importId);
    }

    /**
     * A misspelt option must not start a real import (dryrun=true would), so only known query parameters are
     * accepted; the file must be UTF-8.
     */
    private static void checkRequest(HttpServletRequest request) {
        List<FieldViolation> unknown = Collections.list(request.getParameterNames()).stream()
                .filter(name -> !OPTIONS.contains(name))
                .map(name -> new FieldViolation(Cells.shown(name, 100), "is not an option of imports"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "unknown_parameter",
                    "The request has a query parameter imports do not take; they take "
                            + String.join(", ", OPTIONS.stream().sorted().toList()) + ".",
                    unknown,
                    Map.of());
        }
        try {
            MediaType type = MediaType.parseMediaType(request.getContentType());
            if (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // an unknown charset: answered below
        }
        throw new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "The CSV must be UTF-8: send it as text/csv or text/csv; charset=utf-8.");
    }
}
