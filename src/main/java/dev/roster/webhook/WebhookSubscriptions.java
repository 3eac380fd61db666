package dev.roster.webhook;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.ChangeFeed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which endpoints of an organization are enabled, remembered per node so that a change in an organization without
 * webhooks (most of them) costs no query. Forgotten at once on the node that changed an endpoint (after its
 * commit) and within {@link ChangeFeed#BOUND} on the others; not used while the change notifications are out of
 * reach, nor inside a transaction that itself changed the organization's endpoints.
 */
@Component
class WebhookSubscriptions implements ChangeFeed.Subscriber {

    static final int MAX_ORGANIZATIONS = 100_000;

    private final JdbcWebhookRepository webhooks;
    private final ChangeFeed feed;
    private final ConcurrentHashMap<UUID, List<WebhookEndpoint>> enabled = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    WebhookSubscriptions(JdbcWebhookRepository webhooks, ChangeFeed feed) {
        this.webhooks = webhooks;
        this.feed = feed;
        feed.subscribe(this);
    }

    /** The organization's enabled endpoints subscribed to this event type (or to all, {@code *}). */
    List<WebhookEndpoint> subscribed(OrganizationId org, String type) {
        return enabledOf(org).stream()
                .filter(e -> e.events().contains(type) || e.events().contains("*"))
                .toList();
    }

    private List<WebhookEndpoint> enabledOf(OrganizationId org) {
        if (!feed.current() || changedHere().contains(org.value())) {
            return webhooks.enabledEndpoints(org);
        }
        List<WebhookEndpoint> known = enabled.get(org.value());
        if (known != null) {
            return known;
        }
        long seen = generation.get();
        List<WebhookEndpoint> read = List.copyOf(webhooks.enabledEndpoints(org));
        if (generation.get() == seen) {
            if (enabled.size() >= MAX_ORGANIZATIONS) {
                enabled.clear();
            }
            enabled.put(org.value(), read);
            if (generation.get() != seen) {
                enabled.remove(org.value());
            }
        }
        return read;
    }

    /**
     * This transaction changes the organization's endpoints: it reads them afresh from now on, and every node
     * forgets them once it ends (this one at once, the others through the trigger's notification).
     */
    void changing(OrganizationId org) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            forget(org.value());
            return;
        }
        Set<UUID> changed = changedHere();
        if (changed.isEmpty()) {
            Set<UUID> bound = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WebhookSubscriptions.this);
                    bound.forEach(WebhookSubscriptions.this::forget);
                }
            });
            changed = bound;
        }
        changed.add(org.value());
        forget(org.value());
    }

    @SuppressWarnings("unchecked")
    private Set<UUID> changedHere() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        return bound == null ? Set.of() : (Set<UUID>) bound;
    }

    @Override
    public void changed(String payload) {
        if (payload.startsWith("w:")) {
            try {
                forget(UUID.fromString(payload.substring(2)));
            } catch (IllegalArgumentException malformed) {
                forgetEverything();
            }
        }
    }

    private void forget(UUID organization) {
        generation.incrementAndGet();
        enabled.remove(organization);
    }

    @Override
    public void forgetEverything() {
        generation.incrementAndGet();
        enabled.clear();
    }
}
