package dev.roster.role;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
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

@RestController
@Tag(name = "Environments", description = "An organization's environments: resources that roles can be scoped to")
class EnvironmentController {

    private static final String ORG = "/v1/organizations/{orgId}";

    private final EnvironmentService environments;

    EnvironmentController(EnvironmentService environments) {
        this.environments = environments;
    }

    @PostMapping({"/v1/environments", ORG + "/environments"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an environment (environments:manage); 409 environment_name_taken")
    Environment create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody EnvironmentRequest request) {
        return environments.create(caller, orgId, request);
    }

    @GetMapping({"/v1/environments", ORG + "/environments"})
    @Operation(summary = "List the environments the caller may read (environments:read, across or per environment)")
    Page<Environment> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return environments.list(caller, orgId, cursor, limit);
    }

    @GetMapping({"/v1/environments/{environmentId}", ORG + "/environments/{environmentId}"})
    @Operation(summary = "Get an environment (environments:read there)")
    Environment get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID environmentId) {
        return environments.get(caller, orgId, environmentId);
    }

    @PatchMapping({"/v1/environments/{environmentId}", ORG + "/environments/{environmentId}"})
    @Operation(summary = "Rename an environment (environments:manage there)")
    Environment rename(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID environmentId,
            @RequestBody EnvironmentRequest request) {
        return environments.rename(caller, orgId, environmentId, request);
    }

    @DeleteMapping({"/v1/environments/{environmentId}", ORG + "/environments/{environmentId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an environment no role is scoped to (environments:manage there)")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID environmentId) {
        environments.delete(caller, orgId, environmentId);
    }
}
