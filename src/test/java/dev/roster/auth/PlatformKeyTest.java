package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.RosterProperties;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.RosterTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@RosterTest
class PlatformKeyTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    @Autowired
    Secrets secrets;

    @Autowired
    RosterProperties properties;

    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path dataDir;

    @Test
    void aStartWithAnotherBootstrapKeyRevokesTheOldOneButNotNamedKeys() {
        String named = createPlatformKey("operations");
        String first = "first-bootstrap-key-" + UUID.randomUUID();
        String second = "second-bootstrap-key-" + UUID.randomUUID();

        inRolledBackTransaction(ignored -> {
            start(first);
            assertThat(keys.authenticate(first)).isPresent();

            start(second);

            assertThat(keys.authenticate(first)).as("the first bootstrap key").isEmpty();
            assertThat(keys.authenticate(Api.PLATFORM_KEY))
                    .as("the test's bootstrap key")
                    .isEmpty();
            assertThat(keys.authenticate(second)).isPresent();
            assertThat(keys.authenticate(named))
                    .as("a key made through the API")
                    .isPresent();
            assertThat(jdbc.sql("SELECT actor FROM audit_events WHERE action = 'api_key.revoked'"
                                    + " AND target_id = (SELECT id::text FROM api_keys WHERE secret_hash = :hash)")
                            .param("hash", secrets.hash(first))
                            .query(String.class)
                            .list())
                    .containsExactly("system");
        });
    }

    @Test
    void aStartWithABootstrapKeyRevokesTheKeyOfTheGeneratedFile() throws Exception {
        String configured = "configured-bootstrap-key-" + UUID.randomUUID();
        Path file = dataDir.resolve("bootstrap-key");

        inRolledBackTransaction(ignored -> {
            jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE kind = 'platform' AND revoked_at IS NULL")
                    .update();
            start(null);
            String generated = read(file);
            assertThat(keys.authenticate(generated)).isPresent();

            start(configured);

            assertThat(keys.authenticate(generated)).as("the generated key").isEmpty();
            assertThat(file).doesNotExist();
            assertThat(keys.authenticate(configured)).isPresent();
        });
    }

    @Test
    void platformKeysAreNamedListedAndRevokedByThePlatformOnly() {
        String named = createPlatformKey("rotation");
        String partner = fixtures.partnerKey();
        String tenantKey = fixtures.tenant("starter").adminKey();

        var listed = api.get("/v1/platform-keys?limit=100", named);
        String id = idOf(named);
        var revoked = api.delete("/v1/platform-keys/" + id, Api.PLATFORM_KEY);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(named).contains("\"rotation\"");
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api.get("/v1/organizations", named).status()).isEqualTo(401);
        assertThat(api.delete("/v1/platform-keys/" + id, Api.PLATFORM_KEY).field("code"))
                .isEqualTo("api_key_revoked");
        for (String outsider : List.of(partner, tenantKey)) {
            assertThat(api.post("/v1/platform-keys", outsider, Map.of("name", "x"))
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("/v1/platform-keys", outsider).status()).isEqualTo(403);
            assertThat(api.delete("/v1/platform-keys/" + id, outsider).status()).isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE target_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aListShowsNoMoreOfAnOperatorsChosenKeyThanOfAGeneratedOne() {
        // given the bootstrap key the operator chose, which has none of Roster's prefixes
        String chosen = Api.PLATFORM_KEY;

        // when the platform keys are listed
        var listed = api.get("/v1/platform-keys?limit=100", chosen);

        // then no prefix shown gives away more than six characters of it
        assertThat(listed.status()).isEqualTo(200);
        for (var key : listed.json().path("data")) {
            String prefix = key.path("prefix").asString();
            if (!prefix.startsWith("roster_")) {
                assertThat(prefix.length()).as(prefix).isLessThanOrEqualTo(6);
            }
            assertThat(chosen.startsWith(prefix) && prefix.length() > 6)
                    .as(prefix)
                    .isFalse();
        }
    }

    @Test
    void theLastPlatformKeyCannotBeRevokedEvenByTwoRequestsAtOnce() throws Exception {
        List<UUID> others = jdbc.sql("""
                        UPDATE api_keys SET revoked_at = now() WHERE kind = 'platform' AND revoked_at IS NULL
                          AND secret_hash <> :kept RETURNING id
                        """)
                .param("kept", secrets.hash(Api.PLATFORM_KEY))
                .query(UUID.class)
                .list();
        try {
            for (int round = 0; round < 10; round++) {
                String one = createPlatformKey("one");
                String two = createPlatformKey("two");
                jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE secret_hash = :hash")
                        .param("hash", secrets.hash(Api.PLATFORM_KEY))
                        .update();
                String oneId = idOf(one);
                String twoId = idOf(two);

                List<Integer> statuses = Concurrently.run(
                        2,
                        i -> api.delete("/v1/platform-keys/" + (i == 0 ? oneId : twoId), i == 0 ? two : one)
                                .status());

                // the loser is refused as the last key (409), or, when it came second, its own key is gone (401)
                assertThat(statuses).as("round " + round).containsOnlyOnce(204);
                assertThat(statuses)
                        .as("round " + round)
                        .allMatch(status -> status == 204 || status == 409 || status == 401);
                String survivor = statuses.get(0) == 204 ? two : one;
                var last = api.delete("/v1/platform-keys/" + idOf(survivor), survivor);
                assertThat(last.status()).isEqualTo(409);
                assertThat(last.field("code")).isEqualTo("last_platform_key");
                restore(List.of(UUID.fromString(idOf(Api.PLATFORM_KEY))));
                api.delete("/v1/platform-keys/" + idOf(survivor), Api.PLATFORM_KEY);
            }
        } finally {
            restore(List.of(UUID.fromString(idOf(Api.PLATFORM_KEY))));
            restore(others);
        }
    }

    private void restore(List<UUID> revoked) {
        jdbc.sql("UPDATE api_keys SET revoked_at = NULL, revoked_by = NULL WHERE id = ANY(:ids)")
                .param("ids", revoked.toArray(UUID[]::new))
                .update();
    }

    private String createPlatformKey(String name) {
        var created = api.post("/v1/platform-keys", Api.PLATFORM_KEY, Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("kind")).isEqualTo("platform");
        return created.field("key");
    }

    private String idOf(String secret) {
        return jdbc.sql("SELECT id::text FROM api_keys WHERE secret_hash = :hash")
                .param("hash", secrets.hash(secret))
                .query(String.class)
                .single();
    }

    /** Runs start-up's bootstrap as a node with this ROSTER_BOOTSTRAP_KEY (null for none) would. */
    private void start(String bootstrapKey) {
        var configured = new RosterProperties(
                dataDir,
                properties.publicUrl(),
                bootstrapKey,
                properties.keyPepper(),
                properties.masterKey(),
                properties.database(),
                properties.users());
        new BootstrapKey(keys, configured).afterSingletonsInstantiated();
    }

    /** The shared server keeps its own platform key: what a restart would change is rolled back. */
    private void inRolledBackTransaction(Consumer<Object> body) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            body.accept(status);
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
