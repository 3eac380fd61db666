package dev.roster.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@RosterTest
class EmailRaceTest extends ApiTestBase {

    @Test
    void fortyConcurrentCreatesOfOneEmailMakeExactlyOneUser() throws Exception {
        Tenant tenant = fixtures.tenant("enterprise");
        String email = Fixtures.uniqueEmail("race");

        List<Api.Response> answers =
                Concurrently.run(40, i -> api.post("/v1/users", tenant.adminKey(), Map.of("email", email)));

        assertThat(byStatus(answers)).isEqualTo(Map.of(201, 1L, 409, 39L));
        assertThat(answers.stream().filter(a -> a.status() == 409).map(a -> a.field("code")))
                .containsOnly("email_taken");
        assertThat(api.get("/v1/users", tenant.adminKey()).json().path("data").size())
                .isEqualTo(1);
    }

    @Test
    void fortyOrganizationsRacingForOneEmailLeaveItToOne() throws Exception {
        String email = Fixtures.uniqueEmail("platform-race");
        List<Tenant> tenants = tenants(40);

        List<Api.Response> answers = Concurrently.run(
                40,
                i -> api.post(
                        "/v1/users",
                        tenants.get(i).adminKey(),
                        Map.of("email", i % 2 == 0 ? email : email.toUpperCase())));

        assertThat(byStatus(answers)).isEqualTo(Map.of(201, 1L, 409, 39L));
    }

    private List<Tenant> tenants(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> fixtures.tenant("enterprise"))
                .toList();
    }

    private static Map<Integer, Long> byStatus(List<Api.Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
    }
}
