package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.ChangeFeed;
import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each node remembers which endpoints an organization has, so that most changes cost no webhook query; an endpoint
 * added or removed anywhere counts at once on its node and within the change feed's bound on the others.
 */
@RosterTest
class WebhookSubscriptionsTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcWebhookRepository repository;

    @Test
    void anEndpointAddedAfterChangesWithoutOneGetsTheVeryNextChange() {
        // given an organization whose changes so far found no endpoint
        Fixtures.Tenant tenant = fixtures.tenant("business");
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("before"));

        // when an endpoint is added, then a user created
        String endpoint = addEndpoint(api, tenant);
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("after"));

        // then that change was queued for it
        assertThat(deliveries(endpoint)).isEqualTo(1);
    }

    @Test
    void endpointsAddedOrRemovedOnOneNodeCountOnTheOtherWithinTheBound() throws Exception {
        try (ConfigurableApplicationContext second =
                SecondNode.start(database, "--roster.webhooks.allow-private-targets=true")) {
            Api other = SecondNode.api(second);
            ChangeFeed otherFeed = second.getBean(ChangeFeed.class);
            Fixtures.Tenant tenant = fixtures.tenant("business");
            // given the second node has seen that the organization has no endpoint
            new Fixtures(other).user(tenant.adminKey(), Fixtures.uniqueEmail("none"));

            // when the first node adds one, the second's next change (once its feed caught up) is delivered to it
            String endpoint = addEndpoint(api, tenant);
            assertThat(otherFeed.awaitCurrent(ChangeFeed.BOUND)).isTrue();
            new Fixtures(other).user(tenant.adminKey(), Fixtures.uniqueEmail("one"));
            assertThat(deliveries(endpoint)).isEqualTo(1);

            // and when the first node deletes it, the second's changes go on, with nothing queued for it
            assertThat(api.delete("/v1/webhook-endpoints/" + endpoint, tenant.adminKey())
                            .status())
                    .isEqualTo(204);
            for (int i = 0; i < 3; i++) {
                new Fixtures(other).user(tenant.adminKey(), Fixtures.uniqueEmail("gone"));
            }
            assertThat(deliveries(endpoint)).isZero();
        }
    }

    @Test
    void aDeliveryIsQueuedOnlyForAnEndpointThatIsStillThereAndEnabled() {
        // given an endpoint, disabled after a change was read for it
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String endpoint = addEndpoint(api, tenant);
        assertThat(api.patch("/v1/webhook-endpoints/" + endpoint, tenant.adminKey(), Map.of("enabled", false))
                        .status())
                .isEqualTo(200);

        // when a delivery is queued for it from a stale list
        repository.insertDelivery(
                UUID.randomUUID(),
                OrganizationId.of(tenant.organizationId()),
                UUID.fromString(endpoint),
                UUID.randomUUID(),
                "user.created",
                "user:x",
                "{}");

        // then nothing is queued, and nothing fails
        assertThat(deliveries(endpoint)).isZero();
    }

    private static String addEndpoint(Api node, Fixtures.Tenant tenant) {
        Api.Response created = node.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("user.created")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("endpoint").path("id").asString();
    }

    private int deliveries(String endpoint) {
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :endpoint")
                .param("endpoint", UUID.fromString(endpoint))
                .query(Integer.class)
                .single();
    }
}
