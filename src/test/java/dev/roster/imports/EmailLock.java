package dev.roster.imports;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Holds, from a connection of the test's own, the lock a create takes on an email: the import row with that email
 * stops in the middle of its transaction (its row locked, its user not committed) until the test lets go. A test
 * then changes the world under a running import at a point it chooses.
 */
public final class EmailLock implements AutoCloseable {

    private final DataSource database;
    private final Connection connection;
    private final int pid;

    public EmailLock(DataSource database, String email) throws SQLException {
        this.database = database;
        this.connection = database.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            lock.setString(1, email);
            lock.execute();
        }
        try (PreparedStatement backend = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = backend.executeQuery()) {
            rs.next();
            this.pid = rs.getInt(1);
        }
    }

    /**
     * Waits until this many transactions wait behind this lock: the import's row on it, and whatever waits on those
     * (a cancel waiting for the row). Transactions of other tests or workers waiting on locks of their own do not
     * count.
     */
    public void awaitWaiting(int transactions) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> waiting() >= transactions);
    }

    private int waiting() throws SQLException {
        try (Connection other = database.getConnection();
                PreparedStatement query = other.prepareStatement("""
                        WITH RECURSIVE behind(pid) AS (
                            SELECT a.pid FROM pg_stat_activity a WHERE ? = ANY (pg_blocking_pids(a.pid))
                            UNION
                            SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY (pg_blocking_pids(a.pid)))
                        SELECT count(*) FROM behind""")) {
            query.setInt(1, pid);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Lets the waiting row go on. */
    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
    }
}
