package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.DnsServer;
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

/** The organization's settings, its domains (TXT record, Verify) and its SCIM tokens (shown once, revoked). */
@RosterTest
class ConsoleSettingsTest extends ConsoleTestBase {

    static {
        DnsServer.ensureStarted();
    }

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("business");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void anAdminRequiresASecondFactorAndBrandsTheLoginPagesButAnInvalidLogoIsAFieldError() {
        // given the settings page, which shows what only the operator changes as text
        HttpResponse<String> page = admin.browser().get("/console/settings");
        assertThat(page.body())
                .contains("<dd id=\"org-name\">")
                .contains("business")
                .contains("The platform operator (or the partner that created the organization) changes");

        // when the admin saves a logo that is not https
        HttpResponse<String> invalid = admin.browser()
                .post(
                        "/console/settings",
                        Map.of("mfaRequired", "true", "displayName", "Acme", "logoUrl", "http://example.com/l.png"));

        // then it is a 400 beside the field, with what was typed, and nothing changed
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("id=\"logoUrl-error\" class=\"field-error\">must be an https URL")
                .contains("value=\"http://example.com/l.png\"")
                .contains("value=\"Acme\"");
        assertThat(org().json().get("mfaRequired").asBoolean()).isFalse();

        // when it saves valid ones
        HttpResponse<String> saved = admin.browser()
                .post(
                        "/console/settings",
                        Map.of("mfaRequired", "true", "displayName", "Acme", "logoUrl", "https://example.com/l.png"));

        // then the organization has them, and an unchecked box turns the requirement off again
        assertThat(saved.headers().firstValue("Location")).hasValue("/console/settings?done=saved");
        assertThat(org().json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(org().field("displayName")).isEqualTo("Acme");
        admin.browser().post("/console/settings", Map.of("displayName", "", "logoUrl", ""));
        assertThat(org().json().get("mfaRequired").asBoolean()).isFalse();
        assertThat(org().json().get("logoUrl").isNull()).isTrue();
    }

    @Test
    void aMemberWhoOnlyReadsSeesTheSettingsWithoutSaveAndAForgedSaveIsRefused() {
        String reader = "org reader " + UUID.randomUUID();
        api.post("/v1/roles", tenant.adminKey(), Map.of("name", reader, "permissions", List.of("organization:read")));
        Member member = browsers.signedIn(tenant.adminKey(), reader);

        HttpResponse<String> page = member.browser().get("/console/settings");
        HttpResponse<String> forged = member.browser().post("/console/settings", Map.of("mfaRequired", "true"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<fieldset disabled=\"disabled\">").doesNotContain(">Save<");
        assertThat(page.body()).doesNotContain("/console/scim-tokens");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(org().json().get("mfaRequired").asBoolean()).isFalse();
    }

    @Test
    void aDomainShowsItsTxtRecordAndVerifiesOnceTheRecordIsPublished() {
        // given a domain the admin adds
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        HttpResponse<String> added = admin.browser().post("/console/domains", Map.of("name", name));
        assertThat(added.headers().firstValue("Location")).hasValue("/console/domains?done=added");
        Map.Entry<String, String> record =
                record(admin.browser().get("/console/domains").body(), name);
        String id = api.get("/v1/domains", tenant.adminKey())
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();

        // when it presses Verify before publishing the record
        HttpResponse<String> early = admin.browser().post("/console/domains/" + id + "/verify", Map.of());

        // then the service's refusal is on the page
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(early.body()).contains("No TXT record at " + record.getKey() + " holds the verification value");

        // when the record is published and it presses Verify again
        DnsServer.txt(record.getKey(), record.getValue());
        HttpResponse<String> verified = admin.browser().post("/console/domains/" + id + "/verify", Map.of());

        // then the domain is verified
        assertThat(verified.headers().firstValue("Location")).hasValue("/console/domains?done=verified");
        assertThat(admin.browser().get("/console/domains?done=verified").body())
                .contains("The domain is verified.")
                .contains("Verified <time datetime=\"20")
                .doesNotContain("/console/domains/" + id + "/verify");
    }

    @Test
    void aScimTokenIsShownOnceWithTheBaseUrlAndRevoked() {
        HttpResponse<String> created =
                admin.browser().post("/console/scim-tokens", Map.of("name", "Okta", "expiresInDays", "30"));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher secret = ConsoleApiKeysTest.SECRET.matcher(created.body());
        assertThat(secret.find()).isTrue();
        String token = secret.group(1);
        assertThat(created.body()).contains("https://roster.example.test/scim/v2");
        HttpResponse<String> list = admin.browser().get("/console/scim-tokens");
        assertThat(list.body()).contains("Okta").doesNotContain(token);

        String id = api.get("/v1/scim-tokens", tenant.adminKey())
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        HttpResponse<String> revoked = admin.browser().post("/console/scim-tokens/" + id + "/revoke", Map.of());
        assertThat(revoked.headers().firstValue("Location")).hasValue("/console/scim-tokens?done=revoked");
        assertThat(admin.browser().get("/console/scim-tokens").body()).contains("No live token.");

        HttpResponse<String> bad =
                admin.browser().post("/console/scim-tokens", Map.of("name", "X", "expiresInDays", "soon"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"expiresInDays-error\" class=\"field-error\">must be a whole number");
    }

    private dev.roster.support.Api.Response org() {
        return api.get("/v1/organizations/" + tenant.organizationId(), tenant.adminKey());
    }

    /** The TXT record's name and value the domains page shows for the domain. */
    private static Map.Entry<String, String> record(String page, String domain) {
        Matcher row = Pattern.compile(
                        ">" + Pattern.quote(domain) + "</h3>.*?<dt>TXT record name</dt><dd><code>([^<]+)</code></dd>.*?"
                                + "<dt>Value</dt><dd><code>([^<]+)</code></dd>",
                        Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as(page).isTrue();
        return Map.entry(row.group(1), row.group(2));
    }
}
