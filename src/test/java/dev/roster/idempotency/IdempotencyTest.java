package dev.roster.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@RosterTest
class IdempotencyTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void aRepeatedRequestGetsTheFirstAnswerAndChangesNothing() {
        String email = Fixtures.uniqueEmail("once");
        Map<String, Object> body = Map.of("email", email);

        var first = create(body, "key-1");
        var second = create(body, "key-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(users()).isEqualTo(1);
        MailServer.await(email, 1);
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(MailServer.messagesFor(email)).hasSize(1);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        create(Map.of("email", Fixtures.uniqueEmail("a")), "key-2");

        var other = create(Map.of("email", Fixtures.uniqueEmail("b")), "key-2");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.field("code")).isEqualTo("idempotency_key_reused");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void refusalsAreReplayedToo() {
        String email = Fixtures.uniqueEmail("dup");
        fixtures.user(tenant.adminKey(), email);

        var first = create(Map.of("email", email), "key-3");
        var again = create(Map.of("email", email), "key-3");

        assertThat(first.status()).isEqualTo(409);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).isEqualTo(first.text());
    }

    @Test
    void concurrentReplaysCreateExactlyOneUser() throws Exception {
        Map<String, Object> body = Map.of("email", Fixtures.uniqueEmail("concurrent"));

        List<Api.Response> answers = Concurrently.run(20, i -> create(body, "key-4"));

        assertThat(answers).extracting(Api.Response::status).containsOnly(201, 409);
        assertThat(answers.stream().filter(a -> a.status() == 409).map(a -> a.field("code")))
                .containsOnly("idempotency_key_in_progress");
        assertThat(users()).isEqualTo(1);
        assertThat(create(body, "key-4").status()).isEqualTo(201);
    }

    @Test
    void keysBelongToTheCredentialThatSentThem() {
        String otherKey = fixtures.key(tenant.organizationId(), "admin");

        var mine = create(Map.of("email", Fixtures.uniqueEmail("mine")), "shared-key");
        var theirs = api.send(
                "POST",
                "/v1/users",
                otherKey,
                Map.of("email", Fixtures.uniqueEmail("theirs")),
                Map.of("Idempotency-Key", "shared-key"));

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(users()).isEqualTo(2);
    }

    @Test
    void malformedKeysAreRefused() {
        var tooLong = create(Map.of("email", Fixtures.uniqueEmail("x")), "k".repeat(256));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.field("code")).isEqualTo("invalid_idempotency_key");
        assertThat(users()).isZero();
    }

    @Test
    void aStoredAnswerThatCarriesASecretIsKeptOnlySealed() {
        var minted = api.send(
                "POST",
                "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                tenant.adminKey(),
                Map.of("name", "minted", "role", "user"),
                Map.of("Idempotency-Key", "secret-answer"));
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        String secret = minted.field("key");

        byte[] stored = jdbc.sql("SELECT response_body FROM idempotency_keys WHERE key = 'secret-answer'")
                .query(byte[].class)
                .single();

        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(secret).doesNotContain(secret.substring(secret.length() - 16));
        assertThat(text).startsWith("rsb1:");
    }

    @Test
    void aReplayIsServedOnlyWhileTheCredentialStillHoldsTheEndpointsPermission() {
        String org = tenant.organizationId();
        String roleId = fixtures.role(org, "keys:manage", "users:read");
        String keyManager = api.post(
                        "/v1/organizations/" + org + "/api-keys",
                        Api.PLATFORM_KEY,
                        Map.of("name", "key manager", "roleId", roleId))
                .field("key");
        Map<String, Object> body = Map.of("name", "minted", "roleId", fixtures.role(org, "users:read"));
        var first = api.send(
                "POST", "/v1/organizations/" + org + "/api-keys", keyManager, body, Map.of("Idempotency-Key", "mint"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        var demoted = api.patch(
                "/v1/organizations/" + org + "/roles/" + roleId,
                Api.PLATFORM_KEY,
                Map.of("permissions", List.of("users:read")));
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        var replay = api.send(
                "POST", "/v1/organizations/" + org + "/api-keys", keyManager, body, Map.of("Idempotency-Key", "mint"));

        assertThat(replay.status()).as(replay.toString()).isEqualTo(403);
        assertThat(replay.text()).doesNotContain(first.field("key"));
    }

    private Api.Response create(Map<String, Object> body, String key) {
        return api.send("POST", "/v1/users", tenant.adminKey(), body, Map.of("Idempotency-Key", key));
    }

    private int users() {
        return api.get("/v1/users", tenant.adminKey()).json().path("data").size();
    }
}
