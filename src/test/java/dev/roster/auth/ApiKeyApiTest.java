package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@RosterTest
class ApiKeyApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsAHash() {
        Tenant tenant = fixtures.tenant("starter");
        var created = api.post(
                "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                tenant.adminKey(),
                Map.of("name", "ci", "role", "user"));
        String secret = created.field("key");

        assertThat(created.status()).isEqualTo(201);
        assertThat(secret).startsWith("roster_org_").hasSize("roster_org_".length() + 43);
        assertThat(created.field("prefix")).isEqualTo(secret.substring(0, "roster_org_".length() + 6));
        var listed = api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", tenant.adminKey());
        assertThat(listed.text()).doesNotContain(secret).doesNotContain("\"key\"");
        String stored = jdbc.sql("SELECT string_agg(t::text, '') FROM api_keys t")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(20));
    }

    @Test
    void aRevokedKeyIsRefusedOnItsNextRequest() {
        Tenant tenant = fixtures.tenant("starter");
        String doomed = fixtures.key(tenant.organizationId(), "admin");
        assertThat(api.get("/v1/users", doomed).status()).isEqualTo(200);
        String doomedId = keyIdOf(tenant, doomed);

        var revoked =
                api.delete("/v1/organizations/" + tenant.organizationId() + "/api-keys/" + doomedId, tenant.adminKey());
        var after = api.get("/v1/users", doomed);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.field("code")).isEqualTo("invalid_api_key");
        assertThat(api.delete(
                                "/v1/organizations/" + tenant.organizationId() + "/api-keys/" + doomedId,
                                tenant.adminKey())
                        .field("code"))
                .isEqualTo("api_key_revoked");
    }

    @Test
    void lastUsedAtIsKept() {
        Tenant tenant = fixtures.tenant("starter");
        api.get("/v1/users", tenant.adminKey());

        var listed = api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", Api.PLATFORM_KEY);

        assertThat(listed.json().path("data").get(0).path("lastUsedAt").isNull())
                .isFalse();
    }

    @Test
    void userRoleKeysCannotManageKeysAndBadRolesAreRejected() {
        Tenant tenant = fixtures.tenant("starter");
        String reader = fixtures.key(tenant.organizationId(), "user");
        String keys = "/v1/organizations/" + tenant.organizationId() + "/api-keys";

        assertThat(api.post(keys, reader, Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(api.get(keys, reader).status()).isEqualTo(403);
        assertThat(api.post(keys, tenant.adminKey(), Map.of("name", "x", "role", "owner"))
                        .field("code"))
                .isEqualTo("validation_failed");
        assertThat(api.post(keys, tenant.adminKey(), Map.of("role", "admin")).field("code"))
                .isEqualTo("validation_failed");
    }

    @Test
    void partnerKeysAreForThePlatformToManage() {
        Tenant tenant = fixtures.tenant("starter");
        String partner = fixtures.partnerKey();

        assertThat(api.post("/v1/partner-keys", tenant.adminKey(), Map.of("name", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/v1/partner-keys", partner, Map.of("name", "x")).status())
                .isEqualTo(403);
        assertThat(api.get("/v1/partner-keys", Api.PLATFORM_KEY).text()).doesNotContain(partner);
    }

    @Test
    void aRevokedPartnerKeyLeavesItsOrganizationsToThePlatform() {
        String partner = fixtures.partnerKey();
        String org = fixtures.organization(partner, "free");
        String partnerId = api.get("/v1/organizations/" + org, partner).field("partnerKeyId");

        assertThat(api.delete("/v1/partner-keys/" + partnerId, Api.PLATFORM_KEY).status())
                .isEqualTo(204);

        assertThat(api.get("/v1/organizations", partner).status()).isEqualTo(401);
        assertThat(api.get("/v1/organizations/" + org, Api.PLATFORM_KEY).status())
                .isEqualTo(200);
    }

    @Test
    void aDeletedOrganizationTakesItsKeysAndUsersWithIt() {
        Tenant tenant = fixtures.tenant("starter");
        String email = Fixtures.uniqueEmail("leaver");
        fixtures.user(tenant.adminKey(), email);

        assertThat(api.delete("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/v1/users", tenant.adminKey()).status()).isEqualTo(401);
        assertThat(api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .status())
                .isEqualTo(404);
        Tenant next = fixtures.tenant("starter");
        assertThat(api.post("/v1/users", next.adminKey(), Map.of("email", email))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void malformedAndUnknownKeysAreRefusedAlike() {
        for (String header : new String[] {"Bearer nope", "Bearer " + "x".repeat(43), "Basic abc", "Bearer "}) {
            var answer = api.send("GET", "/v1/users", null, null, Map.of("Authorization", header));
            assertThat(answer.status()).as(header).isEqualTo(401);
            assertThat(answer.field("code")).isEqualTo("invalid_api_key");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    private String keyIdOf(Tenant tenant, String secret) {
        for (var key : api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", Api.PLATFORM_KEY)
                .json()
                .path("data")) {
            if (secret.startsWith(key.path("prefix").asString())) {
                return key.path("id").asString();
            }
        }
        throw new AssertionError("key not listed");
    }
}
