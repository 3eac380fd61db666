package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.ChangeFeed;
import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@RosterTest
class ScimAccessTest extends ApiTestBase {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DatabaseServer database;

    @Autowired
    private ChangeFeed feed;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndWorksAsBearerAndAsBasicPassword() {
        Api.Response created =
                api.post("/v1/scim-tokens", tenant.adminKey(), Map.of("name", "Okta", "expiresInDays", 365));
        String token = created.field("token");

        Api.Response listed = api.get("/v1/scim-tokens", tenant.adminKey());
        Api.Response bearer = Scim.bearer(port, token).get("/Users");
        Api.Response basic = Scim.basic(port, "okta", token).get("/Users");
        Api.Response anyName = Scim.basic(port, "", token).get("/ServiceProviderConfig");

        assertThat(created.status()).isEqualTo(201);
        assertThat(token).startsWith("roster_scim_").hasSizeGreaterThan(12 + 42);
        assertThat(created.field("baseUrl")).isEqualTo(RosterTest.PUBLIC_URL + "/scim/v2");
        assertThat(created.json().path("expiresAt").isString()).isTrue();
        assertThat(listed.json().path("data")).hasSize(1);
        assertThat(listed.text()).doesNotContain(token).contains("\"lastUsedAt\"");
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.header("Content-Type")).startsWith("application/scim+json");
        assertThat(basic.status()).isEqualTo(200);
        assertThat(anyName.status()).isEqualTo(200);
        assertThat(api.get("/v1/scim-tokens", tenant.adminKey())
                        .json()
                        .path("data")
                        .get(0)
                        .path("lastUsedAt")
                        .isString())
                .isTrue();
    }

    @Test
    void twoTokensMayBeLiveForRotationAndARevokedOneStopsAtOnce() {
        String first = Scim.token(api, tenant.adminKey());
        String second = Scim.token(api, tenant.adminKey());
        Api.Response third = api.post("/v1/scim-tokens", tenant.adminKey(), Map.of("name", "third"));
        String firstId = api.get("/v1/scim-tokens", tenant.adminKey())
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();

        Api.Response revoked = api.delete("/v1/scim-tokens/" + firstId, tenant.adminKey());

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.field("code")).isEqualTo("scim_token_limit");
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(Scim.bearer(port, first).get("/Users").status()).isEqualTo(401);
        assertThat(Scim.bearer(port, second).get("/Users").status()).isEqualTo(200);
        assertThat(api.post("/v1/scim-tokens", tenant.adminKey(), Map.of("name", "again"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anythingButAScimTokenIsRefusedWith401InScimsErrorShape() {
        String token = Scim.token(api, tenant.adminKey());
        for (String authorization : new String[] {
            null,
            "Bearer " + tenant.adminKey(),
            "Bearer roster_scim_wrong",
            "Basic bm90LWJhc2U2NA==",
            "Digest " + token,
            "Bearer " + token + "x"
        }) {
            Api.Response refused = Scim.with(port, authorization).get("/Users");

            assertThat(refused.status()).as(authorization).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/scim+json");
            assertThat(refused.json().path("schemas").get(0).asString())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(refused.json().path("status").asString()).isEqualTo("401");
            assertThat(refused.header("WWW-Authenticate")).contains("Bearer").contains("Basic");
        }
        assertThat(Scim.with(port, null).get("/Nothing/here").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused401InScimsErrorShape() throws InterruptedException {
        // given a token that expires in a day, and works today
        Api.Response created =
                api.post("/v1/scim-tokens", tenant.adminKey(), Map.of("name", "Entra", "expiresInDays", 1));
        String token = created.field("token");
        assertThat(Scim.bearer(port, token).get("/Users").status()).isEqualTo(200);

        // when the day has passed (moved in the database, which every node hears of within the change feed's bound)
        jdbc.sql("UPDATE scim_tokens SET expires_at = now() - interval '1 second' WHERE id = :id")
                .param("id", UUID.fromString(created.field("id")))
                .update();
        assertThat(feed.awaitCurrent(ChangeFeed.BOUND)).isTrue();

        // then it opens nothing, as Bearer or as Basic, and is no longer listed as live
        for (Scim expired : List.of(Scim.bearer(port, token), Scim.basic(port, "entra", token))) {
            Api.Response refused = expired.get("/Users");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/scim+json");
            assertThat(refused.json().path("status").asString()).isEqualTo("401");
            assertThat(refused.json().path("schemas").get(0).asString())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        }
        assertThat(api.get("/v1/scim-tokens", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void eachTokenHasItsOwnRateLimitAnswered429InScimsErrorShapeWithRetryAfter() {
        // given a node whose SCIM tokens may make 5 requests a minute, and two tokens of one organization
        String first = Scim.token(api, tenant.adminKey());
        String second = Scim.token(api, tenant.adminKey());
        try (ConfigurableApplicationContext node = SecondNode.start(database, "--roster.ratelimit.scim-per-token=5")) {
            Scim directory = Scim.bearer(SecondNode.port(node), first);

            // when the first token makes a sixth request within the minute
            for (int i = 0; i < 5; i++) {
                assertThat(directory.get("/Users").status()).isEqualTo(200);
            }
            Api.Response refused = directory.get("/Users?filter=userName%20eq%20%22x%22");

            // then it is 429 in SCIM's error shape with Retry-After, and the other token is not affected
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/scim+json");
            assertThat(refused.json().path("schemas").get(0).asString())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(refused.json().path("status").asString()).isEqualTo("429");
            assertThat(refused.json().has("code")).isFalse();
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(refused.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(Scim.bearer(SecondNode.port(node), second).get("/Users").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aScimTokenOpensNothingOutsideScimAndTokensNeedKeysManage() {
        String token = Scim.token(api, tenant.adminKey());
        String reader = fixtures.keyWith(tenant.organizationId(), "users:read");

        assertThat(api.get("/v1/users", token).status()).isEqualTo(401);
        assertThat(api.post("/v1/scim-tokens", reader, Map.of("name", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void discoveryDocumentsSayWhatIsImplemented() {
        Scim scim = Scim.bearer(port, Scim.token(api, tenant.adminKey()));

        var config = scim.get("/ServiceProviderConfig").json();
        var types = scim.get("/ResourceTypes").json();
        var schemas = scim.get("/Schemas").json();
        var user = scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");

        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("maxResults").asInt()).isEqualTo(1000);
        assertThat(config.path("bulk").path("supported").asBoolean()).isFalse();
        assertThat(config.path("sort").path("supported").asBoolean()).isFalse();
        assertThat(config.path("etag").path("supported").asBoolean()).isTrue();
        assertThat(config.path("authenticationSchemes").findValuesAsString("type"))
                .containsExactly("oauthbearertoken", "httpbasic");
        assertThat(types.path("totalResults").asInt()).isEqualTo(2);
        assertThat(schemas.path("totalResults").asInt()).isEqualTo(3);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().path("attributes").findValuesAsString("name")).contains("userName", "emails");
    }
}
