package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.Receiver;
import dev.roster.support.RosterTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks end to end, to a real HTTP receiver on loopback. */
@RosterTest
class WebhookDeliveryTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final Receiver receiver = Receiver.started();

    private Tenant tenant;
    private String path;
    private String secret;

    @BeforeEach
    void subscribe() {
        tenant = fixtures.tenant("business");
        path = "/hooks/" + tenant.organizationId();
        var endpoint = api.post(
                "/v1/webhook-endpoints", tenant.adminKey(), Map.of("url", receiver.url(path), "events", List.of("*")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
        secret = endpoint.field("secret");
    }

    @Test
    void deliveriesAreSignedAndArriveInOrderForEachUser() throws Exception {
        String id = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("hooked"));
        api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("firstName", "Hook"));
        api.post("/v1/users/" + id + "/deactivate", tenant.adminKey(), null);
        api.delete("/v1/users/" + id, tenant.adminKey());

        await().atMost(Duration.ofSeconds(15)).until(() -> eventsFor(id).size() == 4);

        assertThat(eventsFor(id))
                .extracting(e -> e.path("type").asString())
                .containsExactly("user.created", "user.updated", "user.deactivated", "user.deleted");
        for (Receiver.Received received : receiver.at(path)) {
            assertThat(received.headers().get("webhook-signature"))
                    .isEqualTo("v1,"
                            + sign(
                                    received.headers().get("webhook-id"),
                                    received.headers().get("webhook-timestamp"),
                                    received.body()));
            assertThat(JSON.readTree(received.body()).path("id").asString())
                    .isEqualTo(received.headers().get("webhook-id"));
        }
        JsonNode updated = eventsFor(id).get(1);
        assertThat(updated.path("data")
                        .path("changes")
                        .path("firstName")
                        .path("to")
                        .asString())
                .isEqualTo("Hook");
    }

    @Test
    void aReceiverOutageIsRiddenOutWithRetries() {
        receiver.failNext(path, 2);

        String id = api.post(
                        "/v1/users",
                        tenant.adminKey(),
                        Map.of("email", Fixtures.uniqueEmail("patient"), "sendInvitation", false))
                .field("id");

        await().atMost(Duration.ofSeconds(15)).until(() -> eventsFor(id).size() == 1);
        var delivery = deliveries().stream()
                .filter(d -> d.path("eventType").asString().equals("user.created"))
                .findFirst()
                .orElseThrow();
        assertThat(delivery.path("status").asString()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void afterItsLastTryADeliveryFailsAndCanBeRedelivered() {
        receiver.failNext(path, 100);
        String id = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("unlucky"));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> deliveries().stream()
                        .anyMatch(d -> d.path("status").asString().equals("failed")));
        JsonNode failed = deliveries().stream()
                .filter(d -> d.path("status").asString().equals("failed"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.path("attempts").asInt()).isEqualTo(4);
        assertThat(failed.path("lastStatusCode").asInt()).isEqualTo(503);
        receiver.failNext(path, 0);

        var redelivered = api.post(
                "/v1/webhook-deliveries/" + failed.path("id").asString() + "/redeliver", tenant.adminKey(), null);

        assertThat(redelivered.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !eventsFor(id).isEmpty());
    }

    @Test
    void xDisableHooksSuppressesTheRequestsWebhooks() {
        var quiet = api.send(
                "POST",
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("quiet"), "sendInvitation", false),
                Map.of("X-Disable-Hooks", "true"));
        String loud = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("loud"));

        await().atMost(Duration.ofSeconds(15)).until(() -> !eventsFor(loud).isEmpty());
        assertThat(eventsFor(quiet.field("id"))).isEmpty();
        assertThat(deliveries())
                .as("only the loud user's creation was written as a delivery")
                .filteredOn(d -> d.path("eventType").asString().equals("user.created"))
                .hasSize(1);
    }

    @Test
    void aDeliveryRecordShowsAFailureClassAndNoExceptionMessage() throws Exception {
        // given an endpoint on a loopback port where nothing listens
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Tenant other = fixtures.tenant("business");
        var endpoint = api.post(
                "/v1/webhook-endpoints",
                other.adminKey(),
                Map.of("url", "http://127.0.0.1:" + closed + "/gone", "events", List.of("user.created")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);

        // when a change is sent to it
        fixtures.user(other.adminKey(), Fixtures.uniqueEmail("refused"));

        // then the delivery says why in one word, and nothing of the exception
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/v1/webhook-deliveries", other.adminKey())
                        .json()
                        .path("data")
                        .path(0)
                        .path("lastError")
                        .isString());
        JsonNode delivery = api.get("/v1/webhook-deliveries", other.adminKey())
                .json()
                .path("data")
                .path(0);
        assertThat(delivery.path("lastError").asString()).isEqualTo("connection_refused");
        assertThat(delivery.path("lastStatusCode").isNull()).isTrue();
    }

    @Test
    void aSlowReceiverNeverHoldsUpTheApi() {
        CountDownLatch release = new CountDownLatch(1);
        receiver.hold(path, release);
        try {
            // While the receiver holds the first delivery, both creates must still answer at once: delivery runs
            // after commit, on the dispatcher, never inside a request.
            var answers = assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> List.of(
                            api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("s1"))),
                            api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("s2")))));
            var first = answers.get(0);
            var second = answers.get(1);

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            assertThat(receiver.at(path)).isEmpty();
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.at(path).size() >= 2);
    }

    @Test
    void theSecretIsShownOnceAndEndpointsAreValidated() {
        var listed = api.get("/v1/webhook-endpoints", tenant.adminKey());
        var badScheme = api.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", "ftp://example.test/x", "events", List.of("*")));
        var badEvent = api.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", receiver.url("/x"), "events", List.of("user.exploded")));

        assertThat(listed.text()).doesNotContain(secret).doesNotContain("whsec_");
        assertThat(badScheme.status()).isEqualTo(400);
        assertThat(badEvent.status()).isEqualTo(400);
    }

    @Test
    void anEndpointReceivesOnlyTheEventTypesItSubscribedTo() {
        String deletionsOnly = path + "/deletions";
        var endpoint = api.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", receiver.url(deletionsOnly), "events", List.of("user.deleted")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
        String id = api.post(
                        "/v1/users",
                        tenant.adminKey(),
                        Map.of("email", Fixtures.uniqueEmail("filtered"), "sendInvitation", false))
                .field("id");
        api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("firstName", "Filtered"));
        api.delete("/v1/users/" + id, tenant.adminKey());

        await().atMost(Duration.ofSeconds(15)).until(() -> eventsFor(id).size() == 3);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !receiver.at(deletionsOnly).isEmpty());
        assertThat(receiver.at(deletionsOnly))
                .extracting(r -> JSON.readTree(r.body()).path("type").asString())
                .containsExactly("user.deleted");
    }

    private List<JsonNode> eventsFor(String userId) {
        return receiver.at(path).stream()
                .map(r -> JSON.readTree(r.body()))
                .filter(e -> e.path("data").path("objectId").asString().equals(userId))
                .toList();
    }

    private List<JsonNode> deliveries() {
        var page = api.get("/v1/webhook-deliveries?limit=200", tenant.adminKey())
                .json()
                .path("data");
        return java.util.stream.StreamSupport.stream(page.spliterator(), false).toList();
    }

    private String sign(String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder()
                .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
