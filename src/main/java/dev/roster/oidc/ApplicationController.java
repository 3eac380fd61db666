package dev.roster.oidc;

import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.PatchReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(
        name = "Applications",
        description = "Applications that sign users in through Roster as an OpenID Connect provider (platform and"
                + " partner keys)")
class ApplicationController {

    private final ApplicationService applications;
    private final PatchReader patches;

    ApplicationController(ApplicationService applications, PatchReader patches) {
        this.applications = applications;
        this.patches = patches;
    }

    @PostMapping("/v1/applications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register an application; a confidential one's client secret is shown only in this answer",
            description = "Platform and partner keys only. Redirect URIs are matched exactly: https, or http on"
                    + " 127.0.0.1, [::1] or localhost; no fragment, no wildcard.")
    CreatedApplication create(@AuthenticationPrincipal Caller caller, @RequestBody ApplicationRequest request) {
        return applications.create(caller, request);
    }

    @GetMapping("/v1/applications")
    @Operation(summary = "List applications: all for a platform key, its own for a partner key (never secrets)")
    Page<Application> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return applications.list(caller, cursor, limit);
    }

    @GetMapping("/v1/applications/{applicationId}")
    @Operation(summary = "Get an application")
    Application get(@AuthenticationPrincipal Caller caller, @PathVariable UUID applicationId) {
        return applications.get(caller, applicationId);
    }

    @PatchMapping("/v1/applications/{applicationId}")
    @Operation(
            summary = "Change an application's name, redirect URIs or organizations",
            description =
                    "The type cannot change; organizationIds null opens it to every organization the key" + " reaches.")
    Application update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID applicationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = ApplicationRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return applications.update(caller, applicationId, patches.read(body, ApplicationRequest.class));
    }

    @PostMapping("/v1/applications/{applicationId}/rotate-secret")
    @Operation(
            summary = "Replace a confidential application's client secret; the new one is shown only in this answer",
            description = "The old secret stops working at once. 409 application_public for a public application.")
    CreatedApplication rotateSecret(@AuthenticationPrincipal Caller caller, @PathVariable UUID applicationId) {
        return applications.rotateSecret(caller, applicationId);
    }

    @DeleteMapping("/v1/applications/{applicationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an application; its client id and secret stop working at once")
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID applicationId) {
        applications.delete(caller, applicationId);
    }
}
