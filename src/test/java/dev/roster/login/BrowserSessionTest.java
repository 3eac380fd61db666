package dev.roster.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hosted sign-in ends in a server-side browser session: email first, then password; a {@code __Host-} cookie;
 * idle and absolute timeouts; a CSRF token in every form; sign-out; and the events that end every sign-in of a
 * user end its sessions too.
 */
@RosterTest
class BrowserSessionTest extends ApiTestBase {

    static final String SESSION = "__Host-roster_session";
    private static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger BROWSERS = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void theEmailComesFirstAndEveryEmailGetsThePasswordStepAlike() {
        String email = member();
        Pages known = browser();
        Pages unknown = browser();

        HttpResponse<String> first = known.get("/login");
        HttpResponse<String> knownStep = known.post("/login", Map.of("email", email));
        HttpResponse<String> unknownStep = unknown.post("/login", Map.of("email", "nobody-" + email));

        assertThat(first.body()).contains("name=\"email\"").doesNotContain("name=\"password\"");
        assertThat(knownStep.statusCode()).isEqualTo(200);
        assertThat(unknownStep.statusCode()).isEqualTo(200);
        assertThat(knownStep.body()).contains("name=\"password\"");
        assertThat(withoutVariableParts(unknownStep.body(), "nobody-" + email))
                .isEqualTo(withoutVariableParts(knownStep.body(), email));
        HttpResponse<String> wrong = known.post("/login", Map.of("email", email, "password", "not the password"));
        HttpResponse<String> nobody =
                unknown.post("/login", Map.of("email", "nobody-" + email, "password", "not the password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(withoutVariableParts(nobody.body(), "nobody-" + email))
                .isEqualTo(withoutVariableParts(wrong.body(), email));
        assertThat(known.cookie(SESSION)).isEmpty();
    }

    @Test
    void theLoginPageAnswers429OnceTheEmailsSignInLimitIsReached() {
        // given a member, and someone guessing its password five times
        String email = member();
        Pages guesser = browser();
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.post("/login", Map.of("email", email, "password", "guess " + i))
                            .statusCode())
                    .isEqualTo(401);
        }

        // when the guesser tries again, and then the member with the right password from another browser
        HttpResponse<String> sixth = guesser.post("/login", Map.of("email", email, "password", "guess 5"));
        Pages member = browser();
        HttpResponse<String> right = member.post("/login", Map.of("email", email, "password", PASSWORD));

        // then both are refused for the rest of the window, on the page, with Retry-After, and no session starts
        for (HttpResponse<String> refused : List.of(sixth, right)) {
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("900");
            assertThat(refused.body()).contains("Too many failed sign-ins", "name=\"password\"");
        }
        assertThat(member.cookie(SESSION)).isEmpty();
    }

    @Test
    void aSignInStartsASessionInAHostOnlyCookieThatTheUserSeesAndEnds() {
        // given a member
        String email = member();
        String jwt = fixtures.signIn(email, PASSWORD).field("accessToken");
        Pages browser = browser();

        // when it signs in on the page
        HttpResponse<String> signedIn = browser.post("/login", Map.of("email", email, "password", PASSWORD));

        // then a session starts in a cookie scripts cannot read and no other host can set
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/login");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SESSION + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/")
                .doesNotContain("Domain=");
        String value = browser.cookie(SESSION).orElseThrow();
        HttpResponse<String> account = browser.get("/login");
        assertThat(account.body()).contains(email, "This browser");

