package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.webhook.CreatedWebhookEndpoint;
import dev.roster.webhook.WebhookEndpoint;
import dev.roster.webhook.WebhookEndpointRequest;
import dev.roster.webhook.WebhookService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's webhook endpoints (webhooks:manage): the list, a new endpoint (its URL and the events it
 * receives) whose signing secret the answer shows once, turning one on or off, a new secret (shown once, the old
 * one stops signing at once), and deleting one. {@link ConsoleDeliveriesController} shows an endpoint's deliveries.
 */
@Controller
@Hidden
class ConsoleWebhooksController {

    static final String LIST = "/console/webhooks";

    static final Map<String, String> DONE = Map.of(
            "enabled", "The endpoint is on: new events are delivered to it.",
            "disabled", "The endpoint is off: no new delivery goes to it.",
            "deleted", "The endpoint and its deliveries were deleted.",
            "redelivered", "The delivery is queued to be sent again now.");

    private final WebhookService webhooks;

    ConsoleWebhooksController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping(LIST)
    String list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        String position = Forms.blankToNull(cursor);
        Page<WebhookEndpoint> page = webhooks.list(caller, null, position, ConsoleMembersController.PAGE_SIZE);
        model.addAttribute("endpoints", page.data());
        Forms.pages(model, LIST, Map.of(), position, page.nextCursor());
        model.addAttribute("done", Forms.done(DONE, done));
        return "console/webhooks";
    }

    @GetMapping(LIST + "/new")
    String newEndpoint(Caller caller, Model model) {
        caller.require(Permission.WEBHOOKS_MANAGE);
        return form(null, List.of(), model);
    }

    @PostMapping(LIST)
    String create(
            Caller caller,
            @RequestParam(required = false) String url,
            @RequestParam(required = false) List<String> events,
            HttpServletResponse response,
            Model model) {
        List<String> chosen = events == null ? List.of() : events;
        return Forms.submit(
                response,
                model,
                () -> shown(
                        "Webhook endpoint added",
                        webhooks.create(caller, null, new WebhookEndpointRequest(url, chosen, true)),
                        response,
                        model),
                () -> form(url, chosen, model));
    }

    @PostMapping(LIST + "/{endpointId}/enabled")
    String enable(
            Caller caller, @PathVariable UUID endpointId, @RequestParam boolean enabled, HttpServletResponse response) {
        webhooks.update(
                caller,
                null,
                endpointId,
                new Patch<>(new WebhookEndpointRequest(null, null, enabled), Set.of("enabled")));
        return ConsoleAdvice.redirect(
                response, LIST + "/" + endpointId + "?done=" + (enabled ? "enabled" : "disabled"));
    }

    /** A new signing secret, shown once in this answer. */
    @PostMapping(LIST + "/{endpointId}/rotate")
    String rotate(Caller caller, @PathVariable UUID endpointId, HttpServletResponse response, Model model) {
        return shown("New signing secret", webhooks.rotateSecret(caller, null, endpointId), response, model);
    }

    @GetMapping(LIST + "/{endpointId}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID endpointId, Model model) {
        model.addAttribute("confirmation", deleting(webhooks.get(caller, null, endpointId)));
        return "console/confirm";
    }

    @PostMapping(LIST + "/{endpointId}/delete")
    String delete(Caller caller, @PathVariable UUID endpointId, HttpServletResponse response) {
        webhooks.delete(caller, null, endpointId);
        return ConsoleAdvice.redirect(response, LIST + "?done=deleted");
    }

    static Confirmation deleting(WebhookEndpoint endpoint) {
        return new Confirmation(
                "Delete the endpoint " + endpoint.url() + "?",
                "No event is sent to it any more, and its deliveries are deleted with it.",
                LIST + "/" + endpoint.id() + "/delete",
                "Delete",
                LIST + "/" + endpoint.id());
    }

    private String form(String url, List<String> events, Model model) {
        model.addAttribute("url", url);
        model.addAttribute("all", events.contains("*"));
        model.addAttribute("areas", EventArea.of(webhooks.eventTypes(), events));
        return "console/webhook-new";
    }

    private static String shown(
            String title, CreatedWebhookEndpoint created, HttpServletResponse response, Model model) {
        WebhookEndpoint endpoint = created.endpoint();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("URL", endpoint.url());
        facts.put("Events", String.join(", ", endpoint.events()));
        facts.put("Signature", "Standard Webhooks: verify webhook-signature with this secret");
        Forms.showOnce(response, model, created.secret());
        model.addAttribute(
                "shown",
                new ShownOnce(
                        title,
                        "The endpoint's signing secret",
                        facts,
                        LIST + "/" + endpoint.id(),
                        "Go to the endpoint and its deliveries"));
        return "console/secret";
    }
}
