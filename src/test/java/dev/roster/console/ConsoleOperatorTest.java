package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Api;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's console: a platform or partner key typed once becomes a session that keeps no key, acts as that
 * key while it lives and reaches only what the key may; organizations and keys are managed through the services.
 */
@RosterTest
class ConsoleOperatorTest extends ConsoleTestBase {

    private static final String SESSION = "__Host-roster_session";
    private static final Pattern ORG_LINK =
            Pattern.compile("/console/operator/organizations/([0-9a-f-]{36})\\?done=created");

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePlatformKeyBecomesASessionThatKeepsNoKeyAndManagesOrganizations() {
        // when the operator signs in with the platform key
        Pages operator = signedIn(Api.PLATFORM_KEY);

        // then the browser holds a session cookie that is not the key, and the session row stands for the key by id
        String cookie = operator.cookie(SESSION).orElseThrow();
        assertThat(cookie).doesNotContain(Api.PLATFORM_KEY);
        assertThat(jdbc.sql("SELECT count(*) FROM browser_sessions WHERE user_id IS NULL AND api_key_id IS NOT NULL"
                                + " AND ended_at IS NULL AND method = 'api_key'")
                        .query(Long.class)
                        .single())
                .isPositive();

        // when it creates an organization on a plan with a seat override
        HttpResponse<String> list = operator.get("/console/operator/organizations");
        assertThat(list.body()).contains("<option value=\"enterprise\"").doesNotContain(Api.PLATFORM_KEY);
        String name = "Console org " + UUID.randomUUID();
        HttpResponse<String> created = operator.post(
                "/console/operator/organizations", Map.of("name", name, "plan", "starter", "seatLimit", "3"));

        // then it exists as asked, and the audit log names the platform key as its creator
        Matcher link = ORG_LINK.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(link.matches()).as(created.body()).isTrue();
        String id = link.group(1);
        Api.Response org = api.get("/v1/organizations/" + id, Api.PLATFORM_KEY);
        assertThat(org.field("plan")).isEqualTo("starter");
        assertThat(org.json().get("seatLimit").asInt()).isEqualTo(3);
        assertThat(org.field("createdBy")).startsWith("api_key:");

        // when it changes the plan, clears the override and has roles wait for acceptance
        operator.get("/console/operator/organizations/" + id);
        HttpResponse<String> saved = operator.post(
                "/console/operator/organizations/" + id,
                Map.of("name", name, "plan", "business", "seatLimit", "", "rolesTakeEffect", "on_accept"));
        assertThat(saved.headers().firstValue("Location"))
                .hasValue("/console/operator/organizations/" + id + "?done=saved");
        Api.Response changed = api.get("/v1/organizations/" + id, Api.PLATFORM_KEY);
        assertThat(changed.field("plan")).isEqualTo("business");
        assertThat(changed.json().get("seatLimit").asInt()).isEqualTo(25);
        assertThat(changed.field("rolesTakeEffect")).isEqualTo("on_accept");

        // when it deletes the organization after the question
        HttpResponse<String> question = operator.get("/console/operator/organizations/" + id + "/delete");
        assertThat(question.body()).contains("Delete the organization " + name + "?");
        HttpResponse<String> deleted = operator.post("/console/operator/organizations/" + id + "/delete", Map.of());

        // then it is gone
        assertThat(deleted.headers().firstValue("Location")).hasValue("/console/operator/organizations?done=deleted");
        assertThat(api.get("/v1/organizations/" + id, Api.PLATFORM_KEY).status())
                .isEqualTo(404);
    }

