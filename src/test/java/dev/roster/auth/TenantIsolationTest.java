package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every id-bearing endpoint, called with another organization's key, answers 404 and changes nothing. */
@RosterTest
class TenantIsolationTest extends ApiTestBase {

    record Call(String method, String path, Object body) {}

    @Test
    void anotherOrganizationsKeyFindsNothingAndChangesNothing() {
        // given
        Tenant victim = fixtures.tenant("business");
        Tenant intruder = fixtures.tenant("business");
        String userId = quietUser(victim, "victim");
        String deletedId = quietUser(victim, "deleted");
        api.delete("/v1/users/" + deletedId, victim.adminKey());
        String keyId = api.get("/v1/organizations/" + victim.organizationId() + "/api-keys", victim.adminKey())
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();
        String before = snapshot(victim, userId, deletedId);
        String org = "/v1/organizations/" + victim.organizationId();
        List<Call> calls = List.of(
                new Call("GET", "/v1/users/" + userId, null),
                new Call("PATCH", "/v1/users/" + userId, Map.of("firstName", "Owned")),
                new Call("DELETE", "/v1/users/" + userId, null),
                new Call("POST", "/v1/users/" + userId + "/deactivate", null),
                new Call("POST", "/v1/users/" + userId + "/reactivate", null),
                new Call("POST", "/v1/users/" + deletedId + "/restore", null),
                new Call("GET", org, null),
                new Call("PATCH", org, Map.of("name", "Owned")),
                new Call("DELETE", org, null),
                new Call("GET", org + "/users", null),
                new Call("POST", org + "/users", Map.of("email", Fixtures.uniqueEmail("planted"))),
                new Call("GET", org + "/users/" + userId, null),
                new Call("PATCH", org + "/users/" + userId, Map.of("firstName", "Owned")),
                new Call("DELETE", org + "/users/" + userId, null),
                new Call("POST", org + "/users/" + userId + "/deactivate", null),
                new Call("POST", org + "/users/" + deletedId + "/restore", null),
                new Call("GET", org + "/api-keys", null),
                new Call("POST", org + "/api-keys", Map.of("name", "backdoor")),
                new Call("DELETE", org + "/api-keys/" + keyId, null),
                new Call("GET", org + "/audit-events", null));

        for (Call call : calls) {
            // when
            var answer = api.send(call.method(), call.path(), intruder.adminKey(), call.body(), Map.of());

            // then
            assertThat(answer.status()).as(call.method() + " " + call.path()).isEqualTo(404);
        }
        assertThat(snapshot(victim, userId, deletedId)).isEqualTo(before);
        assertThat(api.get("/v1/users", victim.adminKey()).status()).isEqualTo(200);
    }

    @Test
    void aPartnerActsOnlyInTheOrganizationsItCreated() {
        String partner = fixtures.partnerKey();
        String own = fixtures.organization(partner, "starter");
        String foreign = fixtures.organization("starter");

        var created =
                api.post("/v1/organizations/" + own + "/users", partner, Map.of("email", Fixtures.uniqueEmail("p")));
        var refused = api.post(
                "/v1/organizations/" + foreign + "/users", partner, Map.of("email", Fixtures.uniqueEmail("p")));
        var listed = api.get("/v1/organizations", partner);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("organizationId")).isEqualTo(own);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(api.get("/v1/organizations/" + foreign, partner).status()).isEqualTo(404);
        assertThat(api.post("/v1/organizations/" + foreign + "/api-keys", partner, Map.of("name", "k"))
                        .status())
                .isEqualTo(404);
        assertThat(listed.json().path("data").size()).isEqualTo(1);
        assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(own);
        assertThat(api.get("/v1/users", partner).field("code")).isEqualTo("organization_required");
    }

    @Test
    void anotherPartnersOrganizationIsInvisible() {
        String first = fixtures.partnerKey();
        String second = fixtures.partnerKey();
        String org = fixtures.organization(first, "free");

        assertThat(api.get("/v1/organizations/" + org, second).status()).isEqualTo(404);
        assertThat(api.get("/v1/organizations/" + org + "/users", second).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/organizations/" + org, Api.PLATFORM_KEY).status())
                .isEqualTo(200);
    }

    @Test
    void anOrganizationKeyMayNameItsOwnOrganizationInThePath() {
        Tenant tenant = fixtures.tenant("starter");
        var created = api.post(
                "/v1/organizations/" + tenant.organizationId() + "/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("own")));
        assertThat(created.status()).isEqualTo(201);
    }

    /** A user without an invitation, so that nothing about it changes in the background during the test. */
    private String quietUser(Tenant tenant, String name) {
        var created = api.post(
                "/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail(name), "sendInvitation", false));
        assertThat(created.status()).isEqualTo(201);
        return created.field("id");
    }

    private String snapshot(Tenant tenant, String userId, String deletedId) {
        return api.get("/v1/users/" + userId, tenant.adminKey()).text()
                + api.get("/v1/users/" + deletedId, tenant.adminKey()).text()
                + api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .text()
                + api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", Api.PLATFORM_KEY)
                        .json()
                        .path("data")
                        .toString()
                        .replaceAll("\"lastUsedAt\":\"[^\"]*\"", "");
    }
}
