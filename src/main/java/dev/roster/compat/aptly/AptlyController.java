package dev.roster.compat.aptly;

import dev.roster.compat.Timestamps;
import dev.roster.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Aptly's {@code POST /v1/user/create}, also under {@code /auth/v1/} where its sample's URL puts it.
 *
 * <p>The page shows 200 in its sample body and 201 "User created successfully" in its response schema. Roster
 * answers 201, with statusCode 201 in the envelope: the schema is the page's statement of the contract, 201 is what a
 * NestJS {@code @Post} (the envelope's framework) answers by default, and a client that checks for success by
 * status class works with either.
 */
@RestController
@Tag(name = "Compatibility: Aptly", description = "Aptly's Create user page, served as it documents it")
class AptlyController {

    private final AptlyUsers users;
    private final Clock clock;

    AptlyController(AptlyUsers users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @PostMapping({"/v1/user/create", "/auth/v1/user/create"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create user (Aptly); needs users:write and users:read (users:invite to invite, roles:manage"
                    + " for roles beyond user, groups:manage for groups and positions)",
            description = "Creates the user with its roles, groups, manager and positions in one transaction and"
                    + " answers {statusCode, timestamp, message, data} with Aptly's user record.")
    @ApiResponse(responseCode = "201", description = "User created successfully")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid fields, unknown role, group, position or manager",
            content = @Content(schema = @Schema(implementation = AptlyEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The credential may not do this, or the plan is full",
            content = @Content(schema = @Schema(implementation = AptlyEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "tenantId names an organization the credential cannot reach",
            content = @Content(schema = @Schema(implementation = AptlyEnvelope.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A user with this email already exists",
            content = @Content(schema = @Schema(implementation = AptlyEnvelope.class)))
    AptlyEnvelope<AptlyUser> create(
            @AuthenticationPrincipal Caller caller, @RequestBody AptlyCreateUserRequest request) {
        return new AptlyEnvelope<>(
                HttpStatus.CREATED.value(),
                Timestamps.millis(clock.instant()),
                "Success",
                users.create(caller, request));
    }
}
