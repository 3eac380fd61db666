package dev.roster.mail;

import dev.roster.shared.RosterProperties;
import dev.roster.shared.operations.ClaimingWorker;
import dev.roster.shared.operations.Claims;
import dev.roster.shared.operations.QueueGauges;
import dev.roster.shared.operations.SendRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends what the outbox holds. Runs when a transaction that queued mail commits, and every poll interval for
 * retries and for messages another node queued. Any number of nodes may run it: each claims its own rows. On
 * shutdown it stops claiming, gives back the messages it claimed but has not started, so that another node sends
 * them at once, and waits a few seconds for the one it is sending.
 */
@Component
class OutboxDispatcher extends ClaimingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    private final JdbcOutboxRepository outbox;
    private final MailTransport transport;
    private final MailProperties properties;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    OutboxDispatcher(
            JdbcOutboxRepository outbox,
            MailProperties properties,
            SmtpProperties smtp,
            RosterProperties roster,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
        super(new Claims("messages", outbox::release), daemons("roster-outbox", 1), "Messages were still being sent");
        this.outbox = outbox;
        this.properties = properties;
        this.events = events;
        this.meters = meters;
        QueueGauges.register(meters, "mail", outbox::queue);
        this.transport = smtp.configured()
                ? new SmtpTransport(smtp, properties.from())
                : new FileTransport(roster.dataDir().resolve("mail"), properties.from());
    }

    @TransactionalEventListener
    void afterCommit(MailQueued queued) {
        wake();
    }

    @Scheduled(fixedDelayString = "${roster.mail.poll-interval:PT1S}")
    void poll() {
        wake();
    }

    /** Asks the worker for one more pass; passes never overlap on a node. */
    void wake() {
        schedule(this::dispatchDue);
    }

    private void dispatchDue() {
        try {
            List<OutboxMessage> claimed;
            do {
                claimed = outbox.claim(BATCH, LEASE);
                claims.claimed(claimed.stream().map(OutboxMessage::id).toList());
                for (OutboxMessage message : claimed) {
                    if (!stopping() && claims.start(message.id())) {
                        deliver(message);
                    }
                }
            } while (claimed.size() == BATCH && !stopping());
            if (stopping()) {
                claims.giveBack();
            }
        } catch (RuntimeException e) {
            log.warn("Outbox pass failed; the next pass retries", e);
        }
    }

    private void deliver(OutboxMessage message) {
        try {
            transport.send(message);
        } catch (Exception e) {
            failed(message, e);
            return;
        }
        // Sent: a failure to write that down must not send it again (see SendRecord).
        if (!SendRecord.write(() -> outbox.markSent(message.id()), this::stopping)) {
            throw new IllegalStateException("Mail " + message.id()
                    + " was sent but the database did not record it; it is sent again when its" + " claim runs out");
        }
        count("sent");
        events.publishEvent(new MailDelivered(message.id(), true));
    }

    private void failed(OutboxMessage message, Exception e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (message.attempts() >= properties.maxAttempts()) {
            outbox.markDead(message.id(), error);
            count("dead");
            meters.counter("roster.dead_letters", "kind", "mail").increment();
            events.publishEvent(new MailDelivered(message.id(), false));
            log.warn(
                    "Gave up on mail {} for {} after {} tries: {}",
                    message.id(),
                    message.recipient(),
                    message.attempts(),
                    error);
        } else {
            outbox.retryLater(message.id(), backoff(message.attempts()), error);
            count("retry");
            log.info("Mail {} not sent (try {}), will retry: {}", message.id(), message.attempts(), error);
        }
    }

    private Duration backoff(int attempts) {
        Duration delay = properties.retryBase().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private void count(String outcome) {
        meters.counter("roster.mail.deliveries", "outcome", outcome).increment();
    }
}
