package dev.roster.shared.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The start-up step after Flyway's migrations: every value of a {@link SealedColumn} that is not yet sealed
 * (plaintext from before encryption at rest, or restored from an old backup) is sealed in place. Runs on every start
 * and touches only unsealed rows; nodes starting together take turns under an advisory lock.
 */
@Component
class PlaintextSealing implements Callback {

    private static final Logger log = LoggerFactory.getLogger(PlaintextSealing.class);

    private final SecretBox box;
    private final List<SealedColumn> columns;

    PlaintextSealing(SecretBox box, List<SealedColumn> columns) {
        this.box = box;
        this.columns = columns;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            sealAll(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seal the plaintext secrets left in the database", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "roster-seal-plaintext-secrets";
    }

    /** Seals what is unsealed in every declared column, in one transaction; returns how many values it sealed. */
    int sealAll(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('roster.sealing'))")) {
                lock.execute();
            }
            int sealed = 0;
            for (SealedColumn column : columns) {
                sealed += seal(connection, column);
            }
            connection.commit();
            if (sealed > 0) {
                log.info("Sealed {} plaintext secrets under the master key", sealed);
            }
            return sealed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private int seal(Connection connection, SealedColumn column) throws SQLException {
        String name = column.table() + "." + column.column();
        boolean bytea = "bytea".equals(type(connection, column));
        String unsealed = bytea
                ? "substring(" + column.column() + " from 1 for 5) <> convert_to('" + SecretBox.PREFIX + "', 'UTF8')"
                : "left(" + column.column() + ", 5) <> '" + SecretBox.PREFIX + "'";
        String select = "SELECT ctid::text AS row_id, " + column.column() + " AS value FROM " + column.table()
                + " WHERE " + column.column() + " IS NOT NULL AND " + unsealed + " FOR UPDATE";
        String update = "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE ctid = CAST(? AS tid)";
        int count = 0;
        try (PreparedStatement rows = connection.prepareStatement(select);
                PreparedStatement write = connection.prepareStatement(update);
                ResultSet rs = rows.executeQuery()) {
            while (rs.next()) {
                if (bytea) {
                    write.setBytes(1, box.seal(rs.getBytes("value")));
                } else {
                    write.setString(1, box.seal(rs.getString("value")));
                }
                write.setString(2, rs.getString("row_id"));
                write.addBatch();
                count++;
            }
            if (count > 0) {
                write.executeBatch();
                log.info("Sealed {} values of {}", count, name);
            }
        }
        return count;
    }

    private static String type(Connection connection, SealedColumn column) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?
                """)) {
            query.setString(1, column.table());
            query.setString(2, column.column());
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No column " + column.table() + "." + column.column());
                }
                return rs.getString(1);
            }
        }
    }
}
