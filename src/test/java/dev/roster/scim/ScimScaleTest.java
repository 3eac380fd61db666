package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.Statements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SCIM at a directory's scale: a lookup in a 100,000-user organization, and (on request) a 10,000-user sync. */
@RosterTest
class ScimScaleTest extends ApiTestBase {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ScimUserService users;

    @Test
    void aUserNameLookupInAHundredThousandUserOrganizationIsOneIndexedQueryAndOneRead() {
        Tenant big = fixtures.tenant("enterprise");
        String prefix = "big" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        INSERT INTO users (id, organization_id, email, status, created_by, updated_by)
                        SELECT gen_random_uuid(), CAST(:org AS uuid), :prefix || g || '@example.com', 'active', 't', 't'
                        FROM generate_series(1, 100000) g
                        """).param("org", big.organizationId()).param("prefix", prefix).update();
        jdbc.sql("ANALYZE users").update();
        String filter = "userName eq \"" + prefix + "77777@example.com\"";
        Map<String, Object> params = new HashMap<>();
        String condition = ScimFilterSql.where(ScimSchema.USERS, ScimFilter.parse(filter), params);
        params.put("org", UUID.fromString(big.organizationId()));
        params.put("limit", 100);
        params.put("offset", 0);

        String plan = String.join(
                "\n",
                jdbc.sql("EXPLAIN "
                                + JdbcScimResourceRepository.pageSql(
                                        JdbcScimResourceRepository.usersFrom(condition), "u", true))
                        .params(params)
                        .query(String.class)
                        .list());
        Scim scim = Scim.bearer(port, Scim.token(api, big.adminKey()));
        scim.find("Users", "userName eq \"" + prefix + "1@example.com\"");
        long started = System.nanoTime();
        Api.Response found = scim.find("Users", filter);
        long millis = (System.nanoTime() - started) / 1_000_000;
        ScimListQuery query = ScimListQuery.of(filter, null, null, null, null);
        List<String> statements =
                Statements.recordedDuring(() -> users.search(Scim.caller(big), query, Scim.JSON.createObjectNode()));
        System.out.println("userName eq in 100,000 users: " + millis + " ms\n" + plan + "\n" + statements);

        assertThat(found.json().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().path("Resources").get(0).path("userName").asString())
                .isEqualTo(prefix + "77777@example.com");
        assertThat(plan).doesNotContain("Seq Scan on users");
        assertThat(plan).containsPattern("Index (Only )?Scan using users_email\\w* on users x");
        assertThat(plan).contains("Index Scan using scim_resources_user_name");
        assertThat(statements)
                .as("the page with what SCIM keeps and the groups, then the users")
                .hasSize(2);
        assertThat(millis).isLessThan(1_000);
    }

    /**
     * A directory's first sync: 10,000 POSTs from 4 clients through one token, retrying after 429 as directories
     * do. Slow (minutes), so it runs only with {@code -Droster.scim.sync=true}; its figure is in
     * docs/performance.md.
     */
    @Test
    void anInitialSyncOfTenThousandUsersTakesMinutes() throws Exception {
        assumeTrue(Boolean.getBoolean("roster.scim.sync"), "run with -Droster.scim.sync=true");
        Tenant big = fixtures.tenant("enterprise");
        Scim scim = Scim.bearer(port, Scim.token(api, big.adminKey()));
        String prefix = "sync" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < 10_000; i = next.getAndIncrement()) {
                    while (true) {
                        Api.Response created = scim.post("/Users", ScimUserTest.oktaUser(prefix + i + "@example.com"));
                        if (created.status() == 429) {
                            throttled.incrementAndGet();
                            Thread.sleep(Long.parseLong(created.header("Retry-After")) * 1000);
                            continue;
                        }
                        assertThat(created.status()).as(created.toString()).isEqualTo(201);
                        break;
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.println("10,000 SCIM creates: " + seconds + " s, " + throttled.get() + " answers 429");

        assertThat(seconds).isLessThan(1_800);
    }
}
