package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.OwnDatabase;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import dev.roster.support.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that shuts down gives back the webhook deliveries it claimed and had not started; those its four senders
 * are still sending have their try recorded as it ends. The nodes run on a database of their own, away from the test server's
 * dispatcher.
 */
@RosterTest
class WebhookShutdownTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNodeShuttingDownGivesBackTheDeliveriesItHadNotStarted() throws Exception {
        try (OwnDatabase own = new OwnDatabase(database, jdbc);
                SilentServer receiver = new SilentServer()) {
            // given six deliveries to a receiver that never answers, queued by a node that polls only at its start
            try (ConfigurableApplicationContext queuing = SecondNode.start(
                    own.jdbcUrl(),
                    database,
                    "--roster.webhooks.allow-private-targets=true",
                    "--roster.webhooks.poll-interval=PT1H")) {
                Api node = SecondNode.api(queuing);
                Fixtures.Tenant tenant = new Fixtures(node).tenant("business");
                assertThat(node.post(
                                        "/v1/webhook-endpoints",
                                        tenant.adminKey(),
                                        Map.of(
                                                "url",
                                                "http://127.0.0.1:" + receiver.port() + "/hooks",
                                                "events",
                                                List.of("user.created")))
                                .status())
                        .isEqualTo(201);
                for (int i = 0; i < 6; i++) {
                    new Fixtures(node).user(tenant.adminKey(), Fixtures.uniqueEmail("hook"));
                }
            }
            JdbcClient other = own.jdbc();
            // and a node that claims all six at once, four of them in its senders, stuck on the receiver
            ConfigurableApplicationContext stuck = SecondNode.start(
                    own.jdbcUrl(),
                    database,
                    "--roster.webhooks.allow-private-targets=true",
                    "--roster.webhooks.poll-interval=PT0.2S");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> other.sql("SELECT count(*) FROM webhook_deliveries WHERE locked_until > now()")
                                    .query(Integer.class)
                                    .single()
                            == 6);

            // when it shuts down
            stuck.close();

            // then the two not started are free again with their try not counted, and the four in flight have
            // had their try, recorded as it ended
            List<Map<String, Object>> rows = other.sql(
                            "SELECT attempts, locked_until IS NOT NULL AS locked FROM webhook_deliveries")
                    .query()
                    .listOfRows();
            assertThat(rows)
                    .filteredOn(row -> row.get("attempts").equals(0))
                    .hasSize(2)
                    .allSatisfy(row -> assertThat(row.get("locked")).isEqualTo(false));
            assertThat(rows).filteredOn(row -> row.get("attempts").equals(1)).hasSize(4);
        }
    }
}
