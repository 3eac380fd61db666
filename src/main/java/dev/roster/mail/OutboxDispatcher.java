package dev.roster.mail;

import dev.roster.shared.RosterProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends what the outbox holds. Runs when a transaction that queued mail commits, and every poll interval for
 * retries and for messages another node queued. Any number of nodes may run it: each claims its own rows.
 */
@Component
class OutboxDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    private final JdbcOutboxRepository outbox;
    private final MailTransport transport;
    private final MailProperties properties;
    private final ApplicationEventPublisher events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "roster-outbox");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();

    OutboxDispatcher(
            JdbcOutboxRepository outbox,
            MailProperties properties,
            SmtpProperties smtp,
            RosterProperties roster,
            ApplicationEventPublisher events) {
        this.outbox = outbox;
        this.properties = properties;
        this.events = events;
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
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                scheduled.set(false);
                dispatchDue();
            });
        }
    }

    private void dispatchDue() {
        try {
            List<OutboxMessage> claimed;
            do {
                claimed = outbox.claim(BATCH, LEASE);
                claimed.forEach(this::deliver);
            } while (claimed.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("Outbox pass failed; the next pass retries", e);
        }
    }

    private void deliver(OutboxMessage message) {
        try {
            transport.send(message);
            outbox.markSent(message.id());
            events.publishEvent(new MailDelivered(message.id(), true));
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (message.attempts() >= properties.maxAttempts()) {
                outbox.markDead(message.id(), error);
                events.publishEvent(new MailDelivered(message.id(), false));
                log.warn(
                        "Gave up on mail {} for {} after {} tries: {}",
                        message.id(),
                        message.recipient(),
                        message.attempts(),
                        error);
            } else {
                outbox.retryLater(message.id(), backoff(message.attempts()), error);
                log.info("Mail {} not sent (try {}), will retry: {}", message.id(), message.attempts(), error);
            }
        }
    }

    private Duration backoff(int attempts) {
        Duration delay = properties.retryBase().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
