package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A second factor: enrolled by the user, asked for at every sign-in, each code working once. */
@RosterTest
class MfaTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void anEnrolledUserSignsInWithACodeThatWorksOnce() {
        // given a member who enrolled an authenticator
        Enrolled member = enrolled("user");

        // when it signs in with its password
        Api.Response first = fixtures.signIn(member.email(), PASSWORD);

        // then it is asked for a code; a wrong one fails, the right one signs in, and the same code again fails
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.field("challenge")).isEqualTo("mfa_required");
        assertThat(first.field("accessToken")).isNull();
        assertThat(secondFactor(first.field("challengeToken"), "000000", null).status())
                .isEqualTo(400);
        String code = member.codeForNextStep();
        Api.Response signedIn = secondFactor(first.field("challengeToken"), code, null);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(api.get("/v1/users/me", signedIn.field("accessToken"))
                        .json()
                        .path("mfaEnabled")
                        .asBoolean())
                .isTrue();
        String again = fixtures.signIn(member.email(), PASSWORD).field("challengeToken");
        assertThat(secondFactor(again, code, null).status()).isEqualTo(400);
        assertThat(meters.counter("roster.sign_ins", "grant", "mfa", "outcome", "success")
                        .count())
                .isPositive();
        assertThat(meters.counter("roster.sign_ins", "grant", "mfa", "outcome", "validation_failed")
                        .count())
                .isPositive();
    }

    @Test
    void aChallengeWorksOnceAndARecoveryCodeToo() {
        Enrolled member = enrolled("user");
        String challenge = fixtures.signIn(member.email(), PASSWORD).field("challengeToken");
        String recovery = member.recoveryCodes().get(0);

        Api.Response recovered = secondFactor(challenge, null, recovery);
        Api.Response replayedChallenge =
                secondFactor(challenge, null, member.recoveryCodes().get(1));
        String next = fixtures.signIn(member.email(), PASSWORD).field("challengeToken");
        Api.Response reusedRecovery = secondFactor(next, null, recovery);

        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        assertThat(replayedChallenge.status()).isEqualTo(401);
        assertThat(reusedRecovery.status()).isEqualTo(400);
        assertThat(secondFactor(next, null, member.recoveryCodes().get(2)).status())
                .isEqualTo(200);
    }

    @Test
    void wrongCodesCountTowardTheSignInLimit() {
        Enrolled member = enrolled("user");
        String challenge = fixtures.signIn(member.email(), PASSWORD).field("challengeToken");

        for (int i = 0; i < 4; i++) {
            assertThat(secondFactor(challenge, "00000" + i, null).status()).isEqualTo(400);
        }

        // the password's attempt and four wrong codes make five: the next attempt of any kind is refused
        assertThat(secondFactor(challenge, member.codeForNextStep(), null).status())
                .isEqualTo(429);
        assertThat(fixtures.signIn(member.email(), PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void anAdminResetsMfaWhichIsAuditedAndCountsAsAGrant() {
        // given an admin with an authenticator, and a key that may only write users
        Enrolled admin = enrolled("admin");
        String userManager = fixtures.keyWith(tenant.organizationId(), "users:read", "users:write");

        // when the user manager and then the admin key reset its MFA
        Api.Response byManager = api.delete("/v1/users/" + admin.id() + "/mfa", userManager);
        Api.Response byAdmin = api.delete("/v1/users/" + admin.id() + "/mfa", tenant.adminKey());

        // then only the admin key may, sign-in no longer asks for a code, and the reset is in the audit log
        assertThat(byManager.status()).isEqualTo(403);
        assertThat(byManager.field("code")).isEqualTo("permission_escalation");
        assertThat(byAdmin.status()).isEqualTo(204);
        assertThat(fixtures.signIn(admin.email(), PASSWORD).field("accessToken"))
                .isNotNull();
        assertThat(api.get("/v1/audit-events?action=user.mfa_reset&targetId=" + admin.id(), tenant.adminKey())
                        .json()
                        .path("data"))
                .hasSize(1);
    }

    @Test
    void theSecretIsSealedAndTheEnrollmentCarriesAQrCode() {
        String jwt = signedIn(Fixtures.uniqueEmail("qr"), "user");

        Api.Response enrollment = api.post("/v1/users/me/mfa/totp", jwt, null);

        assertThat(enrollment.status()).isEqualTo(200);
        assertThat(enrollment.field("otpauthUri"))
                .startsWith("otpauth://totp/")
                .contains("secret=" + enrollment.field("secret"));
        assertThat(enrollment.field("qrCodeSvg")).startsWith("<svg").contains("<path");
        assertThat(jdbc.sql("SELECT secret FROM user_totp WHERE secret LIKE 'rsb1:%'")
                        .query(String.class)
                        .list())
                .isNotEmpty()
                .noneMatch(stored -> stored.contains(enrollment.field("secret")));
        assertThat(api.post("/v1/users/me/mfa/totp", tenant.adminKey(), null).status())
                .isEqualTo(403);
    }

    @Test
    void theLoginPageAsksForTheCodeAfterThePassword() {
        Enrolled member = enrolled("user");
        Pages pages = new Pages(port, "2001:db8:3fa::1");

        HttpResponse<String> asked = pages.post("/login", null, Map.of("email", member.email(), "password", PASSWORD));
        Matcher challenge =
                Pattern.compile("name=\"challengeToken\" value=\"([^\"]+)\"").matcher(asked.body());

        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Your authenticator code");
        assertThat(challenge.find()).isTrue();
        HttpResponse<String> wrong =
                pages.post("/login/mfa", null, Map.of("challengeToken", challenge.group(1), "code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> signedIn = pages.post(
                "/login/mfa", null, Map.of("challengeToken", challenge.group(1), "code", member.codeForNextStep()));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(pages.get("/login").body()).contains(member.email());
    }

    @Test
    void anOrganizationThatRequiresMfaMakesAUserEnrollBeforeItGetsAnyToken() {
        // given a member, and its organization's admin turning MFA on
        String email = Fixtures.uniqueEmail("required");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        String reader = fixtures.keyWith(tenant.organizationId(), "organization:read");
        Api.Response refused =
                api.patch("/v1/organizations/" + tenant.organizationId(), reader, Map.of("mfaRequired", true));
        Api.Response required = api.patch(
                "/v1/organizations/" + tenant.organizationId(), tenant.adminKey(), Map.of("mfaRequired", true));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(required.status()).as(required.toString()).isEqualTo(200);
        assertThat(required.json().path("mfaRequired").asBoolean()).isTrue();

        // when the member signs in, enrolls with the challenge, and confirms with a code
        Api.Response signIn = fixtures.signIn(email, PASSWORD);
        String challenge = signIn.field("challengeToken");
        Api.Response enrollment = api.post("/v1/auth/mfa/enroll", null, Map.of("challengeToken", challenge));
        assertThat(enrollment.status()).as(signIn + " then " + enrollment).isEqualTo(200);
        byte[] key = Totp.unbase32(enrollment.field("secret"));
        String code = Totp.code(key, Instant.now().getEpochSecond() / Totp.STEP_SECONDS);
        Api.Response confirmed =
                api.post("/v1/auth/mfa/enroll/confirm", null, Map.of("challengeToken", challenge, "code", code));

        // then it got no token before, tokens and recovery codes after, and the challenge is spent
        assertThat(signIn.field("challenge")).isEqualTo("mfa_enrollment_required");
        assertThat(signIn.field("accessToken")).isNull();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.field("accessToken")).isNotNull();
        assertThat(confirmed.json().path("recoveryCodes")).hasSize(10);
        assertThat(api.post("/v1/auth/mfa/enroll", null, Map.of("challengeToken", challenge))
                        .status())
                .isEqualTo(401);
        assertThat(fixtures.signIn(email, PASSWORD).field("challenge")).isEqualTo("mfa_required");
    }

    @Test
    void theLoginPageEnrollsAnAuthenticatorWhereTheOrganizationRequiresOne() {
        String email = Fixtures.uniqueEmail("page-enroll");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        api.patch("/v1/organizations/" + tenant.organizationId(), tenant.adminKey(), Map.of("mfaRequired", true));
        Pages pages = new Pages(port, "2001:db8:3fa::2");

        HttpResponse<String> page = pages.post("/login", null, Map.of("email", email, "password", PASSWORD));
        Matcher challenge =
                Pattern.compile("name=\"challengeToken\" value=\"([^\"]+)\"").matcher(page.body());
        Matcher secret = Pattern.compile("Key: <code>([A-Z2-7]+)</code>").matcher(page.body());

        assertThat(page.body()).contains("Set up your authenticator", "<svg");
        assertThat(challenge.find() && secret.find()).isTrue();
        String code = Totp.code(Totp.unbase32(secret.group(1)), Instant.now().getEpochSecond() / Totp.STEP_SECONDS);
        HttpResponse<String> done =
                pages.post("/login/mfa/enroll", null, Map.of("challengeToken", challenge.group(1), "code", code));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Your recovery codes");
        assertThat(pages.get("/login").body()).contains(email);
    }

    @Test
    void aSignedInUserEnrollsFromItsAccountPageAndTurnsItOffOnlyWithACode() {
        // given a member signed in on the hosted login, and a browser that is not signed in
        String email = Fixtures.uniqueEmail("self-enroll");
        String id = fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        Pages pages = new Pages(port, "2001:db8:3fa::3");
        assertThat(pages.post("/login", Map.of("email", email, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(303);
        HttpResponse<String> anonymous = new Pages(port, "2001:db8:3fa::4").get("/login/mfa/setup");

        // when it follows the account page's link, and sends a wrong code, a form without its token, then the right
        String account = pages.get("/login").body();
        HttpResponse<String> setup = pages.get("/login/mfa/setup");
        Matcher secret = Pattern.compile("Key: <code>([A-Z2-7]+)</code>").matcher(setup.body());
        assertThat(secret.find()).as(setup.body()).isTrue();
        byte[] key = Totp.unbase32(secret.group(1));
        HttpResponse<String> wrong = pages.post("/login/mfa/setup", Map.of("code", "000000"));
        HttpResponse<String> forged = pages.postWithoutCsrf(
                "/login/mfa/setup", Map.of("code", Totp.code(key, Instant.now().getEpochSecond() / 30)));
        HttpResponse<String> done = pages.post(
                "/login/mfa/setup", Map.of("code", Totp.code(key, Instant.now().getEpochSecond() / 30)));

        // then the account page offered it, only the right code with its form's token turned it on, the recovery
        // codes were shown once, and sign-in now asks for a code that one of them meets
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?continue=%2Flogin%2Fmfa%2Fsetup");
        assertThat(account).contains("Set up an authenticator", "href=\"/login/mfa/setup\"");
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("<svg", "action=\"/login/mfa/setup\"", "name=\"_csrf\"");
        assertThat(setup.body()).doesNotContain("challengeToken");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("That code is not right", "aria-describedby=\"code-error\"");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        Matcher codes = Pattern.compile("<li><code>([a-z0-9-]{14})</code></li>").matcher(done.body());
        List<String> recovery = new ArrayList<>();
        while (codes.find()) {
            recovery.add(codes.group(1));
        }
        assertThat(recovery).hasSize(10);
        assertThat(pages.get("/login").body()).contains("Manage your authenticator");
        Api.Response challenged = fixtures.signIn(email, PASSWORD);
        assertThat(challenged.field("challenge")).isEqualTo("mfa_required");
        assertThat(secondFactor(challenged.field("challengeToken"), null, recovery.get(0))
                        .status())
                .isEqualTo(200);

        // and turning it off takes a current code: a wrong one changes nothing, the next step's code turns it off
        HttpResponse<String> manage = pages.get("/login/mfa/setup");
        HttpResponse<String> wrongOff = pages.post("/login/mfa/disable", Map.of("code", "000000"));
        assertThat(manage.body()).contains("Turn it off", "action=\"/login/mfa/disable\"");
        assertThat(wrongOff.statusCode()).isEqualTo(400);
        assertThat(fixtures.signIn(email, PASSWORD).field("challenge")).isEqualTo("mfa_required");
        HttpResponse<String> off = pages.post(
                "/login/mfa/disable",
                Map.of("code", Totp.code(key, Instant.now().getEpochSecond() / 30 + 1)));
        assertThat(off.statusCode()).isEqualTo(303);
        assertThat(off.headers().firstValue("Location")).hasValue("/login");
        assertThat(fixtures.signIn(email, PASSWORD).field("accessToken")).isNotNull();
        assertThat(pages.get("/login").body()).contains("Set up an authenticator");
        assertThat(api.get("/v1/audit-events?action=user.mfa_disabled&targetId=" + id, tenant.adminKey())
                        .json()
                        .path("data"))
                .hasSize(1);
    }

    @Test
    void theApiTurnsAnAuthenticatorOffOnlyWithACodeAndNeverWhereTheOrganizationRequiresOne() {
        // given a member with an authenticator and a fresh access token
        Enrolled member = enrolled("user");
        String jwt = secondFactor(
                        fixtures.signIn(member.email(), PASSWORD).field("challengeToken"),
                        null,
                        member.recoveryCodes().get(0))
                .field("accessToken");

        // when its organization requires MFA, it cannot turn it off even with a right code
        api.patch("/v1/organizations/" + tenant.organizationId(), tenant.adminKey(), Map.of("mfaRequired", true));
        Api.Response required =
                api.post("/v1/users/me/mfa/totp/disable", jwt, Map.of("code", member.codeForNextStep()));
        api.patch("/v1/organizations/" + tenant.organizationId(), tenant.adminKey(), Map.of("mfaRequired", false));
        Api.Response missing = api.post("/v1/users/me/mfa/totp/disable", jwt, Map.of());
        Api.Response wrong = api.post("/v1/users/me/mfa/totp/disable", jwt, Map.of("code", "000000"));
        Api.Response off = api.post(
                "/v1/users/me/mfa/totp/disable",
                jwt,
                Map.of("code", Totp.code(member.key(), Instant.now().getEpochSecond() / Totp.STEP_SECONDS + 1)));

        // then only the right code, where MFA is not required, turns it off
        assertThat(required.status()).isEqualTo(409);
        assertThat(required.field("code")).isEqualTo("mfa_required_by_organization");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(off.status()).as(off.toString()).isEqualTo(204);
        assertThat(api.get("/v1/users/me", jwt).json().path("mfaEnabled").asBoolean())
                .isFalse();
        assertThat(api.post("/v1/users/me/mfa/totp/disable", jwt, Map.of("code", "000000"))
                        .status())
                .isEqualTo(409);
    }

    /** A member with a confirmed authenticator: its secret and its recovery codes. */
    private record Enrolled(String id, String email, byte[] key, List<String> recoveryCodes) {

        /** The code of the step after now: the current one was spent when the authenticator was confirmed. */
        String codeForNextStep() {
            return Totp.code(key, Instant.now().getEpochSecond() / Totp.STEP_SECONDS + 1);
        }
    }

    private Enrolled enrolled(String role) {
        String email = Fixtures.uniqueEmail("mfa");
        String jwt = signedIn(email, role);
        Api.Response enrollment = api.post("/v1/users/me/mfa/totp", jwt, null);
        assertThat(enrollment.status()).as(enrollment.toString()).isEqualTo(200);
        byte[] key = Totp.unbase32(enrollment.field("secret"));
        assertThat(api.post("/v1/users/me/mfa/totp/confirm", jwt, Map.of("code", "123456"))
                        .status())
                .isIn(200, 400);
        Api.Response confirmed = api.post(
                "/v1/users/me/mfa/totp/confirm",
                jwt,
                Map.of("code", Totp.code(key, Instant.now().getEpochSecond() / Totp.STEP_SECONDS)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().path("recoveryCodes").forEach(code -> codes.add(code.asString()));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        String id = api.get("/v1/users/me", jwt).field("id");
        return new Enrolled(id, email, key, codes);
    }

    private String signedIn(String email, String role) {
        fixtures.member(tenant.adminKey(), email, role, PASSWORD);
        return fixtures.signIn(email, PASSWORD).field("accessToken");
    }

    private Api.Response secondFactor(String challenge, String code, String recoveryCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("challengeToken", challenge);
        if (code != null) {
            body.put("code", code);
        }
        if (recoveryCode != null) {
            body.put("recoveryCode", recoveryCode);
        }
        return api.post("/v1/auth/mfa", null, body);
    }
}
