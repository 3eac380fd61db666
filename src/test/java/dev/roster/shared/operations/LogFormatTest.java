package dev.roster.shared.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.RosterApplication;
import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ROSTER_LOG_FORMAT chooses Boot's structured JSON lines or its usual text. */
@RosterTest
class LogFormatTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private DatabaseServer database;

    @Test
    void jsonTurnsOnStructuredConsoleLogging() {
        // given an environment that asks for JSON logs
        MockEnvironment environment = new MockEnvironment().withProperty("roster.log-format", "json");

        // when Roster prepares its environment
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());

        // then the console writes Elastic Common Schema JSON lines
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void textKeepsTheUsualLinesAndAnythingElseIsRefused() {
        // given the default and an unknown format
        MockEnvironment text = new MockEnvironment();
        MockEnvironment unknown = new MockEnvironment().withProperty("roster.log-format", "yaml");

        // when they are prepared
        new LogFormat().postProcessEnvironment(text, new SpringApplication());

        // then text changes nothing, and an unknown format stops the start with a clear message
        assertThat(text.getProperty("logging.structured.format.console")).isNull();
        assertThatThrownBy(() -> new LogFormat().postProcessEnvironment(unknown, new SpringApplication()))
                .hasMessageContaining("ROSTER_LOG_FORMAT");
    }

    /**
     * The real thing: a Roster process of its own (logging is one per JVM, so not a node in this one) started with
     * ROSTER_LOG_FORMAT=json, which makes a key, invites a user and fails a request; its console is read back.
     */
    @Test
    void aNodeWithJsonLogsWritesOneObjectALineWithTheRequestIdAndNoSecret() throws Exception {
        // given a node in its own process with ROSTER_LOG_FORMAT=json
        Path log = Files.createTempFile("roster-json-log", ".txt");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                RosterApplication.class.getName()));
        command.addAll(List.of(SecondNode.arguments(
                database.jdbcUrl(), database, "--server.port=" + port, "--roster.mail.poll-interval=PT0.2S")));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ROSTER_LOG_FORMAT", "json");
        Process node = builder.start();
        String requestId = "json-log-" + UUID.randomUUID();
        List<String> secrets = new ArrayList<>(List.of(Api.PLATFORM_KEY, database.password()));
        try {
            Api child = new Api(port);
            waitUntilServing(child, node);

            // when it makes an organization key, invites a user, and fails a request with a known request id
            Fixtures.Tenant tenant = new Fixtures(child).tenant("business");
            secrets.add(tenant.adminKey());
            String email = Fixtures.uniqueEmail("jsonlog");
            new Fixtures(child).user(tenant.adminKey(), email);
            secrets.add(MailServer.token(MailServer.await(email, 1).get(0)));
            Api.Response failed =
                    child.send("GET", "/test/failure", tenant.adminKey(), null, Map.of("X-Request-Id", requestId));
            assertThat(failed.status()).isEqualTo(500);
        } finally {
            node.destroy();
            node.waitFor(60, TimeUnit.SECONDS);
        }

        // then every line it logged is one JSON object, the failure's line carries the request id, and no line
        // carries a key, a password or an invitation token
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("OpenJDK 64-Bit Server VM warning"))
                .toList();
        Files.delete(log);
        assertThat(lines).hasSizeGreaterThan(10);
        List<JsonNode> objects = lines.stream().map(JSON::readTree).toList();
        assertThat(objects).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(objects)
                .filteredOn(
                        line -> "Unexpected failure".equals(line.path("message").asString()))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.path("requestId").asString()).isEqualTo(requestId);
                    assertThat(line.path("log").path("level").asString()).isEqualTo("ERROR");
                });
        assertThat(String.join("\n", lines)).doesNotContain(secrets);
    }

    private static void waitUntilServing(Api node, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the node exited").isTrue();
            try {
                if (node.get("/v1/users", null).status() == 401) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the node did not start within 3 minutes");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
