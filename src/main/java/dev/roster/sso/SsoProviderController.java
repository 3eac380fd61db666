package dev.roster.sso;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping({"/v1/sso-providers", "/v1/organizations/{orgId}/sso-providers"})
@Tag(name = "SSO providers", description = "An organization's identity providers, needed for SSO-only users")
class SsoProviderController {

    private final SsoProviderService providers;
    private final PatchReader patches;

    SsoProviderController(SsoProviderService providers, PatchReader patches) {
        this.providers = providers;
        this.patches = patches;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Add an OpenID Connect provider (organization:manage); the clientSecret is stored encrypted and never shown; 400 saml_not_supported")
    SsoProvider create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody SsoProviderRequest request) {
        return providers.create(caller, orgId, request);
    }

    @GetMapping
    @Operation(summary = "List SSO providers")
    Page<SsoProvider> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return providers.list(caller, orgId, cursor, limit);
    }

    @GetMapping("/{providerId}")
    @Operation(summary = "Get an SSO provider")
    SsoProvider get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID providerId) {
        return providers.get(caller, orgId, providerId);
    }

    @PatchMapping("/{providerId}")
    @Operation(summary = "Change an SSO provider (organization:manage); a clientSecret given replaces the stored one")
    SsoProvider update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID providerId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = SsoProviderRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return providers.update(caller, orgId, providerId, patches.read(body, SsoProviderRequest.class));
    }

    @DeleteMapping("/{providerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an SSO provider (admin)")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID providerId) {
        providers.delete(caller, orgId, providerId);
    }
}
