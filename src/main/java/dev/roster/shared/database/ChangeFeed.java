package dev.roster.shared.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The changes other transactions announce on the channel {@code roster_changes} (by the triggers of V50), read on
 * a connection of its own that LISTENs and is probed every {@value #HEARTBEAT_MILLIS} ms. A probe's answer comes
 * after every notification committed before it was sent, so while probes succeed a subscriber has seen every
 * change committed up to {@link #BOUND} ago. While they fail, {@link #current()} is false, so that a cache stops
 * answering; on reconnecting, subscribers are told to forget everything, since notifications may have been missed.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    /** How stale a subscriber's knowledge may be while {@link #current()} is true. */
    public static final Duration BOUND = Duration.ofSeconds(1);

    static final String CHANNEL = "roster_changes";
    private static final long HEARTBEAT_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    /** What a subscriber is told: one announced change ({@code kind:id}), or that it must forget everything. */
    public interface Subscriber {
        void changed(String payload);

        void forgetEverything();
    }

    private final DatabaseServer database;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** When the last answered probe was sent (System.nanoTime), or a time already out of bound. */
    private volatile long confirmedAt = outOfBound();

    private volatile boolean running;
    private Thread thread;

    public ChangeFeed(DatabaseServer database) {
        this.database = database;
    }

    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    /** Whether every change committed more than {@link #BOUND} ago has reached the subscribers. */
    public boolean current() {
        return System.nanoTime() - confirmedAt < BOUND.toNanos();
    }

    /**
     * Waits until every change committed before this call has reached the subscribers (the next probe that starts
     * after it has answered), for callers that changed the database behind Roster's back and want it seen now.
     */
    public boolean awaitCurrent(Duration timeout) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + timeout.toNanos();
        while (confirmedAt - asked < 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "roster-change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean reported = false;
        while (running) {
            try (Connection connection = connect()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    forgetEverything();
                    if (reported) {
                        log.info("Change notifications are back; caches were emptied and are in use again");
                        reported = false;
                    }
                    while (running) {
                        long probe = System.nanoTime();
                        statement.execute("SELECT 1");
                        deliver(pg.getNotifications());
                        confirmedAt = probe;
                        deliver(pg.getNotifications((int) HEARTBEAT_MILLIS));
                    }
                }
            } catch (SQLException e) {
                confirmedAt = outOfBound();
                forgetEverything();
                if (!reported && running) {
                    log.warn(
                            "Change notifications are out of reach ({}); caches are bypassed until they return",
                            e.getMessage());
                    reported = true;
                }
                pause();
            }
        }
    }

    /** A probe time far enough back that {@link #current()} is false, without overflowing a difference. */
    private static long outOfBound() {
        return System.nanoTime() - 2 * BOUND.toNanos();
    }

    private void deliver(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            for (Subscriber subscriber : subscribers) {
                subscriber.changed(notification.getParameter());
            }
        }
    }

    private void forgetEverything() {
        subscribers.forEach(Subscriber::forgetEverything);
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "roster-change-feed");
        properties.setProperty("socketTimeout", "2");
        properties.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