    @Test
    void aWrongKeyAnOrganizationKeyOrAFormWithoutItsTokenOpensNothing() {
        // given an organization key
        Tenant tenant = fixtures.tenant("free");
        String typed = "roster_platform_" + "x".repeat(43);

        // when each is typed into the sign-in
        Pages browser = browsers.anonymous();
        browser.get("/console/operator/sign-in");
        HttpResponse<String> wrong = browser.post("/console/operator/sign-in", Map.of("key", typed));
        HttpResponse<String> organizationKey =
                browser.post("/console/operator/sign-in", Map.of("key", tenant.adminKey()));
        HttpResponse<String> noToken =
                browser.postWithoutCsrf("/console/operator/sign-in", Map.of("key", Api.PLATFORM_KEY));

        // then each is refused, the key is never shown back, and no session started
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body())
                .contains("This is not a live platform or partner key.")
                .doesNotContain(typed);
        assertThat(organizationKey.statusCode()).isEqualTo(401);
        assertThat(organizationKey.body()).doesNotContain(tenant.adminKey());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(browser.cookie(SESSION)).isEmpty();
        assertThat(browser.get("/console/operator/organizations").headers().firstValue("Location"))
                .hasValue("/console/operator/sign-in?continue=%2Fconsole%2Foperator%2Forganizations");
    }

    @Test
    void guessingKeysOnTheSignInIsLimitedPerAddress() {
        // given a browser that guesses keys from one address
        Pages guesser = browsers.anonymous();
        guesser.get("/console/operator/sign-in");

        // when it sends more guesses than the address's minute allows
        int refused = 0;
        int limited = 0;
        for (int i = 0; i < 200 && limited == 0; i++) {
            int status = guesser.post("/console/operator/sign-in", Map.of("key", "roster_platform_guess" + i))
                    .statusCode();
            refused += status == 401 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }

        // then it is told to wait after about a minute's worth (120, and what refilled meanwhile), and even the
        // right key waits now
        assertThat(limited).isEqualTo(1);
        assertThat(refused).isBetween(100, 140);
        assertThat(guesser.post("/console/operator/sign-in", Map.of("key", Api.PLATFORM_KEY))
                        .statusCode())
                .isEqualTo(429);
    }

    @Test
    void aPartnerSeesOnlyItsOwnOrganizationsAndNoKeyPages() {
        // given a partner key with an organization of its own, and an organization it did not create
        String partnerKey = fixtures.partnerKey();
        String own = fixtures.organization(partnerKey, "starter");
        String foreign = fixtures.organization("business");

        // when the partner signs in and looks around
        Pages partner = signedIn(partnerKey);
        HttpResponse<String> list = partner.get("/console/operator/organizations");
        HttpResponse<String> ownPage = partner.get("/console/operator/organizations/" + own);
        HttpResponse<String> foreignPage = partner.get("/console/operator/organizations/" + foreign);
        HttpResponse<String> keys = partner.get("/console/operator/partner-keys");
        HttpResponse<String> forgedDelete =
                partner.post("/console/operator/organizations/" + foreign + "/delete", Map.of());

        // then it has its own organization only, no key page, and the other is 404 however asked
        assertThat(list.body())
                .contains("/console/operator/organizations/" + own)
                .doesNotContain(foreign);
        assertThat(list.body()).doesNotContain("/console/operator/partner-keys", "/console/operator/platform-keys");
        assertThat(ownPage.statusCode()).isEqualTo(200);
        assertThat(foreignPage.statusCode()).isEqualTo(404);
        assertThat(keys.statusCode()).isEqualTo(403);
        assertThat(forgedDelete.statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/organizations/" + foreign, Api.PLATFORM_KEY).status())
                .isEqualTo(200);
    }

    @Test
    void revokingTheKeyEndsItsSession() {
        // given a partner signed in
        String partnerKey = fixtures.partnerKey();
        Pages partner = signedIn(partnerKey);
        assertThat(partner.get("/console/operator/organizations").statusCode()).isEqualTo(200);
        UUID keyId = jdbc.sql("SELECT api_key_id FROM browser_sessions WHERE api_key_id IS NOT NULL"
                        + " ORDER BY created_at DESC LIMIT 1")
                .query(UUID.class)
                .single();

        // when the platform revokes its key
        assertThat(api.delete("/v1/partner-keys/" + keyId, Api.PLATFORM_KEY).status())
                .isEqualTo(204);

        // then its session has ended and the next page sends it to sign in
        assertThat(jdbc.sql("SELECT count(*) FROM browser_sessions WHERE api_key_id = :key AND ended_at IS NULL")
                        .param("key", keyId)
                        .query(Long.class)
                        .single())
                .isZero();
        HttpResponse<String> next = partner.get("/console/operator/organizations");
        assertThat(next.statusCode()).isEqualTo(303);
        assertThat(next.headers().firstValue("Location").orElseThrow()).startsWith("/console/operator/sign-in");
    }

    @Test
    void anOperatorSessionIsNoMembersSessionAndAMembersSessionOpensNoOperatorPage() {
        // given an operator signed in, and a member signed in
        Pages operator = signedIn(Api.PLATFORM_KEY);
        Tenant tenant = fixtures.tenant("business");
        Member member = browsers.signedIn(tenant.adminKey(), "admin");

        // when each opens the other's pages
        HttpResponse<String> members = operator.get("/console/members");
        HttpResponse<String> login = operator.get("/login");
        HttpResponse<String> operatorPage = member.browser().get("/console/operator/organizations");

        // then neither gets in
        assertThat(members.statusCode()).isEqualTo(303);
        assertThat(members.headers().firstValue("Location").orElseThrow()).startsWith("/login?continue=");
        assertThat(login.body()).contains("name=\"email\"");
        assertThat(operatorPage.statusCode()).isEqualTo(303);
        assertThat(operatorPage.headers().firstValue("Location").orElseThrow()).startsWith("/console/operator/sign-in");
    }

    @Test
    void thePlatformCreatesAndRevokesPartnerAndPlatformKeysWithTheSecretShownOnce() {
        Pages operator = signedIn(Api.PLATFORM_KEY);

        operator.get("/console/operator/partner-keys");
        HttpResponse<String> partner = operator.post("/console/operator/partner-keys", Map.of("name", "Reseller"));
        assertThat(partner.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher secret = ConsoleApiKeysTest.SECRET.matcher(partner.body());
        assertThat(secret.find()).isTrue();
        String partnerSecret = secret.group(1);
        assertThat(partnerSecret).startsWith("roster_partner_");
        assertThat(api.get("/v1/organizations", partnerSecret).status()).isEqualTo(200);

        operator.get("/console/operator/platform-keys");
        HttpResponse<String> platform = operator.post("/console/operator/platform-keys", Map.of("name", "Deploys"));
        Matcher platformSecret = ConsoleApiKeysTest.SECRET.matcher(platform.body());
        assertThat(platformSecret.find()).isTrue();
        String platformId = jdbc.sql("SELECT id FROM api_keys WHERE kind = 'platform' AND name = 'Deploys'"
                        + " ORDER BY created_at DESC LIMIT 1")
                .query(UUID.class)
                .single()
                .toString();
        HttpResponse<String> list = operator.get("/console/operator/platform-keys");
        assertThat(list.body()).contains("Deploys").doesNotContain(platformSecret.group(1));
        HttpResponse<String> revoked =
                operator.post("/console/operator/platform-keys/" + platformId + "/revoke", Map.of());
        assertThat(revoked.headers().firstValue("Location")).hasValue("/console/operator/platform-keys?done=revoked");
        assertThat(api.get("/v1/organizations", platformSecret.group(1)).status())
                .isEqualTo(401);
        assertThat(List.of(partner.body(), platform.body(), list.body())).noneMatch(b -> b.contains(Api.PLATFORM_KEY));
    }

    private Pages signedIn(String key) {
        Pages browser = browsers.anonymous();
        browser.get("/console/operator/sign-in");
        HttpResponse<String> signedIn = browser.post("/console/operator/sign-in", Map.of("key", key));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/console/operator/organizations");
        return browser;
    }
}
