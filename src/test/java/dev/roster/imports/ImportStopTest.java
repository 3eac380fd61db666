package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Each row acts as the import's credential is at that moment: a key revoked, or a role that lost a permission,
 * stops the import with a clear state; a cancel lets the row in progress finish and leaves the rest. The test holds
 * the first row's email lock to change things while that row is in the middle of its transaction.
 */
@RosterTest
class ImportStopTest extends ApiTestBase {

    private static final Duration LONG = Duration.ofMinutes(2);

    @Autowired
    DataSource database;

    private Imports imports;
    private String organization;
    private String admin;
    private String prefix;

    @BeforeEach
    void organization() {
        imports = new Imports(api);
        organization = fixtures.organization("enterprise");
        admin = fixtures.key(organization, "admin");
        prefix = "stop-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @Test
    void aKeyRevokedDuringAnImportStopsItAfterTheRowInProgress() throws Exception {
        // given an import by a key, its first row held in the middle of its transaction
        Api.Response key = api.post(
                "/v1/organizations/" + organization + "/api-keys",
                Api.PLATFORM_KEY,
                Map.of("name", "importer", "role", "admin"));
        String id;
        try (EmailLock lock = new EmailLock(database, email(0))) {
            id = imports.start(key.field("key"), "sendInvitation=false", file(30));
            lock.awaitWaiting(1);

            // when the key is revoked
            assertThat(api.delete(
                                    "/v1/organizations/" + organization + "/api-keys/" + key.field("id"),
                                    Api.PLATFORM_KEY)
                            .status())
                    .isEqualTo(204);
        }

        // then the import fails once that row is done, and says why; the other rows were not processed
        JsonNode stopped = imports.await(admin, id, LONG, "failed", "completed");
        assertThat(stopped.path("state").asString()).isEqualTo("failed");
        assertThat(stopped.path("error").path("code").asString()).isEqualTo("credential_revoked");
        assertThat(stopped.path("counts").path("created").asInt()).isEqualTo(1);
        assertThat(stopped.path("counts").path("notProcessed").asInt()).isEqualTo(29);
    }

    @Test
    void aKeyWhoseRoleLosesUsersInviteStopsTheImport() throws Exception {
        // given an import by a key of a custom role, its first row held
        String role = fixtures.role(organization, "users:read", "users:write", "users:invite");
        String key = api.post(
                        "/v1/organizations/" + organization + "/api-keys",
                        Api.PLATFORM_KEY,
                        Map.of("name", "importer", "roleId", role))
                .field("key");
        String id;
        try (EmailLock lock = new EmailLock(database, email(0))) {
            id = imports.start(key, "sendInvitation=false", file(10));
            lock.awaitWaiting(1);

            // when the role no longer grants users:invite
            assertThat(api.patch(
                                    "/v1/organizations/" + organization + "/roles/" + role,
                                    Api.PLATFORM_KEY,
                                    Map.of("permissions", List.of("users:read", "users:write")))
                            .status())
                    .isEqualTo(200);
        }

        // then the import stops, naming the permission
        JsonNode stopped = imports.await(admin, id, LONG, "failed", "completed");
        assertThat(stopped.path("error").path("code").asString()).isEqualTo("permission_required");
        assertThat(stopped.path("error").path("message").asString()).contains("users:invite");
        assertThat(stopped.path("counts").path("created").asInt()).isEqualTo(1);
        assertThat(stopped.path("counts").path("notProcessed").asInt()).isEqualTo(9);
    }

    @Test
    void aSignedInUserDeactivatedDuringTheirImportStopsIt() throws Exception {
        // given an import by a signed-in admin, its first row held
        String email = Fixtures.uniqueEmail("importer");
        String userId = fixtures.member(admin, email, "admin", "correct horse battery staple");
        String jwt = fixtures.signIn(email, "correct horse battery staple").field("accessToken");
        String id;
        try (EmailLock lock = new EmailLock(database, email(0))) {
            id = imports.start(jwt, "sendInvitation=false", file(10));
            lock.awaitWaiting(1);

            // when that user is deactivated
            assertThat(api.post("/v1/users/" + userId + "/deactivate", admin, null)
                            .status())
                    .isEqualTo(200);
        }

        // then the import stops: its credential may no longer act
        JsonNode stopped = imports.await(admin, id, LONG, "failed", "completed");
        assertThat(stopped.path("error").path("code").asString()).isEqualTo("credential_revoked");
        assertThat(stopped.path("createdBy").asString()).isEqualTo("user:" + userId);
        assertThat(stopped.path("counts").path("created").asInt()).isEqualTo(1);
        assertThat(stopped.path("counts").path("notProcessed").asInt()).isEqualTo(9);
    }

    @Test
    void aCancelWaitsForTheRowInProgressAndLeavesTheRest() throws Exception {
        // given an import whose first row is held, and a cancel waiting for that row
        String key = admin;
        String id;
        CompletableFuture<Api.Response> cancel;
        try (EmailLock lock = new EmailLock(database, email(0))) {
            id = imports.start(key, "sendInvitation=false", file(20));
            lock.awaitWaiting(1);
            cancel = CompletableFuture.supplyAsync(() -> api.post("/v1/imports/" + id + "/cancel", key, null));
            lock.awaitWaiting(2);
        }

        // then the row in progress was created, the rest (but rows the worker began before the cancel took
        // hold) were left, and nothing was created after the cancel answered
        Api.Response cancelled = cancel.get();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.field("state")).isEqualTo("cancelled");
        JsonNode counts = cancelled.json().path("counts");
        int created = counts.path("created").asInt();
        assertThat(created).isPositive();
        assertThat(counts.path("notProcessed").asInt()).isEqualTo(20 - created);
        List<JsonNode> rows = imports.rows(key, id, "created");
        assertThat(rows).hasSize(created);
        assertThat(rows.get(0).path("email").asString()).isEqualTo(email(0));
        assertThat(api.get("/v1/users?limit=200", key).json().path("data")).hasSize(created);
    }

    private String email(int i) {
        return prefix + i + "@example.com";
    }

    private String file(int rows) {
        return Imports.csv(
                "email", IntStream.range(0, rows).mapToObj(this::email).toList());
    }
}
