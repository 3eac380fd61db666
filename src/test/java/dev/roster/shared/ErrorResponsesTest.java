package dev.roster.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every failure answers as RFC 9457 problem+json with Roster's fields. */
@RosterTest
class ErrorResponsesTest extends ApiTestBase {

    @LocalServerPort
    int port;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("free");
    }

    @Test
    void eachStatusIsAProblemWithCodePathTimestampAndRequestId() {
        String other = fixtures.tenant("free").adminKey();
        String takenElsewhere = Fixtures.uniqueEmail("elsewhere");
        fixtures.user(other, takenElsewhere);
        String userId = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("e"));
        String readOnly = fixtures.key(tenant.organizationId(), "user");
        List<Case> cases = new ArrayList<>();
        cases.add(
                new Case(400, "validation_failed", api.post("/v1/users", tenant.adminKey(), Map.of("email", "nope"))));
        cases.add(new Case(400, "malformed_json", api.post("/v1/users", tenant.adminKey(), "{\"email\":")));
        cases.add(new Case(400, "unknown_field", api.post("/v1/users", tenant.adminKey(), Map.of("id", "x"))));
        cases.add(new Case(
                400,
                "validation_failed",
                api.post("/v1/users", tenant.adminKey(), Map.of("email", 42, "roles", "admin"))));
        cases.add(new Case(401, "missing_api_key", api.get("/v1/users", null)));
        cases.add(new Case(401, "invalid_api_key", api.get("/v1/users", "roster_org_" + "A".repeat(43))));
        cases.add(new Case(
                403,
                "permission_required",
                api.post("/v1/users", readOnly, Map.of("email", Fixtures.uniqueEmail("f")))));
        cases.add(new Case(
                403,
                "seat_limit_reached",
                api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("s")))));
        cases.add(new Case(404, "not_found", api.get("/v1/users/" + userId, other)));
        cases.add(new Case(404, "not_found", api.get("/v1/no-such-route", tenant.adminKey())));
        cases.add(new Case(405, "method_not_allowed", api.send("PUT", "/v1/users", tenant.adminKey(), "{}", Map.of())));
        cases.add(new Case(
                409, "email_taken", api.post("/v1/users", tenant.adminKey(), Map.of("email", takenElsewhere))));
        cases.add(new Case(
                415,
                "unsupported_media_type",
                api.send("POST", "/v1/users", tenant.adminKey(), null, Map.of("Content-Type", "text/plain"))));
        cases.add(new Case(500, "internal_error", api.get("/test/failure", tenant.adminKey())));

        for (Case expected : cases) {
            assertProblem(expected.answer(), expected.status(), expected.code());
        }
    }

    @Test
    void aPatchToTheSameEmailIsNotAConflict() {
        String email = Fixtures.uniqueEmail("same");
        String id = fixtures.user(tenant.adminKey(), email);
        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("email", email.toUpperCase()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unexpectedFailuresRevealNoInternals() {
        var answer = api.get("/test/failure", tenant.adminKey());

        assertThat(answer.text()).doesNotContain("secret internal detail", "dev.roster", "Exception", "at ");
    }

    @Test
    void aGivenRequestIdIsEchoedAndAHostileOneReplaced() {
        var given = api.send("GET", "/v1/users", null, null, Map.of("X-Request-Id", "trace-123"));
        var hostile = api.send("GET", "/v1/users", null, null, Map.of("X-Request-Id", "<script>"));

        assertThat(given.header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(given.field("requestId")).isEqualTo("trace-123");
        assertThat(hostile.field("requestId")).isNotEqualTo("<script>").isEqualTo(hostile.header("X-Request-Id"));
    }

    @Test
    void bodiesOverOneMebibyteAre413WithOrWithoutContentLength() throws Exception {
        String big = "{\"email\":\"" + "a".repeat(1024 * 1024) + "@example.com\"}";
        var declared = api.post("/v1/users", tenant.adminKey(), big);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/users"))
                .header("Authorization", "Bearer " + tenant.adminKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        var streamed = new Api.Response(HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString()));

        assertProblem(declared, 413, "payload_too_large");
        assertProblem(streamed, 413, "payload_too_large");
        assertThat(api.get("/v1/users", tenant.adminKey()).json().path("data").size())
                .isZero();
    }

    @Test
    void malformedIdsInPathsAreNotFound() {
        for (String path : List.of("/v1/users/123", "/v1/organizations/zzz", "/v1/organizations/zzz/users")) {
            assertProblem(api.get(path, tenant.adminKey()), 404, "not_found");
        }
    }

    private record Case(int status, String code, Api.Response answer) {}

    private static void assertProblem(Api.Response answer, int status, String code) {
        String what = status + " " + code + " <- " + answer;
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(answer.field("code")).as(what).isEqualTo(code);
        assertThat(answer.json().path("status").asInt()).as(what).isEqualTo(status);
        assertThat(answer.field("title")).as(what).isNotBlank();
        assertThat(answer.field("type")).as(what).isEqualTo("urn:roster:problem:" + code);
        assertThat(answer.field("timestamp")).as(what).isNotBlank();
        assertThat(answer.field("path")).as(what).startsWith("/");
        assertThat(answer.field("requestId")).as(what).isEqualTo(answer.header("X-Request-Id"));
    }
}
