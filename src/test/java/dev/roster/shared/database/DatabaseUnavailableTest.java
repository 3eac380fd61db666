package dev.roster.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

    @Test
    void aRollbackThatFailedBecauseTheConnectionDiedStillTellsOfTheLostConnection() {
        // As when the primary is killed mid-transaction: the statement fails with the server's 57P01 or 08006, the
        // rollback then fails on the closed connection, and Spring throws the rollback's failure.
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new UncategorizedSQLException(
                "insert", "INSERT ...", new SQLException("terminating connection", "57P01")));

        assertThat(DatabaseUnavailable.causes(rollback)).isTrue();
    }

    @Test
    void aRollbackThatFailedForAnotherReasonIsNotAnOutage() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("a bug"));

        assertThat(DatabaseUnavailable.causes(rollback)).isFalse();
    }
}
