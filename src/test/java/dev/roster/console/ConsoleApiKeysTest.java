package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API keys page: a new key's secret once and nowhere else, revoking after a question, and the service's rules. */
@RosterTest
class ConsoleApiKeysTest extends ConsoleTestBase {

    static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([^<]+)</code>");

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("business");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void aNewKeysSecretIsInThePostsOwnAnswerNeverStoredAndNowhereElse() {
        // given the keys page, with a choice of the organization's roles
        HttpResponse<String> list = admin.browser().get("/console/api-keys");
        assertThat(list.body()).contains("<option value=\"admin\"").contains("<option value=\"user\"");

        // when the admin creates a key with the user role
        HttpResponse<String> created =
                admin.browser().post("/console/api-keys", Map.of("name", "Billing sync", "role", "user"));

        // then the answer itself (no redirect, never cached) shows the secret, and the secret works
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Location")).isEmpty();
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).isTrue();
        String key = secret.group(1);
        assertThat(key).startsWith("roster_org_");
        assertThat(created.body()).contains("Billing sync").contains("data-copy=\"secret\"");
        assertThat(api.get("/v1/permissions", key).status()).isEqualTo(200);
        assertThat(api.get("/v1/users", key).status()).isEqualTo(403);

        // and it is on no other page: not the list, not the audit log, not a cookie
        HttpResponse<String> after = admin.browser().get("/console/api-keys");
        assertThat(after.body()).contains("Billing sync").doesNotContain(key);
        assertThat(admin.browser().get("/console/audit").body()).doesNotContain(key);
        assertThat(created.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.contains(key));
    }

    @Test
    void revokingAsksFirstThenTheKeyStopsWorking() {
        // given a key
        String key = fixtures.key(tenant.organizationId(), "admin");
        String id = api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys?limit=200", tenant.adminKey())
                .json()
                .get("data")
                .get(1)
                .get("id")
                .asString();

        // when the admin follows Revoke without JavaScript, it gets a question with the form that revokes
        HttpResponse<String> list = admin.browser().get("/console/api-keys");
        HttpResponse<String> confirm = admin.browser().get("/console/api-keys/" + id + "/revoke");
        assertThat(list.body()).contains("href=\"/console/api-keys/" + id + "/revoke\" data-confirm");
        assertThat(confirm.body())
                .contains("Revoke this API key?")
                .contains("action=\"/console/api-keys/" + id + "/revoke\"")
                .contains("name=\"_csrf\"");

        // and when it answers yes
        HttpResponse<String> revoked = admin.browser().post("/console/api-keys/" + id + "/revoke", Map.of());

        // then the key is refused and the list says revoked, with no Revoke link
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/console/api-keys?done=revoked");
        assertThat(api.get("/v1/users", key).status()).isEqualTo(401);
        HttpResponse<String> after = admin.browser().get("/console/api-keys?done=revoked");
        assertThat(after.body())
                .contains("The key was revoked")
                .contains("Revoked ")
                .doesNotContain("/console/api-keys/" + id + "/revoke");
    }

    @Test
    void aKeyWithMoreThanTheMemberHoldsIsRefusedAndAMemberWithoutKeysManageHasNoPage() {
        // given a member who manages keys and reads roles but holds nothing else, and one with no permission
        String role = "key keeper " + UUID.randomUUID();
        api.post(
                "/v1/roles",
                tenant.adminKey(),
                Map.of("name", role, "permissions", List.of("keys:manage", "roles:read")));
        Member keeper = browsers.signedIn(tenant.adminKey(), role);
        Member plain = browsers.signedIn(tenant.adminKey(), "user");
        int before = keyCount();

        // when the keeper asks for an admin key, and the plain member opens the page and posts the form
        keeper.browser().get("/console/api-keys");
        HttpResponse<String> escalation =
                keeper.browser().post("/console/api-keys", Map.of("name", "Too strong", "role", "admin"));
        HttpResponse<String> page = plain.browser().get("/console/api-keys");
        HttpResponse<String> forged =
                plain.browser().post("/console/api-keys", Map.of("name", "Forged", "role", "user"));

        // then the escalation is the API's 403 with the form as typed, and the others are 403 too; no key was made
        assertThat(escalation.statusCode()).isEqualTo(403);
        assertThat(escalation.body())
                .contains("permission_escalation")
                .contains("The key&#39;s role admin carries")
                .contains("value=\"Too strong\"")
                .doesNotContain("id=\"secret\"");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("keys:manage");
        assertThat(plain.browser().get("/console/members/" + plain.id()).body()).doesNotContain("/console/api-keys");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(keyCount()).isEqualTo(before);
    }

    @Test
    void aFormWithoutItsCsrfTokenMakesNoKeyAndRevokesNone() {
        // given a key
        fixtures.key(tenant.organizationId(), "user");
        String id = api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", tenant.adminKey())
                .json()
                .get("data")
                .get(1)
                .get("id")
                .asString();
        int before = keyCount();

        // when another site posts the create and revoke forms with the admin's cookies but no token
        HttpResponse<String> create =
                admin.browser().postWithoutCsrf("/console/api-keys", Map.of("name", "Planted", "role", "admin"));
        HttpResponse<String> revoke = admin.browser().postWithoutCsrf("/console/api-keys/" + id + "/revoke", Map.of());

        // then both are refused and nothing changed
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).doesNotContain("roster_org_");
        assertThat(revoke.statusCode()).isEqualTo(403);
        assertThat(keyCount()).isEqualTo(before);
        assertThat(api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", tenant.adminKey())
                        .text())
                .doesNotContain("\"revokedAt\":\"");
    }

    private int keyCount() {
        return api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys?limit=200", tenant.adminKey())
                .json()
                .get("data")
                .size();
    }
}
