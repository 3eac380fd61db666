package dev.roster.shared.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.MailServer;
import dev.roster.support.Receiver;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Health and Prometheus metrics on the management port, with bounded labels only. */
@RosterTest
class MetricsTest extends ApiTestBase {

    @LocalManagementPort
    private int managementPort;

    @RegisterExtension
    static final Receiver receiver = Receiver.started();

    @Autowired
    private JdbcClient jdbc;

    private Api management;

    @BeforeEach
    void connectManagement() {
        management = new Api(managementPort);
    }

    @Test
    void probesAnswerOnTheManagementPortAndNotOnTheApiPort() {
        // when the probes are asked on each port
        // then they answer on the management port only
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(404);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(404);
    }

    @Test
    void prometheusShowsRoutesAndRostersOwnMetricsWithoutTenantValues() {
        // given an organization whose user was created and invited, read, signed in for with a wrong password,
        // and created again with the same Idempotency-Key
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String email = Fixtures.uniqueEmail("metrics");
        String userId = fixtures.user(tenant.adminKey(), email);
        assertThat(api.get("/v1/users/" + userId, tenant.adminKey()).status()).isEqualTo(200);
        api.post("/v1/auth/token", null, Map.of("email", email, "password", "not the right one"));
        Map<String, String> idempotent = Map.of("Idempotency-Key", "metrics-" + userId);
        Map<String, Object> body = Map.of("email", Fixtures.uniqueEmail("again"), "sendInvitation", false);
        api.send("POST", "/v1/users", tenant.adminKey(), body, idempotent);
        assertThat(api.send("POST", "/v1/users", tenant.adminKey(), body, idempotent)
                        .header("Idempotent-Replayed"))
                .isEqualTo("true");

        // when Prometheus scrapes the management port
        String metrics = management.get("/actuator/prometheus", null).text();

        // then requests are timed per route template, and Roster's own metrics are there
        assertThat(metrics)
                .contains("http_server_requests_seconds_bucket{")
                .contains("uri=\"/v1/users/{userId}\"")
                .contains("roster_outbox_depth{application=\"roster\",kind=\"mail\"}")
                .contains("roster_outbox_depth{application=\"roster\",kind=\"webhook\"}")
                .contains("roster_outbox_oldest_age_seconds{application=\"roster\",kind=\"mail\"}")
                .contains("roster_invitations_total{application=\"roster\",event=\"sent\"}")
                .contains(
                        "roster_sign_ins_total{application=\"roster\",grant=\"password\",outcome=\"invalid_credentials\"}")
                .contains("roster_idempotency_replays_total")
                .contains("hikaricp_connections_active{");
        // and the queue gauges still read numbers after a garbage collection (Micrometer holds a gauge's state
        // weakly unless told otherwise)
        System.gc();
        assertThat(management.get("/actuator/prometheus", null).text())
                .containsPattern("roster_outbox_depth\\{application=\"roster\",kind=\"mail\"\\} [0-9]")
                .containsPattern("roster_outbox_depth\\{application=\"roster\",kind=\"webhook\"\\} [0-9]");
        // and no label carries an organization id, a user id or an email
        assertThat(metrics)
                .doesNotContain(tenant.organizationId())
                .doesNotContain(userId)
                .doesNotContain(email);
    }

    @Test
    void refusalsDeadLettersDeliveriesAndInvitationOutcomesMoveTheirCounters() {
        // given the counters as they are, and an organization with a webhook endpoint that answers and one that
        // refuses every connection
        String before = scrape();
        Fixtures.Tenant tenant = fixtures.tenant("business");
        for (String url : List.of(receiver.url("/metrics/" + tenant.organizationId()), "http://127.0.0.1:9/nobody")) {
            assertThat(api.post(
                                    "/v1/webhook-endpoints",
                                    tenant.adminKey(),
                                    Map.of("url", url, "events", List.of("user.created")))
                            .status())
                    .isEqualTo(201);
        }

        // when an email's sign-ins run into their limit, an invitation is accepted, another expires, and the users
        // made on the way are delivered to one endpoint and given up on at the other
        String limited = Fixtures.uniqueEmail("limited");
        Api.Response refused = fixtures.signIn(limited, "wrong 0");
        for (int i = 1; i < 10 && refused.status() != 429; i++) {
            refused = fixtures.signIn(limited, "wrong " + i);
        }
        fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("accepts"), "user", "correct horse battery staple");
        String expiring = Fixtures.uniqueEmail("expires");
        fixtures.user(tenant.adminKey(), expiring);
        MailServer.await(expiring, 1);
        jdbc.sql("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE email = :e")
                .param("e", expiring)
                .update();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api
                        .get("/v1/webhook-deliveries?limit=50", tenant.adminKey())
                        .json()
                        .path("data")
                        .findValuesAsString("status")
                        .stream()
                        .sorted()
                        .toList()
                        .equals(List.of("delivered", "delivered", "failed", "failed")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value(scrape(), "roster_invitations_total", "event=\"expired\"")
                        > value(before, "roster_invitations_total", "event=\"expired\""));

        // then each counter moved by at least what this test did
        String after = scrape();
        assertThat(refused.status()).isEqualTo(429);
        Map<String, Integer> atLeast = new LinkedHashMap<>();
        atLeast.put("roster_rate_limit_refusals_total code=\"too_many_attempts\"", 1);
        atLeast.put("roster_invitations_total event=\"accepted\"", 1);
        atLeast.put("roster_invitations_total event=\"expired\"", 1);
        atLeast.put("roster_mail_deliveries_total outcome=\"sent\"", 2);
        atLeast.put("roster_webhook_deliveries_total outcome=\"delivered\"", 2);
        atLeast.put("roster_webhook_deliveries_total outcome=\"retry\"", 2);
        atLeast.put("roster_webhook_deliveries_total outcome=\"failed\"", 2);
        atLeast.put("roster_dead_letters_total kind=\"webhook\"", 2);
        atLeast.forEach((series, count) -> {
            String[] nameAndLabel = series.split(" ");
            assertThat(value(after, nameAndLabel[0], nameAndLabel[1]) - value(before, nameAndLabel[0], nameAndLabel[1]))
                    .as(series)
                    .isGreaterThanOrEqualTo(count);
        });
    }

    private String scrape() {
        return management.get("/actuator/prometheus", null).text();
    }

    /** The value of the series of {@code name} whose labels include {@code label}; 0 when it has none yet. */
    private static double value(String scrape, String name, String label) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
