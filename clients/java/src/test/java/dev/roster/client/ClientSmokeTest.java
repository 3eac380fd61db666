package dev.roster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.client.api.ApiKeysApi;
import dev.roster.client.api.OrganizationsApi;
import dev.roster.client.api.UsersApi;
import dev.roster.client.model.CreateApiKeyRequest;
import dev.roster.client.model.CreateOrganizationRequest;
import dev.roster.client.model.CreateUserRequest;
import dev.roster.client.model.CreatedApiKey;
import dev.roster.client.model.Organization;
import dev.roster.client.model.PageUser;
import dev.roster.client.model.User;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated client against a real Roster: the jar, started here on loopback with an ephemeral embedded
 * PostgreSQL. Creates an organization and its key with the platform key, then users with the organization's key,
 * and pages through them with cursors.
 */
class ClientSmokeTest {

    static Process roster;
    static Path dataDir;
    static String baseUri;
    static final String PLATFORM_KEY = "client-smoke-" + random();

    static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @BeforeAll
    static void startRoster() throws Exception {
        Path jar = Path.of(System.getProperty("roster.jar", "../../target/roster-0.1.0.jar"));
        assertTrue(Files.isRegularFile(jar), "build Roster first (./mvnw package): no " + jar.toAbsolutePath());
        int port = freePort();
        int management = freePort();
        dataDir = Files.createTempDirectory("roster-client-smoke-");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toString());
        builder.environment().put("ROSTER_DATA_DIR", dataDir.toString());
        builder.environment().put("ROSTER_DATABASE_EPHEMERAL", "true");
        builder.environment().put("ROSTER_BOOTSTRAP_KEY", PLATFORM_KEY);
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("ROSTER_MANAGEMENT_PORT", Integer.toString(management));
        builder.environment().put("ROSTER_PUBLIC_URL", "http://127.0.0.1:" + port);
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("roster.log").toFile());
        roster = builder.start();
        baseUri = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            assertTrue(roster.isAlive(), () -> "Roster exited: " + log());
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline, () -> "Roster was not ready within 2 minutes: " + log());
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopRoster() throws Exception {
        if (roster != null) {
            roster.destroy();
            if (!roster.waitFor(30, TimeUnit.SECONDS)) {
                roster.destroyForcibly();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String log() {
        try {
            return Files.readString(dataDir.resolve("roster.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        return client;
    }

    @Test
    void organizationKeyUserAndCursorPages() throws Exception {
        ApiClient platform = client(PLATFORM_KEY);
        Organization organization = new OrganizationsApi(platform)
                .createOrganization(new CreateOrganizationRequest().name("Client smoke").plan("enterprise"), null);
        assertNotNull(organization.getId());

        CreatedApiKey key = new ApiKeysApi(platform).createOrganizationKeyApiKey(
                organization.getId(), new CreateApiKeyRequest().name("smoke").role("admin"), null);
        assertTrue(key.getKey() != null && !key.getKey().isBlank(), "the new key is shown once");

        UsersApi users = new UsersApi(client(key.getKey()));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "smoke" + i + "@client.example.com";
            User user = users.createUser2(
                    new CreateUserRequest().email(email).firstName("Smoke" + i).sendInvitation(false),
                    "smoke-create-" + i);
            assertEquals(email, user.getEmail());
            assertEquals(organization.getId(), user.getOrganizationId());
            created.add(email);
        }

        // Pages of two: 2 + 2 + 1, every user once, the last page without a next cursor.
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            PageUser page = users.listUser2(null, null, null, null, null, null, null, null, null, cursor, 2);
            assertTrue(page.getData().size() <= 2);
            page.getData().forEach(u -> assertTrue(seen.add(u.getEmail()), "listed twice: " + u.getEmail()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(Set.copyOf(created), seen);
        assertNull(cursor);

        // An error answer reaches the caller as an ApiException with Roster's status code.
        ApiException taken = assertThrows(ApiException.class, () -> users.createUser2(
                new CreateUserRequest().email(created.get(0)).sendInvitation(false), null));
        assertEquals(409, taken.getCode());
    }
}
