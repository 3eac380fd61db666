package dev.roster.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.Caller;
import dev.roster.shared.Grants;
import dev.roster.shared.OrganizationId;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.Statements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@RosterTest
class ApplicationApiTest extends ApiTestBase {

    private static final String APPLICATIONS = "/v1/applications";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationService service;

    @Test
    void aConfidentialApplicationShowsItsSecretOnlyWhenCreatedAndKeepsAnHmac() {
        var created = create(Api.PLATFORM_KEY, body("confidential", "https://app.example.com/callback"));
        String secret = created.field("clientSecret");
        String id = created.field("id");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("clientId")).startsWith("roster_app_");
        assertThat(secret).startsWith("roster_secret_").hasSize("roster_secret_".length() + 43);
        assertThat(created.field("secretRotatedAt")).isNotNull();
        var read = api.get(APPLICATIONS + "/" + id, Api.PLATFORM_KEY);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).doesNotContain(secret).doesNotContain("clientSecret");
        assertThat(api.get(APPLICATIONS + "?limit=200", Api.PLATFORM_KEY).text())
                .doesNotContain(secret)
                .doesNotContain("clientSecret");
        String stored = jdbc.sql("SELECT string_agg(t::text, '') FROM applications t")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(20));
        Application application =
                service.findByClientId(created.field("clientId")).orElseThrow();
        assertThat(service.verifySecret(application, secret)).isTrue();
        assertThat(service.verifySecret(application, secret + "x")).isFalse();
    }

    @Test
    void aPublicApplicationHasNoSecretToShowOrRotate() {
        var created = create(Api.PLATFORM_KEY, body("public", "http://127.0.0.1:8400/callback"));
        String id = created.field("id");

        var rotated = api.post(APPLICATIONS + "/" + id + "/rotate-secret", Api.PLATFORM_KEY, null);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("clientSecret").isNull()).isTrue();
        assertThat(created.field("secretRotatedAt")).isNull();
        assertThat(rotated.status()).isEqualTo(409);
        assertThat(rotated.field("code")).isEqualTo("application_public");
        Application application =
                service.findByClientId(created.field("clientId")).orElseThrow();
        assertThat(service.verifySecret(application, "roster_secret_anything")).isFalse();
    }

    @Test
    void rotatingTheSecretKillsTheOldOneAtOnce() {
        var created = create(Api.PLATFORM_KEY, body("confidential", "https://app.example.com/callback"));
        String old = created.field("clientSecret");

        var rotated = api.post(APPLICATIONS + "/" + created.field("id") + "/rotate-secret", Api.PLATFORM_KEY, null);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.field("clientSecret");
        assertThat(fresh).startsWith("roster_secret_").isNotEqualTo(old);
        assertThat(rotated.field("secretRotatedAt")).isNotEqualTo(created.field("secretRotatedAt"));
        Application application =
                service.findByClientId(created.field("clientId")).orElseThrow();
        assertThat(service.verifySecret(application, old)).isFalse();
        assertThat(service.verifySecret(application, fresh)).isTrue();
    }

    @Test
    void redirectUrisMustBeHttpsOrLoopbackHttpWithoutFragmentOrWildcard() {
        Map<String, String> refused = Map.of(
                "http://app.example.com/callback", "https",
                "https://app.example.com/callback#done", "fragment",
                "https://*.example.com/callback", "wildcard",
                "/callback", "absolute",
                "https://user:pass@app.example.com/callback", "credentials",
                "https://ok.example.com/cb", "twice");

        refused.forEach((uri, why) -> {
            var answer = create(Api.PLATFORM_KEY, body("public", "https://ok.example.com/cb", uri));
            assertThat(answer.status()).as(uri).isEqualTo(400);
            assertThat(answer.field("code")).isEqualTo("validation_failed");
            JsonNode error = answer.json().path("errors").get(0);
            assertThat(error.path("field").asString()).as(uri).isEqualTo("redirectUris[1]");
            assertThat(error.path("message").asString()).as(uri).contains(why);
        });
        List<String> loopback = List.of(
                "http://127.0.0.1:8400/cb",
                "http://[::1]:8400/cb",
                "http://localhost/cb?x=1",
                "HTTPS://A.example.com/Cb");
        var allowed = create(Api.PLATFORM_KEY, body("public", loopback.toArray(String[]::new)));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
        assertThat(allowed.json().path("redirectUris").toString()).isEqualTo(jsonArray(loopback));
    }

    @Test
    void postLogoutRedirectUrisFollowTheSameRulesAndTheListsHaveBounds() {
        Map<String, Object> logout = body("public", "https://app.example.com/cb");
        logout.put("postLogoutRedirectUris", List.of("https://app.example.com/bye", "http://app.example.com/bye"));
        Map<String, Object> none = body("public");
        Map<String, Object> tooMany = body("public");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("https://app.example.com/cb" + i);
        }
        tooMany.put("redirectUris", many);

        var refusedLogout = create(Api.PLATFORM_KEY, logout);
        var refusedNone = create(Api.PLATFORM_KEY, none);
        var refusedMany = create(Api.PLATFORM_KEY, tooMany);

        assertThat(refusedLogout.json().path("errors").get(0).path("field").asString())
                .isEqualTo("postLogoutRedirectUris[1]");
        assertThat(refusedNone.status()).isEqualTo(400);
        assertThat(refusedNone.json().path("errors").get(0).path("field").asString())
                .isEqualTo("redirectUris");
        assertThat(refusedMany.status()).isEqualTo(400);
        assertThat(refusedMany.json().path("errors").get(0).path("field").asString())
                .isEqualTo("redirectUris");
    }

    @Test
    void aPartnerSeesAndManagesOnlyTheApplicationsItMade() {
        String partner = fixtures.partnerKey();
        String other = fixtures.partnerKey();
        var created = create(partner, body("confidential", "https://partner.example.com/cb"));
        String path = APPLICATIONS + "/" + created.field("id");

        assertThat(api.get(path, partner).status()).isEqualTo(200);
        assertThat(api.get(path, Api.PLATFORM_KEY).status()).isEqualTo(200);
        assertThat(api.get(path, other).status()).isEqualTo(404);
        assertThat(api.patch(path, other, Map.of("name", "taken")).status()).isEqualTo(404);
        assertThat(api.post(path + "/rotate-secret", other, null).status()).isEqualTo(404);
        assertThat(api.delete(path, other).status()).isEqualTo(404);
        assertThat(api.get(APPLICATIONS, other).json().path("data").size()).isZero();
        assertThat(api.get(APPLICATIONS, partner).text()).contains(created.field("id"));
        assertThat(api.get(path, partner).field("name")).isEqualTo("App");
    }

    @Test
    void organizationKeysAndSignedInUsersMayNotManageApplications() {
        Tenant tenant = fixtures.tenant("starter");
        var platformMade = create(Api.PLATFORM_KEY, body("public", "https://app.example.com/cb"));

        assertThat(create(tenant.adminKey(), body("public", "https://app.example.com/cb"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get(APPLICATIONS, tenant.adminKey()).status()).isEqualTo(403);
        assertThat(api.get(APPLICATIONS + "/" + platformMade.field("id"), tenant.adminKey())
                        .status())
                .isEqualTo(403);
        String user = fixtures.signedIn(tenant.adminKey(), "admin");
        assertThat(api.get(APPLICATIONS, user).status()).isEqualTo(403);
        assertThat(create(user, body("public", "https://app.example.com/cb")).status())
                .isEqualTo(403);
    }

    @Test
    void anApplicationNamesOnlyOrganizationsItsMakerReachesAndAdmitsOnlyThose() {
        String partner = fixtures.partnerKey();
        String own = fixtures.organization(partner, "starter");
        String foreign = fixtures.organization("starter");
        Map<String, Object> naming = body("public", "https://partner.example.com/cb");
        naming.put("organizationIds", List.of(own, foreign));

        var refused = create(partner, naming);
        var open = create(partner, body("public", "https://partner.example.com/cb"));
        naming.put("organizationIds", List.of(own));
        var restricted = create(partner, naming);
        var platformOpen = create(Api.PLATFORM_KEY, body("public", "https://app.example.com/cb"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").toString())
                .contains("organizationIds[1]")
                .doesNotContain("organizationIds[0]");
        assertThat(open.json().path("organizationIds").isNull()).isTrue();
        assertThat(restricted.json().path("organizationIds").toString()).isEqualTo("[\"" + own + "\"]");
        assertThat(admits(open, own)).isTrue();
        assertThat(admits(open, foreign)).isFalse();
        assertThat(admits(restricted, own)).isTrue();
        assertThat(admits(platformOpen, foreign)).isTrue();
        assertThat(admits(platformOpen, own)).isTrue();
        var reopened = api.send(
                "PATCH", APPLICATIONS + "/" + restricted.field("id"), partner, "{\"organizationIds\":null}", Map.of());
        assertThat(reopened.json().path("organizationIds").isNull()).isTrue();
    }

    @Test
    void fiftyOrganizationsAreCheckedWithOneQueryAndAFiftyFirstIsRefused() {
        var partnerKey = api.post("/v1/partner-keys", Api.PLATFORM_KEY, Map.of("name", "Partner"));
        String partner = partnerKey.field("key");
        List<UUID> organizations = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            organizations.add(UUID.fromString(fixtures.organization(partner, "free")));
        }
        Caller caller = new Caller(Caller.Kind.PARTNER, UUID.fromString(partnerKey.field("id")), null, Grants.ALL);
        ApplicationRequest request = new ApplicationRequest(
                "App", "public", List.of("https://app.example.com/cb"), null, organizations, null);

        List<String> sql = Statements.recordedDuring(() -> service.create(caller, request));
        List<UUID> tooMany = new ArrayList<>(organizations);
        tooMany.add(organizations.get(0));
        Map<String, Object> body = body("public", "https://app.example.com/cb");
        body.put("organizationIds", tooMany);
        var refused = create(partner, body);

        assertThat(sql.stream().filter(s -> s.contains("FROM organizations"))).hasSize(1);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("organizationIds");
    }

    @Test
    void patchChangesOnlyWhatItNamesAndRefusesTheTypeAndUnknownFields() {
        var created = create(Api.PLATFORM_KEY, body("confidential", "https://app.example.com/cb"));
        String path = APPLICATIONS + "/" + created.field("id");

        var renamed = api.patch(path, Api.PLATFORM_KEY, Map.of("name", "  Renamed  "));
        var retyped = api.patch(path, Api.PLATFORM_KEY, Map.of("type", "public"));
        var unknownOnPatch = api.patch(path, Api.PLATFORM_KEY, Map.of("clientSecret", "roster_secret_mine"));
        Map<String, Object> withSecret = body("confidential", "https://app.example.com/cb");
        withSecret.put("clientSecret", "roster_secret_mine");
        var unknownOnCreate = create(Api.PLATFORM_KEY, withSecret);
        var nameless = api.patch(path, Api.PLATFORM_KEY, Map.of("name", " "));

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.field("name")).isEqualTo("Renamed");
        assertThat(renamed.json().path("redirectUris").toString()).isEqualTo("[\"https://app.example.com/cb\"]");
        assertThat(retyped.status()).isEqualTo(400);
        assertThat(retyped.json().path("errors").get(0).path("field").asString())
                .isEqualTo("type");
        assertThat(unknownOnPatch.field("code")).isEqualTo("unknown_field");
        assertThat(unknownOnCreate.field("code")).isEqualTo("unknown_field");
        assertThat(nameless.json().path("errors").get(0).path("field").asString())
                .isEqualTo("name");
    }

    @Test
    void aDeletedApplicationIsGoneAndItsClientIdNoLongerFound() {
        var created = create(Api.PLATFORM_KEY, body("confidential", "https://app.example.com/cb"));
        String path = APPLICATIONS + "/" + created.field("id");
        Application before = service.findByClientId(created.field("clientId")).orElseThrow();

        var deleted = api.delete(path, Api.PLATFORM_KEY);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(path, Api.PLATFORM_KEY).status()).isEqualTo(404);
        assertThat(api.delete(path, Api.PLATFORM_KEY).status()).isEqualTo(404);
        assertThat(service.findByClientId(created.field("clientId"))).isEmpty();
        assertThat(service.verifySecret(before, created.field("clientSecret"))).isFalse();
    }

    @Test
    void theListIsPagedByCursor() {
        String partner = fixtures.partnerKey();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(partner, body("public", "https://app.example.com/cb"))
                    .field("id"));
        }

        var first = api.get(APPLICATIONS + "?limit=2", partner);
        var second = api.get(APPLICATIONS + "?limit=2&cursor=" + first.field("nextCursor"), partner);

        assertThat(idsOf(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(second)).containsExactly(ids.get(2));
        assertThat(second.field("nextCursor")).isNull();
    }

    @Test
    void everyChangeIsAuditedAndNoEventHoldsASecret() {
        String partner = fixtures.partnerKey();
        var created = create(partner, body("confidential", "https://app.example.com/cb"));
        String id = created.field("id");
        String path = APPLICATIONS + "/" + id;
        api.patch(path, partner, Map.of("name", "Renamed"));
        String rotatedSecret = api.post(path + "/rotate-secret", partner, null).field("clientSecret");
        api.delete(path, partner);

        List<String> actions = jdbc.sql(
                        "SELECT action FROM audit_events WHERE target_id = :id ORDER BY occurred_at, action")
                .param("id", id)
                .query(String.class)
                .list();
        String events = jdbc.sql("SELECT string_agg(t::text, '') FROM audit_events t WHERE target_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        String renamed = jdbc.sql(
                        "SELECT changes::text FROM audit_events WHERE target_id = :id AND action = 'application.updated'")
                .param("id", id)
                .query(String.class)
                .single();

        assertThat(actions)
                .containsExactlyInAnyOrder(
                        "application.created",
                        "application.updated",
                        "application.secret_rotated",
                        "application.deleted");
        assertThat(events)
                .contains("https://app.example.com/cb")
                .contains(created.field("clientId"))
                .doesNotContain(created.field("clientSecret"))
                .doesNotContain(rotatedSecret)
                .doesNotContain("roster_secret_");
        assertThat(renamed).contains("\"from\": \"App\"").contains("\"to\": \"Renamed\"");
    }

    @Test
    void theOpenApiDocumentListsTheApplicationEndpoints() {
        JsonNode paths = api.get("/openapi.json", null).json().path("paths");

        for (String operation : List.of(
                "post /v1/applications",
                "get /v1/applications",
                "get /v1/applications/{applicationId}",
                "patch /v1/applications/{applicationId}",
                "delete /v1/applications/{applicationId}",
                "post /v1/applications/{applicationId}/rotate-secret")) {
            String[] parts = operation.split(" ");
            assertThat(paths.path(parts[1]).path(parts[0]).path("tags").toString())
                    .as(operation)
                    .isEqualTo("[\"Applications\"]");
        }
    }

    private Api.Response create(String key, Map<String, Object> body) {
        return api.post(APPLICATIONS, key, body);
    }

    private boolean admits(Api.Response created, String organizationId) {
        Application application =
                service.findByClientId(created.field("clientId")).orElseThrow();
        return service.admits(application, OrganizationId.of(organizationId));
    }

    private static Map<String, Object> body(String type, String... redirectUris) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "App");
        body.put("type", type);
        if (redirectUris.length > 0) {
            body.put("redirectUris", List.of(redirectUris));
        }
        return body;
    }

    private static List<String> idsOf(Api.Response page) {
        List<String> ids = new ArrayList<>();
        page.json().path("data").forEach(app -> ids.add(app.path("id").asString()));
        return ids;
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
