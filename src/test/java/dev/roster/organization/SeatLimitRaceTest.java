package dev.roster.organization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

@RosterTest
class SeatLimitRaceTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Autowired
    SeatChangeFolding folding;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void threeHundredConcurrentCreatesFillATwentyFiveSeatOrganizationExactly() throws Exception {
        // given
        Tenant tenant = fixtures.tenant("business");

        // when
        List<Api.Response> answers = Concurrently.run(
                300, i -> api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("seat" + i))));

        // then
        assertThat(countByStatus(answers)).isEqualTo(Map.of(201, 25L, 403, 275L));
        assertThat(answers.stream().filter(a -> a.status() == 403).map(a -> a.field("code")))
                .containsOnly("seat_limit_reached");
        assertThat(usersIn(tenant)).isEqualTo(25);
        assertThat(seatsUsed(tenant)).isEqualTo(25);
    }

    @Test
    void aFullOrganizationSaysWhichPlanAndLimitStoppedTheCreate() {
        Tenant tenant = fixtures.tenant("free");
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("only"));

        var refused = api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("second")));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.field("code")).isEqualTo("seat_limit_reached");
        assertThat(refused.field("plan")).isEqualTo("free");
        assertThat(refused.json().path("seatLimit").asInt()).isEqualTo(1);
    }

    @Test
    void twoRosterProcessesOnOneDatabaseStillNeverOvershoot() throws Exception {
        // given a second Roster process on the same PostgreSQL
        Tenant tenant = fixtures.tenant("starter");
        try (ConfigurableApplicationContext second = SecondNode.start(database)) {
            Api otherNode = SecondNode.api(second);

            // when both nodes take 60 creates each at once
            List<Api.Response> answers = Concurrently.run(
                    120,
                    i -> (i % 2 == 0 ? api : otherNode)
                            .post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("node" + i))));

            // then
            assertThat(countByStatus(answers)).isEqualTo(Map.of(201, 5L, 403, 115L));
            assertThat(usersIn(tenant)).isEqualTo(5);
        }
    }

    @Test
    void anOverrideReplacesThePlanLimitAndNullRestoresIt() {
        Tenant tenant = fixtures.tenant("free");
        String org = "/v1/organizations/" + tenant.organizationId();

        var raised = api.patch(org, Api.PLATFORM_KEY, Map.of("seatLimit", 3));
        for (int i = 0; i < 3; i++) {
            fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("o"));
        }
        var fourth = api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("o")));
        var reset = api.patch(org, Api.PLATFORM_KEY, java.util.Collections.singletonMap("seatLimit", null));

        assertThat(raised.json().path("seatLimit").asInt()).isEqualTo(3);
        assertThat(fourth.field("code")).isEqualTo("seat_limit_reached");
        assertThat(reset.json().path("seatLimit").asInt()).isEqualTo(1);
        assertThat(reset.json().path("seatLimitOverride").isNull()).isTrue();
        assertThat(reset.json().path("seatsUsed").asInt()).isEqualTo(3);
    }

    @Test
    void enterpriseHasNoLimit() {
        Tenant tenant = fixtures.tenant("enterprise");
        for (int i = 0; i < 30; i++) {
            fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("e"));
        }
        var org = api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY);
        assertThat(org.json().path("seatLimit").isNull()).isTrue();
        assertThat(org.json().path("seatsUsed").asInt()).isEqualTo(30);
    }

    @Test
    void seatsTakenWithoutALimitCountBeforeAndAfterTheyAreFoldedAndAgainstALimitSetLater() throws Exception {
        // given an organization without a limit where 40 people were created at once and 10 deleted
        Tenant tenant = fixtures.tenant("enterprise");
        List<Api.Response> created = Concurrently.run(
                40, i -> api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("u" + i))));
        for (Api.Response user : created.subList(0, 10)) {
            api.delete("/v1/users/" + user.field("id"), tenant.adminKey());
        }
        int beforeFold = seatsUsed(tenant);

        // when the changes are folded into the counter
        folding.fold();

        // then the count is the same, kept on the counter alone
        assertThat(countByStatus(created)).isEqualTo(Map.of(201, 40L));
        assertThat(beforeFold).isEqualTo(30);
        assertThat(seatsUsed(tenant)).isEqualTo(30);
        assertThat(jdbc.sql("SELECT count(*) FROM organization_seat_changes WHERE organization_id = :org")
                        .param("org", java.util.UUID.fromString(tenant.organizationId()))
                        .query(Long.class)
                        .single())
                .isZero();

        // and when two more are created unfolded and a limit of 34 is set, ten creates at once fill it exactly
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("late"));
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("late"));
        api.patch("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY, Map.of("seatLimit", 34));
        List<Api.Response> limited = Concurrently.run(
                10, i -> api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("l" + i))));
        assertThat(countByStatus(limited)).isEqualTo(Map.of(201, 2L, 403, 8L));
        assertThat(seatsUsed(tenant)).isEqualTo(34);
        folding.fold();
        assertThat(seatsUsed(tenant)).isEqualTo(34);
    }

    @Test
    void aSeatTakenBeforeALimitWasSetIsGivenBackWhenItsUserIsDeleted() {
        // given a user created without a limit, its seat not yet folded, and then a limit
        Tenant tenant = fixtures.tenant("enterprise");
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("before"));
        api.patch("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY, Map.of("seatLimit", 5));

        // when the user is deleted
        api.delete("/v1/users/" + user, tenant.adminKey());

        // then the seat is free, before and after the fold
        assertThat(seatsUsed(tenant)).isZero();
        folding.fold();
        assertThat(seatsUsed(tenant)).isZero();
    }

    private static Map<Integer, Long> countByStatus(List<Api.Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
    }

    private int usersIn(Tenant tenant) {
        return api.get("/v1/users?limit=200", tenant.adminKey())
                .json()
                .path("data")
                .size();
    }

    private int seatsUsed(Tenant tenant) {
        return api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                .json()
                .path("seatsUsed")
                .asInt();
    }
}