        // and the user lists it, and ends it from the API
        Api.Response listed = api.get("/v1/users/me/sessions", jwt);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("data")).hasSize(1);
        String id = listed.json().path("data").get(0).path("id").asText();
        assertThat(listed.text()).doesNotContain(value);
        assertThat(api.delete("/v1/users/me/sessions/" + id, jwt).status()).isEqualTo(204);
        assertThat(browser.get("/login").body()).doesNotContain(email).contains("name=\"email\"");
        assertThat(api.delete("/v1/users/me/sessions/" + id, jwt).status()).isEqualTo(404);
    }

    @Test
    void theSessionIdChangesAtSignInSoAPlantedOneIsWorthNothing() {
        String email = member();
        Pages browser = browser();
        browser.post("/login", Map.of("email", email, "password", PASSWORD));
        String before = browser.cookie(SESSION).orElseThrow();

        // when the same browser signs in again (as after someone planted their own session in it)
        browser.post("/login", Map.of("email", email, "password", PASSWORD));

        // then the old id is dead and a new one lives
        String after = browser.cookie(SESSION).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        Pages planted = browser();
        planted.setCookie(SESSION, before);
        assertThat(planted.get("/login").body()).doesNotContain(email);
        assertThat(browser.get("/login").body()).contains(email);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        // given a signed-in browser
        String email = member();
        Pages browser = browser();
        browser.post("/login", Map.of("email", email, "password", PASSWORD));

        // when another site's page posts the sign-out form, and a sign-in form, without the token
        HttpResponse<String> signOut = browser.postWithoutCsrf("/logout", Map.of());
        HttpResponse<String> signIn = browser().postWithoutCsrf("/login", Map.of("email", email, "password", PASSWORD));
        HttpResponse<String> forged = browser.postWithoutCsrf("/logout", Map.of("_csrf", "forged"));

        // then both are refused with a page that says so, and the session lives on
        assertThat(signOut.statusCode()).isEqualTo(403);
        assertThat(signOut.body()).contains("This form has expired");
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(signIn.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(SESSION));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/login").body()).contains(email);
    }

    @Test
    void aSessionEndsWhenIdleTooLongAndAtItsAbsoluteExpiry() {
        String email = member();
        Pages idle = browser();
        idle.post("/login", Map.of("email", email, "password", PASSWORD));
        Pages old = browser();
        old.post("/login", Map.of("email", email, "password", PASSWORD));
        Pages fresh = browser();
        fresh.post("/login", Map.of("email", email, "password", PASSWORD));

        // when one was last used 31 minutes ago and another began more than 12 hours ago
        String user = userId(email);
        jdbc.sql("""
                        UPDATE browser_sessions SET last_seen_at = now() - interval '31 minutes'
                        WHERE user_id = CAST(:user AS uuid) AND created_at = (SELECT min(created_at)
                            FROM browser_sessions WHERE user_id = CAST(:user AS uuid))
                        """).param("user", user).update();
        jdbc.sql("""
                        UPDATE browser_sessions SET expires_at = now() - interval '1 second'
                        WHERE user_id = CAST(:user AS uuid) AND last_seen_at > now() - interval '1 minute'
                            AND created_at = (SELECT min(created_at) FROM browser_sessions
                                WHERE user_id = CAST(:user AS uuid) AND last_seen_at > now() - interval '1 minute')
                        """).param("user", user).update();

        // then those two are signed out, and the third is not
        assertThat(idle.get("/login").body()).doesNotContain(email);
        assertThat(old.get("/login").body()).doesNotContain(email);
        assertThat(fresh.get("/login").body()).contains(email);
    }

    @Test
    void signingOutEndsTheSessionAndAnAdminsSignOutEndsEveryOne() {
        String email = member();
        Pages first = browser();
        first.post("/login", Map.of("email", email, "password", PASSWORD));
        Pages second = browser();
        second.post("/login", Map.of("email", email, "password", PASSWORD));
        Pages third = browser();
        third.post("/login", Map.of("email", email, "password", PASSWORD));
        String value = first.cookie(SESSION).orElseThrow();

        // when the first signs out on the page
        first.get("/logout");
        HttpResponse<String> out = first.post("/logout", Map.of());

        // then its cookie is cleared and its session dead even for a copy of the cookie
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(first.cookie(SESSION)).isEmpty();
        Pages copy = browser();
        copy.setCookie(SESSION, value);
        assertThat(copy.get("/login").body()).doesNotContain(email);

        // and an admin sees the others, ends one, then signs the user out everywhere
        String user = userId(email);
        Api.Response listed = api.get("/v1/users/" + user + "/sessions", tenant.adminKey());
        assertThat(listed.json().path("data")).hasSize(2);
        String secondId = listed.json().path("data").get(1).path("id").asText();
        assertThat(api.delete("/v1/users/" + user + "/sessions/" + secondId, tenant.adminKey())
                        .status())
                .isEqualTo(204);
        assertThat(second.get("/login").body()).doesNotContain(email);
        assertThat(third.get("/login").body()).contains(email);
        assertThat(api.post("/v1/users/" + user + "/sign-out", tenant.adminKey(), null)
                        .status())
                .isEqualTo(204);
        assertThat(third.get("/login").body()).doesNotContain(email);
        assertThat(api.get("/v1/users/" + user + "/sessions", tenant.adminKey())
                        .json()
                        .path("data"))
                .isEmpty();
    }

    @Test
    void deactivationAndAPasswordResetEndTheSessions() {
        String email = member();
        Pages browser = browser();
        browser.post("/login", Map.of("email", email, "password", PASSWORD));
        api.post("/v1/public/password-resets", null, Map.of("email", email));
        String token = MailServer.find(MailServer.await(email, 2).get(1), "token=(roster_reset_[A-Za-z0-9_-]+)");

        assertThat(api.post(
                                "/v1/public/password-resets/confirm",
                                null,
                                Map.of("token", token, "newPassword", "another long passphrase"))
                        .status())
                .isEqualTo(204);
        assertThat(browser.get("/login").body()).doesNotContain(email);

        Pages again = browser();
        again.post("/login", Map.of("email", email, "password", "another long passphrase"));
        assertThat(again.get("/login").body()).contains(email);
        assertThat(api.post("/v1/users/" + userId(email) + "/deactivate", tenant.adminKey(), null)
                        .status())
                .isEqualTo(200);
        assertThat(again.get("/login").body()).doesNotContain(email);
    }

    @Test
    void aSignInContinuesOnlyToRostersOwnPaths() {
        String email = member();
        for (String target : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "x"}) {
            Pages browser = browser();
            HttpResponse<String> answer =
                    browser.post("/login", Map.of("email", email, "password", PASSWORD, "continue", target));
            assertThat(answer.headers().firstValue("Location")).as(target).hasValue("/login");
        }
        Pages browser = browser();
        HttpResponse<String> answer =
                browser.post("/login", Map.of("email", email, "password", PASSWORD, "continue", "/login/forgot?x={y}"));
        assertThat(answer.headers().firstValue("Location")).hasValue("/login/forgot?x={y}");
        assertThat(browser.get("/login?continue=/login/forgot").headers().firstValue("Location"))
                .hasValue("/login/forgot");
    }

    private Pages browser() {
        return new Pages(port, "2001:db8:b5e::" + Integer.toHexString(BROWSERS.incrementAndGet()));
    }

    private String member() {
        String email = Fixtures.uniqueEmail("browser");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        return email;
    }

    private String userId(String email) {
        return jdbc.sql("SELECT id::text FROM users WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();
    }

    /** A page without what differs between two browsers: the email typed and the CSRF token. */
    private static String withoutVariableParts(String page, String email) {
        return page.replace(email, "EMAIL").replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "CSRF");
    }
}
