package dev.roster.shared.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells a failure to reach PostgreSQL from any other failure, wherever it surfaced and however it was wrapped. */
public final class DatabaseUnavailable {

    /** What the answer says while the database is out of reach. */
    public static final String DETAIL = "The database is unavailable; retry shortly.";

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {}

    /**
     * True when the failure, or one of its causes, is a connection that could not be had or was lost: the pool's
     * timeout, a refused or broken connection (SQLSTATE class 08), or an administrator's shutdown (57P).
     */
    public static boolean causes(Throwable failure) {
        return causes(failure, 0);
    }

    /**
     * Also follows what a failed rollback hides: when the connection died mid-transaction, the rollback fails too,
     * and Spring throws a TransactionSystemException whose cause is the closed connection and whose application
     * exception is the lost connection's own error.
     */
    private static boolean causes(Throwable failure, int depth) {
        if (depth > 3) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && causes(rollback.getApplicationException(), depth + 1)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (causes(suppressed, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
