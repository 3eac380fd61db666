package dev.roster.scim;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "SCIM tokens", description = "Tokens for Okta, Entra ID and other SCIM directories; SCIM settings")
class ScimTokenController {

    private final ScimTokenService tokens;
    private final ScimSettingsService settings;

    ScimTokenController(ScimTokenService tokens, ScimSettingsService settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @PostMapping({"/v1/scim-tokens", "/v1/organizations/{orgId}/scim-tokens"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a SCIM token (at most two live); the secret is shown only in this answer")
    CreatedScimToken create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody CreateScimTokenRequest request) {
        return tokens.create(caller, orgId, request.name(), request.expiresInDays());
    }

    @GetMapping({"/v1/scim-tokens", "/v1/organizations/{orgId}/scim-tokens"})
    @Operation(summary = "List the live SCIM tokens (never their secrets)")
    Map<String, List<ScimToken>> list(
            @AuthenticationPrincipal Caller caller, @PathVariable(required = false) OrganizationId orgId) {
        return Map.of("data", tokens.list(caller, orgId));
    }

    @DeleteMapping({"/v1/scim-tokens/{id}", "/v1/organizations/{orgId}/scim-tokens/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a SCIM token, effective on its next request")
    void revoke(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID id) {
        tokens.revoke(caller, orgId, id);
    }

    @GetMapping({"/v1/scim-settings", "/v1/organizations/{orgId}/scim-settings"})
    @Operation(summary = "Read the organization's SCIM settings")
    ScimSettings settings(
            @AuthenticationPrincipal Caller caller, @PathVariable(required = false) OrganizationId orgId) {
        return settings.get(caller, orgId);
    }

    @PatchMapping({"/v1/scim-settings", "/v1/organizations/{orgId}/scim-settings"})
    @Operation(summary = "Change the SCIM settings: scimSendsInvitations (false by default)")
    ScimSettings updateSettings(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody ScimSettingsRequest request) {
        return settings.update(caller, orgId, request.scimSendsInvitations());
    }

    record ScimSettingsRequest(Boolean scimSendsInvitations) {}
}
