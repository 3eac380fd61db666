package dev.roster.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.ApiTestBase;
import dev.roster.support.RosterTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@RosterTest
class OpenApiDocumentTest extends ApiTestBase {

    /** Leaves the document where .ci/run lints it with Spectral's OWASP ruleset (.spectral.yaml). */
    @Test
    void theDocumentIsWrittenForTheLinter() throws Exception {
        var document = api.get("/openapi.json", null);

        assertThat(document.status()).isEqualTo(200);
        Path written = Files.writeString(Path.of("target", "openapi.json"), document.text());
        assertThat(Files.size(written)).isPositive();
    }

    @Test
    void theDocumentIsOpenApi31AndListsEveryEndpoint() {
        var document = api.get("/openapi.json", null);

        assertThat(document.status()).isEqualTo(200);
        JsonNode openapi = document.json();
        assertThat(openapi.path("openapi").asString()).startsWith("3.1");
        JsonNode paths = openapi.path("paths");
        List<String> expected = List.of(
                "post /v1/organizations",
                "get /v1/organizations",
                "get /v1/organizations/{orgId}",
                "patch /v1/organizations/{orgId}",
                "delete /v1/organizations/{orgId}",
                "post /v1/partner-keys",
                "get /v1/partner-keys",
                "delete /v1/partner-keys/{keyId}",
                "post /v1/organizations/{orgId}/api-keys",
                "get /v1/organizations/{orgId}/api-keys",
                "delete /v1/organizations/{orgId}/api-keys/{keyId}",
                "post /v1/users",
                "get /v1/users",
                "get /v1/users/{userId}",
                "patch /v1/users/{userId}",
                "delete /v1/users/{userId}",
                "post /v1/users/{userId}/restore",
                "post /v1/users/{userId}/deactivate",
                "post /v1/users/{userId}/reactivate",
                "post /v1/organizations/{orgId}/users",
                "get /v1/organizations/{orgId}/users/{userId}",
                "get /v1/audit-events",
                "get /v1/invitations",
                "get /v1/invitations/{invitationId}",
                "post /v1/invitations/{invitationId}/revoke",
                "post /v1/users/{userId}/invitation/resend",
                "get /v1/public/invitations/{token}",
                "post /v1/public/invitations/{token}/accept",
                "post /v1/auth/token",
                "post /v1/auth/password",
                "get /.well-known/jwks.json",
                "post /v1/sso-providers",
                "patch /v1/sso-providers/{providerId}");
        for (String operation : expected) {
            String[] parts = operation.split(" ");
            assertThat(paths.path(parts[1]).has(parts[0])).as(operation).isTrue();
        }
        assertThat(paths.has("/test/failure")).isFalse();
        assertThat(paths.path("/v1/users").path("post").path("responses").has("409"))
                .isTrue();
        assertThat(paths.path("/v1/users").path("post").path("responses").has("201"))
                .isTrue();
        assertThat(openapi.path("components")
                        .path("schemas")
                        .path("Problem")
                        .path("properties")
                        .has("code"))
                .isTrue();
        assertThat(openapi.path("components")
                        .path("schemas")
                        .path("UpdateUserRequest")
                        .path("properties")
                        .has("email"))
                .isTrue();
    }

    @Test
    void eachCompatibilitySurfaceHasItsOwnTagAndDocumentsItsOwnErrorBody() {
        JsonNode paths = api.get("/openapi.json", null).json().path("paths");
        record Surface(String tag, String success, String invalid) {}
        Map<String, Surface> surfaces = Map.of(
                "/api/app/users", new Surface("Compatibility: Recomly", "201", "400"),
                "/api/v1/users", new Surface("Compatibility: EntryGuard", "201", "400"),
                "/api/organizations/{org_id}/users", new Surface("Compatibility: Polytomic", "200", "422"),
                "/api/organization/users", new Surface("Compatibility: Polytomic", "200", "422"),
                "/v1/user/create", new Surface("Compatibility: Aptly", "201", "400"),
                "/auth/v1/user/create", new Surface("Compatibility: Aptly", "201", "400"));

        surfaces.forEach((path, surface) -> {
            JsonNode post = paths.path(path).path("post");
            assertThat(post.path("tags").toString()).as(path).isEqualTo("[\"" + surface.tag() + "\"]");
            assertThat(post.path("responses").has(surface.success())).as(path).isTrue();
            JsonNode invalid = post.path("responses").path(surface.invalid()).path("content");
            assertThat(invalid.has("application/json")).as(path).isTrue();
            assertThat(post.path("responses").toString()).as(path).doesNotContain("problem+json");
        });
    }

    @Test
    void flatfilesFamilyHasItsOwnTagAndRostersOwnUsersPathsKeepTheirs() {
        JsonNode paths = api.get("/openapi.json", null).json().path("paths");
        List<String> flatfile = List.of(
                "post /v1/users/invite",
                "post /flatfile/v1/users/invite",
                "get /flatfile/v1/users",
                "get /flatfile/v1/users/{userId}",
                "patch /flatfile/v1/users/{userId}",
                "delete /flatfile/v1/users/{userId}",
                "post /flatfile/v1/users/{userId}/resend-invite",
                "get /flatfile/v1/users/{userId}/roles",
                "post /flatfile/v1/users/{userId}/roles",
                "delete /flatfile/v1/users/{userId}/roles/{actorRoleId}",
                "get /v1/users/us_usr_{userId}",
                "delete /v1/users/us_usr_{userId}/roles/{actorRoleId}");
        for (String operation : flatfile) {
            String[] parts = operation.split(" ");
            JsonNode documented = paths.path(parts[1]).path(parts[0]);
            assertThat(documented.path("tags").toString()).as(operation).isEqualTo("[\"Compatibility: Flatfile\"]");
            assertThat(documented.path("responses").toString()).as(operation).doesNotContain("problem+json");
        }
        JsonNode invite = paths.path("/v1/users/invite").path("post").path("responses");
        assertThat(invite.has("200")).isTrue();
        assertThat(invite.path("400").path("content").has("application/json")).isTrue();
        for (String roster : List.of("/v1/users", "/v1/users/{userId}", "/v1/users/{userId}/roles")) {
            JsonNode get = paths.path(roster).path("get");
            assertThat(get.path("tags").toString()).as(roster).doesNotContain("Flatfile");
            assertThat(get.path("responses").toString()).as(roster).contains("problem+json");
        }
    }

    @Test
    void swaggerUiIsServedAtDocs() {
        var docs = api.get("/docs", null);
        assertThat(docs.status()).isIn(200, 302);
    }
}
