package dev.roster.shared.operations;

import dev.roster.shared.ChangeMade;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts invitations sent (and resent), accepted and expired, from the changes every feature announces, once their
 * transaction has committed: {@code roster_invitations_total{event="sent"}}.
 */
@Component
class InvitationMetrics {

    private final Map<String, Counter> counters;

    InvitationMetrics(MeterRegistry registry) {
        this.counters = Map.of(
                "invitation.sent", counter(registry, "sent"),
                "invitation.resent", counter(registry, "resent"),
                "invitation.accepted", counter(registry, "accepted"),
                "invitation.expired", counter(registry, "expired"));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void count(ChangeMade change) {
        Counter counter = counters.get(change.action());
        if (counter != null) {
            counter.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String event) {
        return Counter.builder("roster.invitations")
                .description("Invitations by what happened to them")
                .tag("event", event)
                .register(registry);
    }
}
