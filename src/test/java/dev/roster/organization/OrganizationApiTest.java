package dev.roster.organization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RosterTest
class OrganizationApiTest extends ApiTestBase {

    @Test
    void eachPlanCarriesItsSeatLimit() {
        Map<String, Integer> limits = Map.of("free", 1, "starter", 5, "business", 25);
        limits.forEach((plan, limit) -> {
            var org = api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "P " + plan, "plan", plan));
            assertThat(org.status()).isEqualTo(201);
            assertThat(org.field("plan")).isEqualTo(plan);
            assertThat(org.json().path("seatLimit").asInt()).isEqualTo(limit);
            assertThat(org.json().path("seatsUsed").asInt()).isZero();
        });
        var enterprise = api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "Big", "plan", "enterprise"));
        assertThat(enterprise.json().path("seatLimit").isNull()).isTrue();
    }

    @Test
    void nameAndPlanAreValidated() {
        assertThat(api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", " ", "plan", "free"))
                        .field("code"))
                .isEqualTo("validation_failed");
        var badPlan = api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "X", "plan", "gold"));
        assertThat(badPlan.status()).isEqualTo(400);
        assertThat(badPlan.json().path("errors").get(0).path("field").asString())
                .isEqualTo("plan");
        assertThat(api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "X", "seatLimit", -1))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "X", "seatsUsed", 0))
                        .field("code"))
                .isEqualTo("unknown_field");
    }

    @Test
    void patchChangesNameAndPlanAndRejectsNulls() {
        Tenant tenant = fixtures.tenant("free");
        String path = "/v1/organizations/" + tenant.organizationId();

        var updated = api.patch(path, Api.PLATFORM_KEY, Map.of("name", "Renamed", "plan", "business"));
        var nullName = api.patch(path, Api.PLATFORM_KEY, java.util.Collections.singletonMap("name", null));

        assertThat(updated.field("name")).isEqualTo("Renamed");
        assertThat(updated.json().path("seatLimit").asInt()).isEqualTo(25);
        assertThat(nullName.status()).isEqualTo(400);
    }

    @Test
    void organizationKeysSeeTheirOwnOrganizationButManageNone() {
        Tenant tenant = fixtures.tenant("starter");
        String path = "/v1/organizations/" + tenant.organizationId();

        assertThat(api.get(path, tenant.adminKey()).status()).isEqualTo(200);
        assertThat(api.get("/v1/organizations", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        assertThat(api.post("/v1/organizations", tenant.adminKey(), Map.of("name", "Mine"))
                        .status())
                .isEqualTo(403);
        assertThat(api.patch(path, tenant.adminKey(), Map.of("plan", "enterprise"))
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(path, tenant.adminKey()).status()).isEqualTo(403);
    }

    @Test
    void thePlatformListsEveryOrganizationAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            fixtures.organization("free");
        }
        var first = api.get("/v1/organizations?limit=2", Api.PLATFORM_KEY);
        var second = api.get("/v1/organizations?limit=2&cursor=" + first.field("nextCursor"), Api.PLATFORM_KEY);

        assertThat(first.json().path("data").size()).isEqualTo(2);
        assertThat(second.json().path("data").size()).isGreaterThanOrEqualTo(1);
        List<String> ids = new java.util.ArrayList<>();
        first.json().path("data").forEach(o -> ids.add(o.path("id").asString()));
        second.json().path("data").forEach(o -> ids.add(o.path("id").asString()));
        assertThat(ids).doesNotHaveDuplicates();
    }
}
