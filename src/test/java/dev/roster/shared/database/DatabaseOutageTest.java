package dev.roster.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import dev.roster.support.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node whose database goes away answers 503 database_unavailable within a few seconds, reports itself not
 * ready, and serves again by itself once the database is back. The outage is a relay between the node and the
 * test database that the test cuts, so the shared database itself never stops.
 */
@RosterTest
class DatabaseOutageTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Test
    void whileTheDatabaseIsUnreachableTheApiAnswers503QuicklyAndRecoversWithoutARestart() {
        // given a second node that reaches the database through a relay, and a tenant with a user
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        Fixtures.Tenant tenant = fixtures.tenant("business");
        try (TcpProxy relay = TcpProxy.to(target.getHost(), target.getPort());
                ConfigurableApplicationContext node = SecondNode.start(
                        database.jdbcUrl()
                                .replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + relay.port()),
                        database)) {
            Api second = SecondNode.api(node);
            Api management = SecondNode.management(node);
            assertThat(second.get("/v1/users", tenant.adminKey()).status()).isEqualTo(200);
            assertThat(management.get("/actuator/health/readiness", null).status())
                    .isEqualTo(200);

            // when the database becomes unreachable
            relay.cut();

            // then an authenticated call and a sign-in answer 503 database_unavailable within a few seconds
            long started = System.nanoTime();
            Api.Response list = second.get("/v1/users", tenant.adminKey());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(list.status()).isEqualTo(503);
            assertThat(list.header("Content-Type")).startsWith("application/problem+json");
            assertThat(list.field("code")).isEqualTo("database_unavailable");
            assertThat(list.header("Retry-After")).isEqualTo("5");
            assertThat(took).isLessThan(Duration.ofSeconds(6));
            Api.Response signIn = second.post(
                    "/v1/auth/token", null, Map.of("email", "nobody@example.com", "password", "whatever-it-is"));
            assertThat(signIn.status()).isEqualTo(503);
            assertThat(signIn.field("code")).isEqualTo("database_unavailable");
            // and the node says it is alive but not ready
            assertThat(management.get("/actuator/health/liveness", null).status())
                    .isEqualTo(200);
            assertThat(management.get("/actuator/health/readiness", null).status())
                    .isEqualTo(503);

            // when the database is back
            relay.restore();

            // then the same node serves again and is ready, without a restart
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(
                                    second.get("/v1/users", tenant.adminKey()).status())
                            .isEqualTo(200));
            assertThat(management.get("/actuator/health/readiness", null).status())
                    .isEqualTo(200);
        }
    }
}
