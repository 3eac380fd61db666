package dev.roster.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.Caller;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.Statements;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The user list by name (keyset on name and id, so equal names page without gaps or repeats), by group and by last
 * sign-in, each one query a page whatever its size.
 */
@RosterTest
class UserListOrderAndFiltersTest extends ApiTestBase {

    @Autowired
    UserService users;

    @Autowired
    dev.roster.auth.ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theListByNamePagesThroughEqualNamesWithoutGapsOrRepeats() {
        // given seven users, five of them with the same name, created in an order unlike the names'
        Tenant tenant = fixtures.tenant("enterprise");
        List<String> created = new ArrayList<>();
        for (String name :
                List.of("Zoe Last", "Sam Same", "Sam Same", "Amy First", "Sam Same", "Sam Same", "Sam Same")) {
            created.add(user(tenant, name));
        }

        // when a client pages through the list by name, two at a time
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get(
                    "/v1/users?sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tenant.adminKey());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(user -> {
                if (created.contains(user.path("id").asString())) {
                    names.add(user.path("name").asString());
                    ids.add(user.path("id").asString());
                }
            });
            cursor = page.field("nextCursor");
        } while (cursor != null);

        // then every user comes once, A to Z, and the five Sams in id order
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(names)
                .containsExactly("Amy First", "Sam Same", "Sam Same", "Sam Same", "Sam Same", "Sam Same", "Zoe Last");
        List<String> sams = ids.subList(1, 6);
        assertThat(sams).isSorted();
    }

    @Test
    void theListFiltersByGroupAndByLastSignIn() {
        // given a group with one member, a user who signed in today, one who signed in 40 days ago, one who never did
        Tenant tenant = fixtures.tenant("enterprise");
        String inGroup = user(tenant, "In Group");
        String today = user(tenant, "Signed Today");
        String longAgo = user(tenant, "Signed Long Ago");
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "g " + UUID.randomUUID()))
                .field("id");
        assertThat(api.send("PUT", "/v1/groups/" + group + "/members/" + inGroup, tenant.adminKey(), Map.of(), Map.of())
                        .status())
                .isIn(200, 201, 204);
        signedIn(today, Instant.now());
        signedIn(longAgo, Instant.now().minusSeconds(40L * 86400));

        // when it lists the group's members and those not signed in for 30 days
        Api.Response members = api.get("/v1/users?groupId=" + group, tenant.adminKey());
        String before =
                URLEncoder.encode(Instant.now().minusSeconds(30L * 86400).toString(), StandardCharsets.UTF_8);
        Api.Response idle = api.get("/v1/users?limit=200&lastLoginBefore=" + before, tenant.adminKey());

        // then the group holds only its member, and the idle include the never-signed-in but not today's
        assertThat(ids(members)).containsExactly(inGroup);
        assertThat(ids(idle)).contains(longAgo, inGroup).doesNotContain(today);
    }

    @Test
    void aBadSortOrAnotherOrdersCursorIsRefused() {
        Tenant tenant = fixtures.tenant("starter");
        user(tenant, "One");
        user(tenant, "Two");
        String createdCursor = api.get("/v1/users?limit=1", tenant.adminKey()).field("nextCursor");

        Api.Response badSort = api.get("/v1/users?sort=email", tenant.adminKey());
        Api.Response mixed = api.get("/v1/users?sort=name&cursor=" + createdCursor, tenant.adminKey());

        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.text()).contains("sort");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.text()).contains("cursor");
    }

    @Test
    void eachFilterAndOrderIsOneQueryWhateverThePageSize() {
        // given an organization with a group and 60 users in it
        Tenant tenant = fixtures.tenant("enterprise");
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "g " + UUID.randomUUID()))
                .field("id");
        for (int i = 0; i < 60; i++) {
            api.send(
                    "PUT",
                    "/v1/groups/" + group + "/members/" + user(tenant, "Member " + i),
                    tenant.adminKey(),
                    Map.of(),
                    Map.of());
        }
        Caller caller = keys.authenticate(tenant.adminKey()).orElseThrow();
        List<UserQuery> queries = List.of(
                UserQuery.ALL,
                new UserQuery(null, "user", null, null, null, null, null, null, null),
                new UserQuery(null, null, "member", null, null, null, null, null, "name"),
                new UserQuery(null, null, "member", null, null, null, null, null, null),
                new UserQuery(null, null, null, null, null, null, UUID.fromString(group), null, null),
                new UserQuery(null, null, null, null, null, null, null, Instant.now(), "name"),
                new UserQuery(null, null, null, null, null, true, null, null, "name"));

        for (UserQuery query : queries) {
            // when a page of one and a page of fifty are read
            List<String> one = Statements.recordedDuring(() -> users.list(caller, null, query, null, 1));
            List<String> fifty = Statements.recordedDuring(() -> users.list(caller, null, query, null, 50));

            // then both read the users in one statement, two for a search oldest first (it first counts its
            // matches, up to a bound, to choose how to order them), and the page size adds none
            assertThat(fifty).as(query.toString()).hasSameSizeAs(one);
            assertThat(fifty.stream().filter(sql -> sql.contains("FROM users u")))
                    .as(query.toString())
                    .hasSize(query.q() != null && query.sort() == null ? 2 : 1);
        }
        assertThat(users.list(caller, null, queries.get(3), null, 50).data()).hasSize(50);
    }

    private String user(Tenant tenant, String name) {
        Api.Response created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("list"), "name", name, "sendInvitation", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private void signedIn(String userId, Instant at) {
        jdbc.sql("UPDATE users SET last_login_at = :at WHERE id = :id")
                .param("at", java.sql.Timestamp.from(at))
                .param("id", UUID.fromString(userId))
                .update();
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("data").forEach(user -> ids.add(user.path("id").asString()));
        return ids;
    }
}
