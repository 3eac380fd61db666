package dev.roster.shared.operations;

import dev.roster.shared.database.DatabaseUnavailable;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Records the outcome of a send that has already happened. A message handed to the SMTP server, or a delivery the
 * receiver answered, must not be sent again because writing that down failed: while the database is unreachable (a
 * restart, a failover to a standby) the write is retried for a while, instead of being taken for a failed send and
 * scheduled for another try. When the database stays away longer, or the node is stopping, the row keeps its claim,
 * which runs out; the send then happens again (at least once).
 */
public final class SendRecord {

    /** How long a dispatcher waits for the database to record a send, well within its claim. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Duration PAUSE = Duration.ofMillis(500);

    private SendRecord() {}

    /**
     * Runs {@code write} until it succeeds; true if it did. A failure other than an unreachable database is thrown
     * at once.
     */
    public static boolean write(Runnable write, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                write.run();
                return true;
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.causes(e)) {
                    throw e;
                }
                if (stopping.getAsBoolean() || System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
