package dev.roster.support;

import dev.roster.shared.database.DatabaseServer;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database of its own on the test server, for second nodes whose work the test server's own dispatchers must not
 * take; dropped on close.
 */
public final class OwnDatabase implements AutoCloseable {

    private final DatabaseServer server;
    private final JdbcClient admin;
    private final String name = "own_" + UUID.randomUUID().toString().replace("-", "");

    public OwnDatabase(DatabaseServer server, JdbcClient admin) {
        this.server = server;
        this.admin = admin;
        admin.sql("CREATE DATABASE " + name).update();
    }

    public String jdbcUrl() {
        return server.jdbcUrl().replace("/postgres?", "/" + name + "?");
    }

    /** A client on this database, without a pool. */
    public JdbcClient jdbc() {
        return JdbcClient.create(
                new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(), "postgres", server.password()));
    }

    @Override
    public void close() {
        admin.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
    }
}
