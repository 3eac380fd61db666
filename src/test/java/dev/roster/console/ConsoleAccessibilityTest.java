package dev.roster.console;

import static dev.roster.support.Accessibility.assertAccessible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every console page in each of its states, in a real browser: no axe-core violation of WCAG 2.2 A/AA, nothing the
 * content security policy blocked, and usable at 320 px wide without scrolling the page sideways.
 */
@RosterTest
class ConsoleAccessibilityTest extends ConsoleTestBase {

    @LocalServerPort
    int port;

    @Test
    void everyPageAndStateHasNoAccessibilityViolation() {
        // given an admin, an invited member and a deactivated one
        Tenant tenant = fixtures.tenant("enterprise");
        String email = Fixtures.uniqueEmail("axe");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        String invited = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("axe-invited"));

        for (int width : new int[] {1280, 320}) {
            try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, width)) {
                Page page = console.page();
                String at = " at " + width + " px";
                check(page, "/console/members", "members list" + at);
                check(page, "/console/members?q=nobody-has-this-name", "empty members list" + at);
                check(page, "/console/members?status=sleeping", "members filter error" + at);
                check(page, "/console/members/" + invited, "member page" + at);
                check(page, "/console/invitations", "pending invitations" + at);
                check(page, "/console/invitations?status=expired", "no expired invitation" + at);
                check(page, "/console/invite", "invite form" + at);
                page.getByLabel("Email addresses").fill("not-an-address, " + Fixtures.uniqueEmail("axe-new"));
                page.getByRole(
                                com.microsoft.playwright.options.AriaRole.BUTTON,
                                new Page.GetByRoleOptions().setName("Invite"))
                        .click();
                assertAccessible(page, "invite results" + at);
                check(page, "/console/members/00000000-0000-0000-0000-000000000000", "problem page" + at);
                console.assertNoErrors();
            }
        }
    }

    @Test
    void theConsoleSendsUnder60KbOfScriptAndUnder100KbOfStyle() {
        // given a signed-in admin
        Tenant tenant = fixtures.tenant("starter");
        String email = Fixtures.uniqueEmail("weight");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        try (ConsoleBrowser signedIn = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, 1280);
                ConsoleBrowser console = signedIn.withEmptyCache(port)) {
            Page page = console.page();
            Map<String, long[]> files = new ConcurrentHashMap<>();
            page.onResponse(response -> {
                String type = response.request().resourceType();
                if (type.equals("script") || type.equals("stylesheet")) {
                    long wire = response.request().sizes().responseBodySize;
                    files.put(type + " " + response.url(), new long[] {response.body().length, wire});
                }
            });

            // when it opens the members page with nothing cached
            page.navigate("/console/members");
            page.waitForLoadState(LoadState.NETWORKIDLE);

            // then its scripts are under 60 KB and its styles under 100 KB, uncompressed
            long script = total(files, "script", 0);
            long style = total(files, "stylesheet", 0);
            System.out.printf(
                    "console weight: script %d bytes (%d on the wire), style %d bytes (%d on the wire)%n",
                    script, total(files, "script", 1), style, total(files, "stylesheet", 1));
            assertThat(script).as(files.keySet().toString()).isPositive().isLessThan(60_000);
            assertThat(style).as(files.keySet().toString()).isPositive().isLessThan(100_000);
            console.assertNoErrors();
        }
    }

    /**
     * The members page as docs/console-members.png shows it: an organization with a few named members, a group, and
     * the seat meter. Always written to target/console-members.png; {@code -Droster.console.screenshot=<path>} writes
     * it there too (docs/console.md says how to take it again).
     */
    @Test
    void theMembersPageAsTheDocsShowIt() {
        // given a business organization with a group and seven members, one of them deactivated
        Tenant tenant = fixtures.tenant("business");
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Engineering"));
        String last = null;
        for (String name : List.of(
                "Ada Lovelace",
                "Grace Hopper",
                "Alan Turing",
                "Katherine Johnson",
                "Edsger Dijkstra",
                "Barbara Liskov")) {
            String local = name.toLowerCase().replace(' ', '.') + "-"
                    + UUID.randomUUID().toString().substring(0, 4);
            last = fixtures.user(tenant.adminKey(), local + "@example.com");
            api.patch("/v1/users/" + last, tenant.adminKey(), Map.of("name", name));
        }
        api.post("/v1/users/" + last + "/deactivate", tenant.adminKey(), Map.of());

        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.navigate("/console/members?sort=name");

            // then the page holds them all, with the seats, and is accessible as it is shown
            assertThat(page.locator("#results tbody tr").count()).isEqualTo(7);
            assertThat(page.locator("#seats-text").textContent()).contains("7 of 25 seats used, 5 held by pending");
            assertAccessible(page, "members page as the docs show it");
            Path target = Path.of("target", "console-members.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(target).setFullPage(true));
            String docs = System.getProperty("roster.console.screenshot");
            if (docs != null) {
                page.screenshot(
                        new Page.ScreenshotOptions().setPath(Path.of(docs)).setFullPage(true));
            }
            assertThat(target).isNotEmptyFile();
            console.assertNoErrors();
        }
    }

    private static long total(Map<String, long[]> files, String type, int column) {
        return files.entrySet().stream()
                .filter(file -> file.getKey().startsWith(type + " "))
                .mapToLong(file -> file.getValue()[column])
                .sum();
    }

    private static void check(Page page, String path, String state) {
        Response response = page.navigate(path);
        assertThat(response).as(state).isNotNull();
        assertAccessible(page, state);
        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue())
                .as(state + ": sideways scroll")
                .isLessThanOrEqualTo(0);
    }
}
