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

    /** How many messages of a kind an organization sent within the window, to limit what one tenant sends. */
    @Transactional(readOnly = true)
    public int recentlyQueuedBy(dev.roster.shared.OrganizationId organization, String kind, Duration window) {
        return outbox.countRecentForOrganization(organization.value(), kind, window);
    }

    /** How many messages of a kind a recipient was sent within the window, to limit what one address receives. */
    @Transactional(readOnly = true)
    public int recentlyQueued(String kind, String recipient, Duration window) {
        return outbox.countRecent(kind, recipient, window);
    }
}
