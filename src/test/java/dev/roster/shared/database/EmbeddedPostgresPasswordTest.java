package dev.roster.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.shared.RosterProperties;
import dev.roster.support.RosterTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The embedded PostgreSQL lets no one in without its password, the test server's own included. */
@RosterTest
class EmbeddedPostgresPasswordTest {

    @Autowired
    private DatabaseServer server;

    @Test
    void theEmbeddedServerRefusesAnEmptyOrWrongPassword() throws Exception {
        assertThatThrownBy(() -> connect(server.jdbcUrl(), "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(server.jdbcUrl(), "wrong")).isInstanceOf(SQLException.class);
        try (Connection connection = connect(server.jdbcUrl(), server.password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void aTrustingDataDirectoryFromAnOlderRosterIsGivenAPasswordOnStart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .start()) {
            connect(old.getJdbcUrl("postgres", "postgres"), "").close();
        }

        try (DatabaseServer upgraded = DatabaseServer.from(properties(dataDir))) {
            assertThatThrownBy(() -> connect(upgraded.jdbcUrl(), "")).isInstanceOf(SQLException.class);
            Path passwordFile = dataDir.resolve("postgres-password");
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            connect(upgraded.jdbcUrl(), Files.readString(passwordFile).strip()).close();
        }
        try (DatabaseServer restarted = DatabaseServer.from(properties(dataDir))) {
            connect(restarted.jdbcUrl(), restarted.password()).close();
            assertThatThrownBy(() -> connect(restarted.jdbcUrl(), "")).isInstanceOf(SQLException.class);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        return DriverManager.getConnection(url, "postgres", password);
    }

    private static RosterProperties properties(Path dataDir) {
        return new Binder(new MapConfigurationPropertySource(Map.of("roster.data-dir", dataDir.toString())))
                .bindOrCreate("roster", RosterProperties.class);
    }
}
