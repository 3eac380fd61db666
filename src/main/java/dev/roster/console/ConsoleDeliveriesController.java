package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.ProblemException;
import dev.roster.webhook.WebhookDelivery;
import dev.roster.webhook.WebhookEndpoint;
import dev.roster.webhook.WebhookService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One webhook endpoint's page (webhooks:manage): what it receives, its buttons, and its deliveries (status, tries,
 * the receiver's last answer or why it could not be reached) with a Redeliver button, which htmx answers in place.
 */
@Controller
@Hidden
class ConsoleDeliveriesController {

    private static final String LIST = ConsoleWebhooksController.LIST;
    private static final List<String> STATES = List.of("pending", "delivered", "failed");

    private final WebhookService webhooks;

    ConsoleDeliveriesController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping(LIST + "/{endpointId}")
    String show(
            Caller caller,
            @PathVariable UUID endpointId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        WebhookEndpoint endpoint = webhooks.get(caller, null, endpointId);
        String state = Forms.blankToNull(status);
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalid("status", "must be pending, delivered or failed");
        }
        String position = Forms.blankToNull(cursor);
        Page<WebhookDelivery> page =
                webhooks.deliveries(caller, null, endpointId, state, position, ConsoleMembersController.PAGE_SIZE);
        String here = LIST + "/" + endpointId;
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", page.data());
        model.addAttribute("status", state);
        model.addAttribute("states", STATES);
        Map<String, String> filters = new HashMap<>();
        filters.put("status", state);
        Forms.pages(model, here, filters, position, page.nextCursor());
        model.addAttribute("deleting", ConsoleWebhooksController.deleting(endpoint));
        model.addAttribute("done", Forms.done(ConsoleWebhooksController.DONE, done));
        return "console/webhook";
    }

    /**
     * Sends a delivery of the organization again now with a fresh round of tries. htmx gets the delivery's row back
     * to swap in place; a browser without JavaScript goes back to the delivery's endpoint's page.
     */
    @PostMapping(LIST + "/{endpointId}/deliveries/{deliveryId}/redeliver")
    String redeliver(
            Caller caller,
            @PathVariable UUID deliveryId,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        WebhookDelivery delivery = webhooks.redeliver(caller, null, deliveryId);
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader(HttpHeaders.VARY, "HX-Request");
            model.addAttribute("endpoint", webhooks.get(caller, null, delivery.endpointId()));
            model.addAttribute("d", delivery);
            model.addAttribute("requeued", true);
            return "fragments/webhook :: delivery";
        }
        return ConsoleAdvice.redirect(response, LIST + "/" + delivery.endpointId() + "?done=redelivered");
    }
}
