package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.ChangeFeed;
import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Credentials are remembered by each node, and forgotten as soon as anything they depend on changes: at once on the
 * node that changed it, within a second on the others, whether the change came through Roster or straight into
 * the database; and nothing is remembered while the change notifications are out of reach.
 */
@RosterTest
class CallerCacheTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChangeFeed feed;

    @Test
    void aKeyRevokedOnOneNodeStopsWorkingOnTheOtherWithinASecond() throws Exception {
        try (ConfigurableApplicationContext second = SecondNode.start(database)) {
            Api other = SecondNode.api(second);
            // given a key both nodes have served, so both remember it
            Fixtures.Tenant tenant = fixtures.tenant("business");
            Api.Response created = api.post(
                    "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                    Api.PLATFORM_KEY,
                    Map.of("name", "remembered", "role", "admin"));
            String key = created.field("key");
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/v1/users", key).status()).isEqualTo(200);
                assertThat(other.get("/v1/users", key).status()).isEqualTo(200);
            }

            // when it is revoked through the first node
            assertThat(api.delete(
                                    "/v1/organizations/" + tenant.organizationId() + "/api-keys/" + created.field("id"),
                                    Api.PLATFORM_KEY)
                            .status())
                    .isEqualTo(204);

            // then the first node refuses it at once, and the second within the bound
            assertThat(api.get("/v1/users", key).status()).isEqualTo(401);
            assertThat(refusedWithin(other, key, ChangeFeed.BOUND)).isTrue();
        }
    }

    @Test
    void aUserDeactivatedStraightInTheDatabaseLosesItsTokenWithinTheBound() throws Exception {
        // given a signed-in user whose token the server remembers
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String token = fixtures.signedIn(tenant.adminKey(), "admin");
        assertThat(api.get("/v1/users", token).status()).isEqualTo(200);
        assertThat(api.get("/v1/users", token).status()).isEqualTo(200);

        // when an operator deactivates it with SQL, behind Roster's back
        jdbc.sql("UPDATE users SET status = 'deactivated' WHERE id = (SELECT id FROM users WHERE organization_id ="
                        + " :org AND status = 'active' ORDER BY created_at DESC LIMIT 1)")
                .param("org", java.util.UUID.fromString(tenant.organizationId()))
                .update();

        // then the token stops working within the bound
        assertThat(refusedWithin(api, token, ChangeFeed.BOUND)).isTrue();
    }

    @Test
    void aRoleTakenAwayHoldsAtOnceOnTheNodeThatTookIt() {
        // given an admin signed in, whose token the server remembers with the admin's permissions
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String token = fixtures.signedIn(tenant.adminKey(), "admin");
        assertThat(api.get("/v1/roles", token).status()).isEqualTo(200);
        String userId = api.get("/v1/users/me", token).field("id");

        // when its roles become just "user"
        assertThat(api.patch("/v1/users/" + userId, tenant.adminKey(), Map.of("roles", List.of("user")))
                        .status())
                .isEqualTo(200);

        // then the very next request no longer has roles:read
        assertThat(api.get("/v1/roles", token).status()).isEqualTo(403);
    }

    @Test
    void nothingIsRememberedWhileTheNotificationsAreOutOfReach() {
        // given a cache whose feed has never reached its database
        ChangeFeed unreachable = new ChangeFeed(database);
        CallerCache cache = new CallerCache(unreachable);
        CallerCache.Key key = CallerCache.Key.ofToken("a.b.c");
        dev.roster.shared.Caller caller = new dev.roster.shared.Caller(
                dev.roster.shared.Caller.Kind.PLATFORM, java.util.UUID.randomUUID(), null, null);

        // when a caller is put in it
        cache.put(key, caller, Long.MAX_VALUE, null, cache.generation());

        // then it is not answered from memory
        assertThat(unreachable.current()).isFalse();
        assertThat(cache.get(key)).isNull();
    }

    @Test
    void aFillThatRacedAChangeIsNotKept() {
        // given the live feed, and a caller read before a change was announced
        CallerCache cache = new CallerCache(feed);
        CallerCache.Key key = CallerCache.Key.ofToken("x.y.z");
        java.util.UUID keyId = java.util.UUID.randomUUID();
        dev.roster.shared.Caller caller =
                new dev.roster.shared.Caller(dev.roster.shared.Caller.Kind.PARTNER, keyId, null, null);
        long seen = cache.generation();
        cache.changed("k:" + keyId);

        // when the read's result arrives after the change
        cache.put(key, caller, Long.MAX_VALUE, null, seen);

        // then it is not kept, while one read after the change is
        assertThat(cache.get(key)).isNull();
        cache.put(key, caller, Long.MAX_VALUE, null, cache.generation());
        assertThat(cache.get(key).caller()).isEqualTo(caller);
        cache.changed("k:" + keyId);
        assertThat(cache.get(key)).isNull();
    }

    private static boolean refusedWithin(Api node, String credential, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (node.get("/v1/users", credential).status() == 401) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
