package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Webhook endpoints in the console: added with their events, the secret once, deliveries and Redeliver. */
@RosterTest
class ConsoleWebhooksTest extends ConsoleTestBase {

    private Tenant tenant;
    private Member admin;
    private Receiver receiver;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("business");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anEndpointIsAddedWithItsEventsAndItsSecretIsShownOnceThenRotated() {
        // given the form, which offers every event type by object
        HttpResponse<String> form = admin.browser().get("/console/webhooks/new");
        assertThat(form.body()).contains("<legend>User events</legend>").contains("value=\"user.created\"");

        // when the admin adds an endpoint for two events
        HttpResponse<String> added = admin.browser()
                .post(
                        "/console/webhooks",
                        List.of(
                                Map.entry("url", receiver.url()),
                                Map.entry("events", "user.created"),
                                Map.entry("events", "user.deleted")));

        // then the answer shows its signing secret once, and the endpoint has those events
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = secret(added);
        assertThat(secret).startsWith("whsec_");
        String id = endpointId();
        assertThat(api.get("/v1/webhook-endpoints/" + id, tenant.adminKey())
                        .json()
                        .get("events")
                        .toString())
                .isEqualTo("[\"user.created\",\"user.deleted\"]");
        HttpResponse<String> page = admin.browser().get("/console/webhooks/" + id);
        assertThat(page.body()).contains(receiver.url()).doesNotContain(secret);

        // when it asks for a new secret
        HttpResponse<String> rotated = admin.browser().post("/console/webhooks/" + id + "/rotate", Map.of());

        // then another secret is shown once
        assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(secret(rotated)).startsWith("whsec_").isNotEqualTo(secret);
    }

    @Test
    void aFailedDeliveryShowsItsTriesAndLastAnswerAndRedeliverSendsItAgain() {
        // given an endpoint whose receiver answers 500, and a change it subscribes to, delivered in vain
        String id = endpointWithAFailedDelivery();

        // when the admin looks at the failed deliveries
        HttpResponse<String> failed = admin.browser().get("/console/webhooks/" + id + "?status=failed");

        // then the delivery shows its status, its tries and the receiver's answer, with a Redeliver button
        String delivery = deliveryId(failed.body());
        assertThat(failed.body())
                .contains("<td id=\"delivery-status-" + delivery + "\">failed</td>")
                .contains("HTTP 500")
                .contains("action=\"/console/webhooks/" + id + "/deliveries/" + delivery + "/redeliver\"");
        int triedBefore = receiver.received();

        // when the receiver is fixed and the admin presses Redeliver (without JavaScript)
        receiver.answer(204);
        HttpResponse<String> redelivered =
                admin.browser().post("/console/webhooks/" + id + "/deliveries/" + delivery + "/redeliver", Map.of());

        // then it is sent again and delivered
        assertThat(redelivered.statusCode()).isEqualTo(303);
        assertThat(redelivered.headers().firstValue("Location"))
                .hasValue("/console/webhooks/" + id + "?done=redelivered");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> admin.browser()
                        .get("/console/webhooks/" + id + "?status=delivered")
                        .body()
                        .contains("delivery-status-" + delivery));
        assertThat(receiver.received()).isGreaterThan(triedBefore);
    }

    @Test
    void htmxGetsTheRedeliveredRowBackToSwapInPlace() {
        // given a failed delivery
        String id = endpointWithAFailedDelivery();
        String page = admin.browser().get("/console/webhooks/" + id).body();
        String delivery = deliveryId(page);

        // when htmx posts Redeliver (the form's fields, its CSRF token among them, and HX-Request)
        HttpResponse<String> row =
                htmxPost(admin, "/console/webhooks/" + id + "/deliveries/" + delivery + "/redeliver", page);

        // then it is still 200 with only the row (no page), queued again, its button keeping its id for the focus
        assertThat(row.statusCode()).isEqualTo(200);
        assertThat(row.body().strip())
                .startsWith("<tr id=\"delivery-" + delivery + "\"")
                .contains("Queued again")
                .contains("id=\"redeliver-" + delivery + "\"")
                .doesNotContain("<html");
    }

    @Test
    void turningOffAndDeletingAskTheServiceAndAMemberWithoutTheRightGetsNoPage() {
        api.post("/v1/webhook-endpoints", tenant.adminKey(), Map.of("url", receiver.url(), "events", List.of("*")));
        String id = endpointId();
        admin.browser().get("/console/webhooks/" + id);

        HttpResponse<String> off =
                admin.browser().post("/console/webhooks/" + id + "/enabled", Map.of("enabled", "false"));
        assertThat(off.headers().firstValue("Location")).hasValue("/console/webhooks/" + id + "?done=disabled");
        assertThat(api.get("/v1/webhook-endpoints/" + id, tenant.adminKey())
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(admin.browser()
                        .get("/console/webhooks/" + id + "?done=disabled")
                        .body())
                .contains("<dd id=\"endpoint-state\">Off</dd>")
                .contains("Turn on");

        String reader = "users reader " + UUID.randomUUID();
        api.post("/v1/roles", tenant.adminKey(), Map.of("name", reader, "permissions", List.of("webhooks:manage")));
        Member limited = browsers.signedIn(tenant.adminKey(), reader);
        limited.browser().get("/console/webhooks/new");
        HttpResponse<String> refused = limited.browser()
                .post(
                        "/console/webhooks",
                        List.of(Map.entry("url", receiver.url()), Map.entry("events", "user.created")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("users:read").contains("value=\"" + receiver.url() + "\"");
        Member plain = browsers.signedIn(tenant.adminKey(), "user");
        assertThat(plain.browser().get("/console/webhooks").statusCode()).isEqualTo(403);

        HttpResponse<String> deleted = admin.browser().post("/console/webhooks/" + id + "/delete", Map.of());
        assertThat(deleted.headers().firstValue("Location")).hasValue("/console/webhooks?done=deleted");
        assertThat(api.get("/v1/webhook-endpoints/" + id, tenant.adminKey()).status())
                .isEqualTo(404);
    }

    @LocalServerPort
    int port;

    /** A POST as htmx sends it from a page's form: the session and CSRF cookies, the form's token, HX-Request. */
    private HttpResponse<String> htmxPost(Member member, String path, String page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).isTrue();
        String cookies = Stream.of("__Host-roster_session", "__Host-roster_csrf")
                .map(name -> name + "=" + member.browser().cookie(name).orElseThrow())
                .collect(Collectors.joining("; "));
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Cookie", cookies)
                                    .header("HX-Request", "true")
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token.group(1)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An endpoint whose receiver answers 500, and a user created since, whose delivery failed its every try. */
    private String endpointWithAFailedDelivery() {
        api.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", receiver.url(), "events", List.of("user.created")));
        String id = endpointId();
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("hooked"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.browser()
                        .get("/console/webhooks/" + id + "?status=failed")
                        .body()
                        .contains("1 deliveries on this page."));
        return id;
    }

    private String endpointId() {
        return api.get("/v1/webhook-endpoints", tenant.adminKey())
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
    }

    private static String secret(HttpResponse<String> page) {
        Matcher secret = ConsoleApiKeysTest.SECRET.matcher(page.body());
        assertThat(secret.find()).as(page.body()).isTrue();
        return secret.group(1);
    }

    private static String deliveryId(String page) {
        Matcher row = Pattern.compile("<tr id=\"delivery-([0-9a-f-]{36})\"").matcher(page);
        assertThat(row.find()).as(page).isTrue();
        return row.group(1);
    }
}
