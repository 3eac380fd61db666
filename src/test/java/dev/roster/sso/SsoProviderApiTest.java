package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An organization's OpenID Connect provider settings: checked, audited, and the client secret never shown. */
@RosterTest
class SsoProviderApiTest extends ApiTestBase {

    private static final String SECRET = "client-secret-that-must-never-show-0123456789";

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void theClientSecretIsSealedAtRestAndNeverShown() {
        // when a provider is created with a secret, then read back and listed
        Api.Response created = api.post("/v1/sso-providers", tenant.adminKey(), provider(Map.of()));
        Api.Response read = api.get("/v1/sso-providers/" + created.field("id"), tenant.adminKey());
        Api.Response listed = api.get("/v1/sso-providers", tenant.adminKey());
        Api.Response audit = api.get(
                "/v1/audit-events?action=sso_provider.created&targetId=" + created.field("id"), tenant.adminKey());

        // then no answer and no audit event holds it, and the column holds only its sealed form
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("clientSecretSet").asBoolean()).isTrue();
        assertThat(created.json().path("jitProvisioning").asString()).isEqualTo("off");
        assertThat(created.json().path("linkExistingUsers").asBoolean()).isFalse();
        assertThat(created.json().path("scopes").toString()).isEqualTo("[\"openid\",\"email\",\"profile\"]");
        for (Api.Response answer : List.of(created, read, listed, audit)) {
            assertThat(answer.text()).doesNotContain(SECRET);
        }
        assertThat(audit.json().path("data")).hasSize(1);
        String stored = jdbc.sql("SELECT client_secret FROM sso_providers WHERE id = CAST(:id AS uuid)")
                .param("id", created.field("id"))
                .query(String.class)
                .single();
        assertThat(stored).startsWith("rsb1:").doesNotContain(SECRET);
    }

    @Test
    void samlIsRefusedWithAClearProblem() {
        Api.Response refused = api.post("/v1/sso-providers", tenant.adminKey(), provider(Map.of("protocol", "saml")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.field("code")).isEqualTo("saml_not_supported");
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("protocol");
    }

    @Test
    void settingsAreCheckedFieldByField() {
        Map<String, Map<String, Object>> invalid = Map.of(
                "jitProvisioning", Map.of("jitProvisioning", "everyone"),
                "scopes", Map.of("scopes", List.of("email")),
                "issuer", Map.of("issuer", "http://idp.example.com"),
                "groupsClaim", Map.of("groupsClaim", "has spaces"),
                "defaultRoleId", Map.of("defaultRoleId", "00000000-0000-4000-8000-00000000abcd"));
        invalid.forEach((field, change) -> {
            Api.Response refused = api.post("/v1/sso-providers", tenant.adminKey(), provider(change));
            assertThat(refused.status()).as(field + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString())
                    .as(field)
                    .isEqualTo(field);
        });
    }

    @Test
    void aPatchKeepsTheSecretUnlessItNamesOne() {
        // given a provider with a secret
        String id = api.post("/v1/sso-providers", tenant.adminKey(), provider(Map.of()))
                .field("id");

        // when its settings change without a secret, then the secret is removed
        Api.Response kept = api.patch(
                "/v1/sso-providers/" + id,
                tenant.adminKey(),
                Map.of("jitProvisioning", "verified_domains", "groupsClaim", "groups", "linkExistingUsers", true));
        Map<String, Object> noSecret = new HashMap<>();
        noSecret.put("clientSecret", null);
        Api.Response removed = api.patch("/v1/sso-providers/" + id, tenant.adminKey(), noSecret);

        // then the first keeps it and the second does not, and both are audited
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.json().path("clientSecretSet").asBoolean()).isTrue();
        assertThat(kept.field("jitProvisioning")).isEqualTo("verified_domains");
        assertThat(removed.json().path("clientSecretSet").asBoolean()).isFalse();
        assertThat(api.get("/v1/audit-events?action=sso_provider.updated&targetId=" + id, tenant.adminKey())
                        .json()
                        .path("data"))
                .hasSize(2);
    }

    private static Map<String, Object> provider(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", "Okta",
                "protocol", "oidc",
                "issuer", "https://idp.example.com",
                "clientId", "roster",
                "clientSecret", SECRET));
        body.putAll(overrides);
        return body;
    }
}
