package dev.roster.sso;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.PatchReader;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping({"/v1/domains", "/v1/organizations/{orgId}/domains"})
@Tag(name = "Domains", description = "Email domains an organization proves it controls, for SSO")
class DomainController {

    private final DomainService domains;
    private final PatchReader patches;

    DomainController(DomainService domains, PatchReader patches) {
        this.domains = domains;
        this.patches = patches;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Claim a domain (organization:manage): the answer names the TXT record that verifies it;"
                    + " 409 domain_exists")
    Domain create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody DomainRequest request) {
        return domains.create(caller, orgId, request);
    }

    @GetMapping
    @Operation(summary = "The organization's domains (organization:read)")
    Page<Domain> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return domains.list(caller, orgId, cursor, limit);
    }

    @GetMapping("/{domainId}")
    @Operation(summary = "A domain (organization:read)")
    Domain get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID domainId) {
        return domains.get(caller, orgId, domainId);
    }

    @PatchMapping("/{domainId}")
    @Operation(summary = "Change ssoRequired (organization:manage)")
    Domain update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID domainId,
            @RequestBody JsonNode body) {
        return domains.update(caller, orgId, domainId, patches.read(body, DomainRequest.class));
    }

    @PostMapping("/{domainId}/verify")
    @Operation(
            summary = "Verify a domain by its TXT record (organization:manage), or directly with skipDnsCheck"
                    + " (platform and partner keys); 422 domain_not_verified, 409 domain_taken")
    Domain verify(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID domainId,
            @RequestBody(required = false) VerifyDomainRequest request) {
        return domains.verify(caller, orgId, domainId, request);
    }

    @DeleteMapping("/{domainId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Give a domain up (organization:manage)")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID domainId) {
        domains.delete(caller, orgId, domainId);
    }
}
