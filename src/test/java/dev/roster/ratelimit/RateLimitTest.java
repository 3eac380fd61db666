package dev.roster.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

@RosterTest
class RateLimitTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Test
    void everyAnswerSaysHowMuchIsLeft() {
        Tenant tenant = fixtures.tenant("starter");

        var first = api.get("/v1/users", tenant.adminKey());
        var second = api.get("/v1/users", tenant.adminKey());

        assertThat(first.header("RateLimit-Limit")).isEqualTo("600");
        assertThat(Long.parseLong(second.header("RateLimit-Remaining")))
                .isEqualTo(Long.parseLong(first.header("RateLimit-Remaining")) - 1);
        assertThat(first.header("RateLimit-Reset")).isNotNull();
    }

    @Test
    void aFreeOrganizationIsRefusedBeyondItsMinuteWithRetryAfter() {
        Tenant tenant = fixtures.tenant("free");
        int allowed = 0;
        Api.Response last = api.get("/v1/users", tenant.adminKey());
        while (last.status() == 200 && allowed < 200) {
            allowed++;
            last = api.get("/v1/users", tenant.adminKey());
        }

        // 120 a minute, refilled smoothly: a few more trickle in while the loop runs
        assertThat(allowed).isBetween(120, 140);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.field("code")).isEqualTo("rate_limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        Tenant other = fixtures.tenant("free");
        assertThat(api.get("/v1/users", other.adminKey()).status()).isEqualTo(200);
    }

    @Test
    void twoNodesSharingTheDatabaseShareTheBuckets() {
        Tenant tenant = fixtures.tenant("free");
        try (ConfigurableApplicationContext first = node();
                ConfigurableApplicationContext second = node()) {
            Api one = SecondNode.api(first);
            Api two = SecondNode.api(second);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add((i % 2 == 0 ? one : two)
                        .get("/v1/users", tenant.adminKey())
                        .status());
            }

            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(10);
            assertThat(statuses.stream().filter(s -> s == 429)).hasSize(2);
        }
    }

    private ConfigurableApplicationContext node() {
        return SecondNode.start(
                database,
                "--roster.ratelimit.store=postgres",
                "--roster.ratelimit.plans.free.per-organization=10",
                "--roster.ratelimit.plans.free.per-credential=10");
    }
}
