package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook signing secrets are kept sealed: a copy of the database alone cannot sign a webhook. */
@RosterTest
class WebhookSecretAtRestTest extends ApiTestBase {

    @RegisterExtension
    static final Receiver receiver = Receiver.started();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Flyway flyway;

    private Tenant tenant;
    private String path;
    private String endpointId;
    private String secret;

    @BeforeEach
    void subscribe() {
        tenant = fixtures.tenant("business");
        path = "/sealed/" + tenant.organizationId();
        var endpoint = api.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", receiver.url(path), "events", List.of("user.created")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
        endpointId = endpoint.json().path("endpoint").path("id").asString();
        secret = endpoint.field("secret");
    }

    @Test
    void aCopyOfTheDatabaseHoldsNoWebhookSecret() {
        String stored = storedSecret();

        assertThat(stored).isNotEqualTo(secret).doesNotContain(secret.substring("whsec_".length()));
        assertThat(stored).startsWith("rsb1:");
    }

    @Test
    void aPlaintextSecretLeftByAnOlderRosterIsSealedOnStartAndStillSigns() throws Exception {
        jdbc.sql("UPDATE webhook_endpoints SET secret = :secret WHERE id = :id")
                .param("secret", secret)
                .param("id", UUID.fromString(endpointId))
                .update();

        flyway.migrate();

        assertThat(storedSecret()).startsWith("rsb1:").doesNotContain(secret.substring("whsec_".length()));
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("sealed"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.at(path).isEmpty());
        Receiver.Received received = receiver.at(path).get(0);
        assertThat(received.body()).contains(user);
        assertThat(received.headers().get("webhook-signature"))
                .isEqualTo("v1,"
                        + sign(
                                received.headers().get("webhook-id"),
                                received.headers().get("webhook-timestamp"),
                                received.body()));
    }

    private String storedSecret() {
        return jdbc.sql("SELECT secret FROM webhook_endpoints WHERE id = :id")
                .param("id", UUID.fromString(endpointId))
                .query(String.class)
                .single();
    }

    private String sign(String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder()
                .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
