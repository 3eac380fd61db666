package dev.roster.shared.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth of a queue in the database and the age of its oldest waiting entry, as two gauges tagged with the
 * queue's kind ({@code roster_outbox_depth{kind="mail"}}, {@code roster_outbox_oldest_age_seconds}). Both read one
 * shared snapshot, taken at most once per refresh interval, so a scrape costs one query per queue; while the
 * database is out of reach they read NaN.
 */
public final class QueueGauges {

    /** What a queue holds now: entries waiting, and how long the oldest has waited (0 when empty). */
    public record Snapshot(double depth, double oldestAgeSeconds) {}

    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final Supplier<Snapshot> query;
    private final Clock clock;
    private Snapshot last;
    private Instant takenAt = Instant.MIN;

    private QueueGauges(Supplier<Snapshot> query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    /** Registers the two gauges of the queue {@code kind} (a fixed name such as mail or webhook). */
    public static void register(MeterRegistry registry, String kind, Supplier<Snapshot> query) {
        QueueGauges gauges = new QueueGauges(query, Clock.systemUTC());
        // Nothing else holds the snapshot cache: the gauges must hold it strongly, or it is collected and they read
        // NaN.
        Gauge.builder("roster.outbox.depth", gauges, g -> g.snapshot().depth())
                .strongReference(true)
                .description("Entries waiting to be sent")
                .tag("kind", kind)
                .register(registry);
        Gauge.builder("roster.outbox.oldest.age", gauges, g -> g.snapshot().oldestAgeSeconds())
                .strongReference(true)
                .description("Seconds the oldest waiting entry has waited")
                .baseUnit("seconds")
                .tag("kind", kind)
                .register(registry);
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last == null || takenAt.plus(REFRESH).isBefore(now)) {
            try {
                last = query.get();
                takenAt = now;
            } catch (RuntimeException e) {
                log.debug("Queue gauge not read", e);
                last = null;
                return new Snapshot(Double.NaN, Double.NaN);
            }
        }
        return last;
    }
}
