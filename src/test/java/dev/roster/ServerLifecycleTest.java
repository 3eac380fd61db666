package dev.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starting Roster as an operator would: a fresh data directory, a generated key, a restart that keeps everything. */
@ExtendWith(OutputCaptureExtension.class)
class ServerLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void aFirstStartHandsOverAPlatformKeyInAPrivateFileAndARestartKeepsTheData(CapturedOutput output) throws Exception {
        // given a first start with no bootstrap key configured
        String organizationId;
        String secret;
        try (ConfigurableApplicationContext first = start()) {
            Path keyFile = dataDir.resolve("bootstrap-key");
            secret = Files.readString(keyFile).strip();

            // then the key is in a file only its owner can read, and never in the log
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
            assertThat(secret).startsWith("roster_platform_");
            assertThat(output.getAll())
                    .contains(keyFile.toAbsolutePath().toString())
                    .doesNotContain(secret);

            Api api = new Api(port(first));
            assertThat(new Api(managementPort(first))
                            .get("/actuator/health", null)
                            .status())
                    .isEqualTo(200);
            var created = api.post("/v1/organizations", secret, Map.of("name", "Survivor", "plan", "starter"));
            assertThat(created.status()).isEqualTo(201);
            organizationId = created.field("id");
        }

        // when Roster starts again on the same data directory
        try (ConfigurableApplicationContext second = start()) {
            Api api = new Api(port(second));

            // then the organization and the key are still there, and no second key was made
            assertThat(api.get("/v1/organizations/" + organizationId, secret).field("name"))
                    .isEqualTo("Survivor");
            assertThat(Files.readString(dataDir.resolve("bootstrap-key")).strip())
                    .isEqualTo(secret);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RosterApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--roster.data-dir=" + dataDir,
                        "--spring.jmx.enabled=false");
    }

    private static int managementPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
