package dev.roster.auth;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "API keys",
        description = "Organization keys, partner keys that manage many organizations, and platform keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping("/v1/organizations/{orgId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organization API key; the secret is shown only in this answer")
    CreatedApiKey createOrganizationKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable OrganizationId orgId,
            @RequestBody CreateApiKeyRequest request) {
        return keys.createOrganizationKey(caller, orgId, request);
    }

    @GetMapping("/v1/organizations/{orgId}/api-keys")
    @Operation(summary = "List an organization's API keys (never their secrets)")
    Page<ApiKey> listOrganizationKeys(
            @AuthenticationPrincipal Caller caller,
            @PathVariable OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return keys.listOrganizationKeys(caller, orgId, cursor, limit);
    }

    @DeleteMapping("/v1/organizations/{orgId}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an organization API key, effective on its next request")
    void revokeOrganizationKey(
            @AuthenticationPrincipal Caller caller, @PathVariable OrganizationId orgId, @PathVariable UUID keyId) {
        keys.revokeOrganizationKey(caller, orgId, keyId);
    }

    @PostMapping("/v1/partner-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a partner key (platform key only); the secret is shown only in this answer")
    CreatedApiKey createPartnerKey(
            @AuthenticationPrincipal Caller caller, @RequestBody CreatePartnerKeyRequest request) {
        return keys.createPartnerKey(caller, request);
    }

    @GetMapping("/v1/partner-keys")
    @Operation(summary = "List partner keys (platform key only)")
    Page<ApiKey> listPartnerKeys(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return keys.listPartnerKeys(caller, cursor, limit);
    }

    @DeleteMapping("/v1/partner-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a partner key; the organizations it created stay")
    void revokePartnerKey(@AuthenticationPrincipal Caller caller, @PathVariable UUID keyId) {
        keys.revokePartnerKey(caller, keyId);
    }

    @PostMapping("/v1/platform-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a named platform key (platform key only); the secret is shown only in this answer",
            description = "A named key survives a restart with another ROSTER_BOOTSTRAP_KEY: create one, move the"
                    + " operator's tools to it, then revoke the old key, without a restart.")
    CreatedApiKey createPlatformKey(
            @AuthenticationPrincipal Caller caller, @RequestBody CreatePlatformKeyRequest request) {
        return keys.createPlatformKey(caller, request);
    }

    @GetMapping("/v1/platform-keys")
    @Operation(summary = "List platform keys, bootstrap-made and named (platform key only; never their secrets)")
    Page<ApiKey> listPlatformKeys(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return keys.listPlatformKeys(caller, cursor, limit);
    }

    @DeleteMapping("/v1/platform-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Revoke a platform key, effective on its next request (platform key only)",
            description = "409 last_platform_key when it is the last live platform key.")
    void revokePlatformKey(@AuthenticationPrincipal Caller caller, @PathVariable UUID keyId) {
        keys.revokePlatformKey(caller, keyId);
    }
}
