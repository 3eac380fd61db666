package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Api;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The members list as CSV: every page of the filter, quoted cells, formulas defused, the API's permissions. */
@RosterTest
class ConsoleExportTest extends ConsoleTestBase {

    @Test
    void theExportHoldsEveryPageOfTheSearchAndDefusesFormulas() {
        Tenant tenant = fixtures.tenant("enterprise");
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String prefix = "csv" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 205; i++) {
            // Not invited: the organization's hourly invitation limit is not what this test is about.
            assertThat(api.post(
                                    "/v1/users",
                                    tenant.adminKey(),
                                    Map.of("email", prefix + "-" + i + "@example.com", "sendInvitation", false))
                            .status())
                    .isEqualTo(201);
        }
        Api.Response formula = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", prefix + "-f@example.com", "firstName", "=HYPERLINK(\"x\")", "sendInvitation", false));
        assertThat(formula.status()).as(formula.toString()).isEqualTo(201);

        HttpResponse<String> csv = admin.browser().get("/console/members/export.csv?q=" + prefix);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("id,email,");
        assertThat(lines).hasSize(1 + 206);
        assertThat(lines.stream().filter(line -> line.contains(prefix + "-204@example.com")))
                .hasSize(1);
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"x\"\")\"").doesNotContain(",\"=HYPERLINK");
        assertThat(csv.body()).doesNotContain(admin.email());
    }

    @Test
    void aMemberWhoMayNotListMembersGetsNoExport() {
        Tenant tenant = fixtures.tenant("business");
        Member member = browsers.signedIn(tenant.adminKey(), "user");

        HttpResponse<String> csv = member.browser().get("/console/members/export.csv");

        assertThat(csv.statusCode()).isEqualTo(403);
        assertThat(csv.body()).doesNotContain("@example.com");
    }
}
