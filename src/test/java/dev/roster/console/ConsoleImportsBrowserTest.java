package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FilePayload;
import dev.roster.imports.EmailLock;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's import pages and a member's new sections in Chromium: a CSV checked and imported with the keyboard
 * alone (the file set through Playwright, no click), the import followed by htmx's polling to its end and its Cancel
 * dialog; the same form without JavaScript, where a file too large gets the console's 413 page rather than a network
 * error (axe-core cannot run there); and axe-core on every state of the imports and of a member's page with reports, groups, positions and a
 * paged audit trail, at 1280 and 320 px.
 */
@RosterTest
class ConsoleImportsBrowserTest extends ConsoleTestBase {

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    @Test
    void aFileIsCheckedAndImportedWithTheKeyboardAloneAndEveryStateIsAccessible() throws Exception {
        // given a signed-in admin and a file of five rows: one held in the middle of its transaction when imported,
        // two more newcomers, a member already here and a bad address
        Tenant tenant = fixtures.tenant("enterprise");
        String email = Fixtures.uniqueEmail("importer");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        String held = Fixtures.uniqueEmail("held");
        String member = Fixtures.uniqueEmail("here");
        fixtures.user(tenant.adminKey(), member);
        FilePayload file = new FilePayload(
                "people.csv",
                "text/csv",
                ConsoleImports.csv(
                        "email,firstName",
                        held + ",Held",
                        Fixtures.uniqueEmail("new") + ",Grace",
                        Fixtures.uniqueEmail("new") + ",Ada",
                        member + ",Here",
                        "not an address,Bad"));
        String job;
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            console.check("/console/imports", "no import yet");
            console.tabTo("#new-import");
            page.keyboard().press("Enter");
            page.waitForURL("**/console/imports/new");
            console.checkHere("import form");

            // when a malformed file is checked, then the good one, with the keyboard
            page.setInputFiles("#file", new FilePayload("bad.csv", "text/csv", ConsoleImports.csv("email", "a\"b")));
            console.tabTo("#check");
            page.keyboard().press("Enter");
            page.waitForSelector("#check-result .error");
            console.checkHere("dry run refused");
            page.setInputFiles("#file", file);
            console.tabTo("#check");
            page.keyboard().press("Enter");
            page.waitForSelector("#check-counts");

            // then htmx brings the dry run in under the form, which kept the file, and the status region says it
            assertThat(page.locator("#check-status").textContent()).isEqualTo("Checked: 3 of 5 rows would be invited.");
            assertThat(page.locator("#check-result table").textContent()).contains("Already a member", "Would fail");
            console.checkHere("dry run");

            try (EmailLock lock = new EmailLock(database, held)) {
                // when the admin tabs to Start and presses Enter
                console.tabTo("#start");
                page.keyboard().press("Enter");
                page.waitForURL("**/console/imports/*?done=started");
                lock.awaitWaiting(1);
                job = page.url()
                        .substring(page.url().indexOf("/console/"), page.url().indexOf('?'));

                // then the import's page says it runs, and Cancel asks in a dialog that Escape closes
                page.waitForSelector("#import-state:text-is('The import is running.')");
                console.checkHere("import running");
                console.tabTo("#cancel-import");
                page.keyboard().press("Enter");
                assertThat(page.locator("#confirm-dialog").isVisible()).isTrue();
                assertThat(page.locator("#confirm-title").textContent()).isEqualTo("Cancel this import?");
                console.checkHere("cancel dialog");
                page.keyboard().press("Escape");
                assertThat(page.locator("#confirm-dialog").isVisible()).isFalse();
                // the focus comes back in the dialog's close event, a task after Escape's (to the link of the same id
                // when a poll replaced the progress meanwhile); it fails the test when it never comes
                // (Playwright's assertion waits for it in its own script; a waitForFunction string is evaluated in
                // the page, which the console's Content-Security-Policy refuses once it has to poll)
                PlaywrightAssertions.assertThat(page.locator("#cancel-import")).isFocused();
            }

            // when the held row goes on, then htmx's polling shows the end and each row's outcome without a reload
            page.waitForSelector(
                    "#import-state:text-is('The import is complete: 3 invited, 0 created without an invitation,"
                            + " 1 already members, 1 failed.')",
                    new Page.WaitForSelectorOptions().setTimeout(60_000));
            assertThat(page.locator("#cancel-import").count()).isZero();
            assertThat(page.url()).endsWith("?done=started");
            console.checkHere("import complete");
            assertThat(page.locator("#import-rows tbody").textContent())
                    .contains(held, "Invited", "Already a member", "Failed (the row or its manager)", "not an address");
            console.check(job + "?outcome=failed", "failed rows");
            assertThat(page.locator("tbody").textContent())
                    .contains("not an address")
                    .doesNotContain(held);
            console.check("/console/imports", "past imports");
            console.assertNoErrors();
        }
    }

    @Test
    void withoutJavaScriptTheDryRunIsAPageAndAFileTooLargeGetsThe413Page() {
        // given a signed-in admin in a browser without JavaScript
        Tenant tenant = fixtures.tenant("enterprise");
        String email = Fixtures.uniqueEmail("plain");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);

        // when it checks a file, then starts it, then checks one too large
        // then the dry run is a page, Start needs the file chosen again, and too large is a page (axe-core runs as a
        // script, so these states are not checked with it: their markup is the pages' that the other tests check)
        try (ConsoleBrowser plain = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, 1280, false)) {
            Page page = plain.page();
            FilePayload another =
                    new FilePayload("more.csv", "text/csv", ConsoleImports.csv("email", Fixtures.uniqueEmail("plain")));
            page.navigate("/console/imports/new");
            page.setInputFiles("#file", another);
            page.locator("#check").press("Enter");
            page.waitForSelector("#check-counts");
            assertThat(page.locator("#start-hint").textContent()).contains("choose the same file again");
            page.setInputFiles("#file", another);
            page.locator("#start").press("Enter");
            page.waitForURL("**/console/imports/*?done=started");
            assertThat(page.locator("main").textContent()).contains("The import started");
            page.navigate("/console/imports/new");
            page.setInputFiles(
                    "#file", new FilePayload("huge.csv", "text/csv", ConsoleImports.ofSize(5 * 1024 * 1024)));
            page.locator("#check").press("Enter");
            page.waitForSelector("h1:text-is('413 Content Too Large')");
            assertThat(page.locator("main").textContent()).contains("larger than 4 MiB");
        }
    }

    @Test
    void aMembersPageWithReportsGroupsPositionsAndAPagedAuditTrailIsAccessible() {
        // given a signed-in admin and a member with a report, a group, a position and more than a page of events
        Tenant tenant = fixtures.tenant("enterprise");
        String email = Fixtures.uniqueEmail("admin");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        String manager = memberWithReportsGroupsAndHistory(tenant);
        for (int width : new int[] {1280, 320}) {
            try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, width)) {
                String at = " at " + width + " px";
                console.check("/console/members/" + manager, "member with reports, groups and positions" + at);
                console.page().navigate("/console/members/" + manager);
                console.page().locator("a:text-is('Next events')").press("Enter");
                console.page().waitForURL("**audit=**");
                console.checkHere("member's audit trail, page 2" + at);
                if (width == 320) {
                    console.check("/console/imports", "no import yet" + at);
                    console.check("/console/imports/new", "import form" + at);
                }
                console.assertNoErrors();
            }
        }
    }

    /** A member in a group (its primary) with a position, a report, and 24 events about it; answers its id. */
    private String memberWithReportsGroupsAndHistory(Tenant tenant) {
        String manager = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("manager"));
        api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("report"), "managerId", manager, "sendInvitation", false));
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Sales"))
                .field("id");
        api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Support"));
        api.send(
                "PUT",
                "/v1/groups/" + group + "/members/" + manager,
                tenant.adminKey(),
                Map.of("isPrimary", true),
                Map.of());
        String position = api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Lead"))
                .field("id");
        api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Engineer"));
        api.send("PUT", "/v1/users/" + manager + "/positions/" + position, tenant.adminKey(), null, Map.of());
        for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L")) {
            api.patch("/v1/users/" + manager, tenant.adminKey(), Map.of("firstName", name));
            api.patch("/v1/users/" + manager, tenant.adminKey(), Map.of("lastName", name));
        }
        return manager;
    }
}
