package dev.roster.shared;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of every error body, as the OpenAPI document describes it ({@link Problems} builds the real ones).
 *
 * @param type {@code urn:roster:problem:<code>}
 * @param code the stable machine name of the failure, such as {@code seat_limit_reached}
 * @param errors the invalid fields, for validation failures
 * @param requestId the request's {@code X-Request-Id}, to quote when reporting a failure
 */
@Schema(name = "Problem", description = "RFC 9457 problem details with Roster's fields")
record ProblemBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "urn:roster:problem:seat_limit_reached")
        String type,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status,
        String detail,
        String instance,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "seat_limit_reached")
        String code,

        List<FieldViolation> errors,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
        String timestamp,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String path,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String requestId) {}
