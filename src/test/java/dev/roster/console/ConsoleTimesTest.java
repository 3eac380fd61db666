package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every console page shows an instant as text a reader takes in ({@code 2026-12-07 18:05 UTC}) in a {@code <time>}
 * element whose {@code datetime} keeps it to the second, never as the raw ISO string the services answer.
 */
@RosterTest
class ConsoleTimesTest extends ConsoleTestBase {

    /** An ISO instant as Java prints one: a date, a T, and a time. */
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");

    /** An attribute's value, where a machine reads it (datetime, a link's cursor). */
    private static final Pattern ATTRIBUTE = Pattern.compile("=\"[^\"]*\"");

    private static final Pattern TIME = Pattern.compile(
            "<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</time>");

    @Test
    void noPageShowsARawInstantAndEachTimeIsReadableText() {
        // given an organization with a pending invitation, a custom role, a group, a webhook endpoint, a SCIM token,
        // an import, and a signed-in admin
        Tenant tenant = fixtures.tenant("enterprise");
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String invited = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("invited"));
        String role = fixtures.role(tenant.organizationId(), "users:read");
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Sales"))
                .field("id");
        String endpoint = api.post(
                        "/v1/webhook-endpoints",
                        tenant.adminKey(),
                        Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("user.created")))
                .json()
                .get("endpoint")
                .get("id")
                .asString();
        api.post("/v1/scim-tokens", tenant.adminKey(), Map.of("name", "Directory " + UUID.randomUUID()));
        ConsoleImports imports = new ConsoleImports(api, admin.browser());
        byte[] csv = ConsoleImports.csv("email", Fixtures.uniqueEmail("imported"));
        String job = imports.start(
                ConsoleImportsTest.OPTIONS,
                csv,
                ConsoleImports.digest(
                        imports.check(ConsoleImportsTest.OPTIONS, csv).body()));
        imports.awaitEnd(tenant.adminKey(), job);

        // when the admin opens every page that shows a time
        List<String> pages = List.of(
                "/console/members",
                "/console/members/" + invited,
                "/console/members/" + admin.id(),
                "/console/invitations",
                "/console/roles/" + role,
                "/console/groups",
                "/console/groups/" + group,
                "/console/api-keys",
                "/console/webhooks",
                "/console/webhooks/" + endpoint,
                "/console/audit",
                "/console/scim-tokens",
                "/console/imports",
                job);

        // then none shows an ISO instant as text, and each shows its times in <time> elements
        for (String page : pages) {
            HttpResponse<String> answer = admin.browser().get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            String text = ATTRIBUTE.matcher(answer.body()).replaceAll("=\"\"");
            assertThat(ISO.matcher(text).find())
                    .as(page + " shows a raw instant: " + text)
                    .isFalse();
            assertThat(TIME.matcher(answer.body()).find())
                    .as(page + " shows a time")
                    .isTrue();
        }
    }
}
