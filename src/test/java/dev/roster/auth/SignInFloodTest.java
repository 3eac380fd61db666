package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A flood of sign-ins with made-up emails must not take the database from everyone else: passwords are hashed
 * outside transactions behind a short queue, and what does not fit is refused at once.
 */
@RosterTest
class SignInFloodTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void sixtyParallelSignInsHoldNoTransactionAndTheApiKeepsAnswering() throws Exception {
        // given an organization whose admin keeps using the API
        Tenant tenant = fixtures.tenant("business");
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger longIdleTransactions = new AtomicInteger();
        AtomicLong slowestApiCall = new AtomicLong();
        List<Integer> apiStatuses = new ArrayList<>();
        var watcher = CompletableFuture.runAsync(() -> {
            while (flooding.get()) {
                longIdleTransactions.accumulateAndGet(idleInTransaction(), Math::max);
            }
        });
        var user = CompletableFuture.runAsync(() -> {
            while (flooding.get()) {
                long start = System.nanoTime();
                int status = api.get("/v1/users?limit=1", tenant.adminKey()).status();
                slowestApiCall.accumulateAndGet(System.nanoTime() - start, Math::max);
                synchronized (apiStatuses) {
                    apiStatuses.add(status);
                }
            }
        });

        // when sixty sign-ins with unknown emails arrive at once, from sixty addresses
        List<Api.Response> answers = Concurrently.run(
                60,
                i -> api.send(
                        "POST",
                        "/v1/auth/token",
                        null,
                        Map.of("email", Fixtures.uniqueEmail("flood"), "password", "a guess that is long enough"),
                        Map.of("X-Forwarded-For", "2001:db8:f100::" + Integer.toHexString(i + 1))));
        flooding.set(false);
        watcher.get();
        user.get();

        // then each is a wrong-password answer or a quick refusal, no transaction stayed open while a hash was
        // computed, and the admin's calls all succeeded
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(401, 503));
        List<Api.Response> refused =
                answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused).isNotEmpty();
        assertThat(refused.get(0).field("code")).isEqualTo("sign_in_busy");
        assertThat(refused.get(0).header("Retry-After")).isEqualTo("1");
        assertThat(longIdleTransactions.get()).isZero();
        assertThat(apiStatuses).isNotEmpty().containsOnly(200);
        assertThat(Duration.ofNanos(slowestApiCall.get())).isLessThan(Duration.ofSeconds(3));
    }

    private int idleInTransaction() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
                        + " AND datname = current_database() AND xact_start < now() - interval '500 milliseconds'")
                .query(Integer.class)
                .single();
    }
}
