package dev.roster.shared.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** The embedded PostgreSQL's superuser password, and the step that makes an old trusting data directory ask for it. */
final class EmbeddedPassword {

    private static final Pattern TRUST = Pattern.compile("^(\\s*(?:local|host\\S*)\\s.*\\s)trust(\\s*)$");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{32,}");

    private EmbeddedPassword() {}

    /** The password kept in the file (mode 0600), generated first if there is none. */
    static String readOrCreate(Path file) throws IOException {
        if (Files.notExists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!SAFE.matcher(password).matches()) {
            throw new IllegalStateException(file.toAbsolutePath() + " must hold one line of at least 32 characters"
                    + " A-Z, a-z, 0-9, - or _; delete it with the data directory to start afresh");
        }
        return password;
    }

    /** Whether the data directory's pg_hba.conf lets any connection in without a password. */
    static boolean trusts(Path dataDirectory) throws IOException {
        return Files.readAllLines(dataDirectory.resolve("pg_hba.conf")).stream()
                .anyMatch(line -> TRUST.matcher(line).matches());
    }

    /** Gives the superuser the password, then makes every pg_hba.conf line ask for it and reloads the server. */
    static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            List<String> lines = Files.readAllLines(hba).stream()
                    .map(line -> TRUST.matcher(line).replaceAll("$1scram-sha-256$2"))
                    .toList();
            Files.write(hba, lines);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("Could not set the embedded PostgreSQL's password", e));
        }
    }
}
