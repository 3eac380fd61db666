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

    static final String PASSWORD_FILE = "postgres-password";
    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final Path temporaryRoot;

    private DatabaseServer(
            String jdbcUrl, String username, String password, EmbeddedPostgres embedded, Path temporaryRoot) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
        this.temporaryRoot = temporaryRoot;
    }

    static DatabaseServer from(RosterProperties properties) {
        RosterProperties.Database db = properties.database();
        if (db.external()) {
            return new DatabaseServer(db.url(), db.username(), db.password(), null, null);
        }
        return startEmbedded(properties.dataDir(), db.ephemeral());
    }

    /**
     * Starts the embedded server with password authentication (scram-sha-256) for every connection, local ones
     * included: initdb gets a generated password, kept in {@code <data dir>/postgres-password} (0600), or in memory
     * only for an ephemeral database. A data directory from an older Roster, which trusted every local connection,
     * gets the password and a rewritten pg_hba.conf on its first start.
     */
    private static DatabaseServer startEmbedded(Path dataDir, boolean ephemeral) {
        try {
            Path root = ephemeral ? Files.createTempDirectory("roster-pg-") : Files.createDirectories(dataDir);
            Path directory = root.resolve("postgres");
            Path passwordFile = root.resolve(PASSWORD_FILE);
            String password = EmbeddedPassword.readOrCreate(passwordFile);
            boolean fresh = Files.notExists(directory.resolve("postgresql.conf"));
            boolean trusting = !fresh && EmbeddedPassword.trusts(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(ephemeral)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (fresh) {
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (!trusting) {
                builder.setConnectConfig("password", password);
            }
            if (ephemeral) {
                builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
            }
            EmbeddedPostgres postgres = builder.start();
            if (ephemeral) {
                Files.delete(passwordFile);
            }
            if (trusting) {
                EmbeddedPassword.requirePassword(postgres, directory, password);
                log.info("The embedded PostgreSQL now requires the password in {}", passwordFile.toAbsolutePath());
            }
            log.info(
                    "Started embedded PostgreSQL on 127.0.0.1:{} with data in {}",
                    postgres.getPort(),
                    ephemeral ? "a temporary directory" : directory.toAbsolutePath());
            return new DatabaseServer(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    password,
                    postgres,
                    ephemeral ? root : null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
        if (temporaryRoot != null) {
            Files.deleteIfExists(temporaryRoot);
        }
    }
}
