package dev.roster.webhook;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Webhooks", description = "Signed event deliveries to your endpoints, with retries and redelivery")
class WebhookController {

    private final WebhookService webhooks;
    private final PatchReader patches;

    WebhookController(WebhookService webhooks, PatchReader patches) {
        this.webhooks = webhooks;
        this.patches = patches;
    }

    @PostMapping({"/v1/webhook-endpoints", "/v1/organizations/{orgId}/webhook-endpoints"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an endpoint (admin); its signing secret is shown only in this answer")
    CreatedWebhookEndpoint create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody WebhookEndpointRequest request) {
        return webhooks.create(caller, orgId, request);
    }

    @GetMapping({"/v1/webhook-endpoints", "/v1/organizations/{orgId}/webhook-endpoints"})
    @Operation(summary = "List endpoints (admin)")
    Page<WebhookEndpoint> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return webhooks.list(caller, orgId, cursor, limit);
    }

    @GetMapping({"/v1/webhook-endpoints/{endpointId}", "/v1/organizations/{orgId}/webhook-endpoints/{endpointId}"})
    @Operation(summary = "Get an endpoint (admin)")
    WebhookEndpoint get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID endpointId) {
        return webhooks.get(caller, orgId, endpointId);
    }

    @PatchMapping({"/v1/webhook-endpoints/{endpointId}", "/v1/organizations/{orgId}/webhook-endpoints/{endpointId}"})
    @Operation(summary = "Change an endpoint's url, events or enabled (admin)")
    WebhookEndpoint update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID endpointId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = WebhookEndpointRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return webhooks.update(caller, orgId, endpointId, patches.read(body, WebhookEndpointRequest.class));
    }

    @PostMapping({
        "/v1/webhook-endpoints/{endpointId}/rotate-secret",
        "/v1/organizations/{orgId}/webhook-endpoints/{endpointId}/rotate-secret"
    })
    @Operation(summary = "Replace the signing secret (admin); the new one is shown only in this answer")
    CreatedWebhookEndpoint rotate(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID endpointId) {
        return webhooks.rotateSecret(caller, orgId, endpointId);
    }

    @DeleteMapping({"/v1/webhook-endpoints/{endpointId}", "/v1/organizations/{orgId}/webhook-endpoints/{endpointId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an endpoint and its deliveries (admin)")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID endpointId) {
        webhooks.delete(caller, orgId, endpointId);
    }

    @GetMapping({"/v1/webhook-deliveries", "/v1/organizations/{orgId}/webhook-deliveries"})
    @Operation(summary = "List deliveries with their attempts and last status (admin)")
    Page<WebhookDelivery> deliveries(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) UUID endpointId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return webhooks.deliveries(caller, orgId, endpointId, status, cursor, limit);
    }

    @PostMapping({
        "/v1/webhook-deliveries/{deliveryId}/redeliver",
        "/v1/organizations/{orgId}/webhook-deliveries/{deliveryId}/redeliver"
    })
    @Operation(summary = "Send a delivery again now (admin)")
    WebhookDelivery redeliver(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID deliveryId) {
        return webhooks.redeliver(caller, orgId, deliveryId);
    }
}
