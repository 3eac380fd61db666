package dev.roster.webhook;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.RequestIdFilter;
import dev.roster.shared.net.OutboundTargets;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Webhook endpoints, their deliveries, and turning each change into deliveries. */
@Service
public class WebhookService {

    static final String DISABLE_HOOKS = "X-Disable-Hooks";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcWebhookRepository webhooks;
    private final WebhookSubscriptions subscriptions;
    private final OrganizationService organizations;
    private final WebhookProperties properties;
    private final JsonMapper json;

    WebhookService(
            JdbcWebhookRepository webhooks,
            WebhookSubscriptions subscriptions,
            OrganizationService organizations,
            WebhookProperties properties,
            JsonMapper json) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.organizations = organizations;
        this.properties = properties;
        this.json = json;
    }

    /** Adds an endpoint; its signing secret is in the answer and shown nowhere else. Admins only. */
    @Transactional
    public CreatedWebhookEndpoint create(Caller caller, OrganizationId pathId, WebhookEndpointRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.WEBHOOKS_MANAGE);
        List<String> events = subscribable(caller, request.events());
        String secret = newSecret();
        subscriptions.changing(org);
        WebhookEndpoint endpoint = webhooks.insertEndpoint(
                Ids.next(),
                org,
                OutboundTargets.check("url", request.url(), properties.allowPrivateTargets())
                        .toString(),
                events,
                request.enabled() == null || request.enabled(),
                secret,
                caller.actor());
        return new CreatedWebhookEndpoint(endpoint, secret);
    }

    @Transactional(readOnly = true)
    public Page<WebhookEndpoint> list(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.WEBHOOKS_MANAGE);
        int size = Cursor.limit(limit);
        return Page.of(
                webhooks.endpoints(org, Cursor.decode(cursor), size + 1), size, e -> new Cursor(e.createdAt(), e.id()));
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.WEBHOOKS_MANAGE);
        return webhooks.findEndpoint(org, id).orElseThrow(WebhookService::notFound);
    }

    @Transactional
    public WebhookEndpoint update(Caller caller, OrganizationId pathId, UUID id, Patch<WebhookEndpointRequest> patch) {
        WebhookEndpoint current = get(caller, pathId, id);
        patch.requireNonNull("url", "events", "enabled");
        WebhookEndpointRequest v = patch.values();
        List<String> events = patch.has("events") ? events(v.events()) : current.events();
        requireReads(caller, events);
        subscriptions.changing(current.organizationId());
        return webhooks.updateEndpoint(
                current.organizationId(),
                id,
                patch.has("url")
                        ? OutboundTargets.check("url", v.url(), properties.allowPrivateTargets())
                                .toString()
                        : current.url(),
                events,
                patch.has("enabled") ? v.enabled() : current.enabled(),
                caller.actor());
    }

    /** A new signing secret, shown once; the old one stops signing at once. */
    @Transactional
    public CreatedWebhookEndpoint rotateSecret(Caller caller, OrganizationId pathId, UUID id) {
        WebhookEndpoint current = get(caller, pathId, id);
        String secret = newSecret();
        webhooks.rotateSecret(current.organizationId(), id, secret, caller.actor());
        return new CreatedWebhookEndpoint(current, secret);
    }

    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UUID id) {
        WebhookEndpoint current = get(caller, pathId, id);
        subscriptions.changing(current.organizationId());
        webhooks.deleteEndpoint(current.organizationId(), id);
    }

    @Transactional(readOnly = true)
    public Page<WebhookDelivery> deliveries(
            Caller caller, OrganizationId pathId, UUID endpointId, String status, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.WEBHOOKS_MANAGE);
        if (status != null && !List.of("pending", "delivered", "failed").contains(status)) {
            throw ProblemException.invalid("status", "must be pending, delivered or failed");
        }
        int size = Cursor.limit(limit);
        return Page.of(
                webhooks.deliveries(org, endpointId, status, Cursor.decode(cursor), size + 1),
                size,
                d -> new Cursor(d.createdAt(), d.id()));
    }

    /** Sends a delivery again now, with a fresh round of tries. */
    @Transactional
    public WebhookDelivery redeliver(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.WEBHOOKS_MANAGE);
        webhooks.findDelivery(org, id).orElseThrow(() -> ProblemException.notFound("Webhook delivery"));
        webhooks.redeliver(org, id);
        return webhooks.findDelivery(org, id).orElseThrow();
    }

    /** The event types an endpoint may subscribe to (besides {@code *}, all of them), sorted. */
    public List<String> eventTypes() {
        return WebhookEvents.TYPES.stream().sorted().toList();
    }

    /**
     * Turns a change into a delivery for each enabled endpoint subscribed to it, in the change's own transaction,
     * unless the request said {@code X-Disable-Hooks: true} with a credential that may manage webhooks (from any
     * other caller the header is ignored: it must not hide changes from those who watch them).
     */
    @EventListener
    void on(ChangeMade change) {
        if (change.organizationId() == null || hooksDisabled()) {
            return;
        }
        List<WebhookEndpoint> endpoints = subscriptions.subscribed(change.organizationId(), change.action());
        if (endpoints.isEmpty()) {
            return;
        }
        UUID eventId = Ids.next();
        String payload = payload(eventId, change);
        for (WebhookEndpoint endpoint : endpoints) {
            webhooks.insertDelivery(
                    Ids.next(),
                    change.organizationId(),
                    endpoint.id(),
                    eventId,
                    change.action(),
                    change.targetType() + ":" + change.targetId(),
                    payload);
        }
    }

    private String payload(UUID eventId, ChangeMade change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", change.organizationId());
        data.put("objectType", change.targetType());
        data.put("objectId", change.targetId());
        data.put("actor", change.actor());
        data.put("requestId", RequestIdFilter.current());
        data.put("changes", change.changes());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("type", change.action());
        event.put("timestamp", Instant.now().toString());
        event.put("data", data);
        return json.writeValueAsString(event);
    }

    /** Whether the request said {@code X-Disable-Hooks: true} and its caller may manage webhooks. */
    private static boolean hooksDisabled() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            Caller caller = Caller.current();
            return "true".equalsIgnoreCase(request.getHeader(DISABLE_HOOKS))
                    && caller != null
                    && caller.grants().holds(Permission.WEBHOOKS_MANAGE);
        }
        return false;
    }

    /** The event types, checked, once the caller is known to hold what reads each of them. */
    private static List<String> subscribable(Caller caller, List<String> requested) {
        List<String> events = events(requested);
        requireReads(caller, events);
        return events;
    }

    /**
     * Fails with 403 naming the first permission the caller lacks to read what these event types carry: an endpoint
     * would otherwise read for it what the API would not.
     */
    private static void requireReads(Caller caller, List<String> events) {
        WebhookEvents.readPermissions(events).forEach(caller::require);
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ProblemException.invalid("events", "must name at least one event type, or \"*\"");
        }
        for (String event : events) {
            if (!"*".equals(event) && !WebhookEvents.TYPES.contains(event)) {
                throw ProblemException.invalid("events", "has an unknown event type: " + event);
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(events));
    }

    private static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Webhook endpoint");
    }
}
