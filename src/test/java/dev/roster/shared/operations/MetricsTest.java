package dev.roster.shared.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Health and Prometheus metrics on the management port, with bounded labels only. */
@RosterTest
class MetricsTest extends ApiTestBase {

    @LocalManagementPort
    private int managementPort;

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
}
