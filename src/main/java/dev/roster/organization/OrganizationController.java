package dev.roster.organization;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.PatchReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/organizations")
@Tag(name = "Organizations", description = "Organizations, plans and seat limits (platform and partner keys)")
class OrganizationController {

    private final OrganizationService organizations;
    private final PatchReader patches;

    OrganizationController(OrganizationService organizations, PatchReader patches) {
        this.organizations = organizations;
        this.patches = patches;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organization")
    Organization create(@AuthenticationPrincipal Caller caller, @RequestBody CreateOrganizationRequest request) {
        return organizations.create(caller, request);
    }

    @GetMapping
    @Operation(summary = "List the organizations the key may see")
    Page<Organization> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return organizations.list(caller, cursor, limit);
    }

    @GetMapping("/{orgId}")
    @Operation(summary = "Get an organization")
    Organization get(@AuthenticationPrincipal Caller caller, @PathVariable OrganizationId orgId) {
        return organizations.get(caller, orgId);
    }

    @PatchMapping("/{orgId}")
    @Operation(
            summary = "Change name, plan, seat limit (null returns to the plan's) or rolesTakeEffect (platform and"
                    + " partner keys), or mfaRequired (also the organization's organization:manage)")
    Organization update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable OrganizationId orgId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = UpdateOrganizationRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return organizations.update(caller, orgId, patches.read(body, UpdateOrganizationRequest.class));
    }

    @DeleteMapping("/{orgId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an organization with its users and keys")
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable OrganizationId orgId) {
        organizations.delete(caller, orgId);
    }
}
