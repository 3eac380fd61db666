package dev.roster.shared.database;

import dev.roster.shared.RosterProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL server Roster talks to, and, when it is the embedded one, the process to stop on shutdown. */
public final class DatabaseServer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgres embedded;

    private DatabaseServer(String jdbcUrl, String username, String password, EmbeddedPostgres embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    static DatabaseServer from(RosterProperties properties) {
        RosterProperties.Database db = properties.database();
        if (db.external()) {
            return new DatabaseServer(db.url(), db.username(), db.password(), null);
        }
        return startEmbedded(properties.dataDir(), db.ephemeral());
    }

    private static DatabaseServer startEmbedded(Path dataDir, boolean ephemeral) {
        try {
            Path directory = ephemeral
                    ? Files.createTempDirectory("roster-pg-")
                    : Files.createDirectories(dataDir.resolve("postgres"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(ephemeral)
                    .setServerConfig("max_connections", "200");
            if (ephemeral) {
                builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
            }
            EmbeddedPostgres postgres = builder.start();
            log.info(
                    "Started embedded PostgreSQL on 127.0.0.1:{} with data in {}",
                    postgres.getPort(),
                    ephemeral ? "a temporary directory" : directory.toAbsolutePath());
            return new DatabaseServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
