package dev.roster.mail;

import dev.roster.shared.Ids;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Queues mail in the caller's transaction: a rolled-back change sends nothing, a committed one is never lost. */
@Service
public class OutboxService {

    private final JdbcOutboxRepository outbox;
    private final ApplicationEventPublisher events;

    OutboxService(JdbcOutboxRepository outbox, ApplicationEventPublisher events) {
        this.outbox = outbox;
        this.events = events;
    }

    /** Queues a message as part of the current transaction; returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(Mail mail) {
        UUID id = Ids.next();
        outbox.insert(id, mail);
        events.publishEvent(new MailQueued(id));
        return id;
    }

    /**
     * Whether an organization queued at least {@code limit} messages of a kind within the window; a limit of 0 or
     * less means no limit.
     */
    @Transactional(readOnly = true)
    public boolean organizationReached(
            dev.roster.shared.OrganizationId organization, String kind, Duration window, int limit) {
        return limit > 0 && outbox.countRecentForOrganization(organization.value(), kind, window, limit) >= limit;
    }

    /**
     * Whether the organization sent a recipient at least {@code limit} messages of a kind within the window. Counted
     * per organization, so that one tenant's sends never stop another from reaching the address.
     */
    @Transactional(readOnly = true)
    public boolean recipientReached(
            dev.roster.shared.OrganizationId organization, String kind, String recipient, Duration window, int limit) {
        return limit > 0 && outbox.countRecent(organization.value(), kind, recipient, window, limit) >= limit;
    }
}
