package dev.roster.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.roster.support.Accessibility.assertAccessible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's main tasks done with the keyboard alone, in Chromium: Tab, Shift+Tab, Space, Enter and Escape and
 * typing, never a click. Each checks the page's accessibility in the states it passes through.
 */
@RosterTest
class ConsoleKeyboardTest extends ConsoleTestBase {

    @LocalServerPort
    int port;

    private Tenant tenant;
    private String adminEmail;

    @BeforeEach
    void admin() {
        tenant = fixtures.tenant("enterprise");
        adminEmail = Fixtures.uniqueEmail("keys");
        fixtures.member(tenant.adminKey(), adminEmail, "admin", ConsoleBrowsers.PASSWORD);
    }

    @Test
    void searchAsYouTypeSwapsTheResultsAnnouncesThemAndKeepsTheUrl() {
        // given two members whose emails share a prefix
        String prefix = "k" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.user(tenant.adminKey(), prefix + "-a@example.com");
        fixtures.user(tenant.adminKey(), prefix + "-b@example.com");
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, adminEmail, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.navigate("/console/members");
            page.evaluate("window.notReloaded = true");

            // when the admin tabs to the search and types the prefix
            console.tabTo("#q");
            page.keyboard().type(prefix);

            // then the list shows the two without a page load, the status region says so, and the URL has the search
            assertThat(page.locator("#results-status")).hasText("2 members on this page.");
            assertThat(page.locator("#results tbody tr")).hasCount(2);
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/members\\?q=" + prefix + ".*"));
            assertThat(page.evaluate("window.notReloaded")).isEqualTo(true);
            assertThat(console.focusedMatches("#q")).isTrue();
            assertAccessible(page, "members after a search as you type");

            // when it types more, so that nothing matches
            page.keyboard().type("zzz");

            // then the empty result is announced
            assertThat(page.locator("#results-status")).hasText("No members match.");
            assertAccessible(page, "no member matches");
            console.assertNoErrors();
        }
    }

    @Test
    void bulkDeactivateTwoMembersAndTheDeleteDialogTrapsFocusAndClosesOnEscape() {
        // given two active members whose emails share a prefix
        String prefix = "b" + UUID.randomUUID().toString().substring(0, 8);
        String one = fixtures.member(tenant.adminKey(), prefix + "-1@example.com", "user", ConsoleBrowsers.PASSWORD);
        String two = fixtures.member(tenant.adminKey(), prefix + "-2@example.com", "user", ConsoleBrowsers.PASSWORD);
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, adminEmail, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.navigate("/console/members?q=" + prefix);

            // when the admin checks both with Space and presses Delete
            console.tabTo("input[name=ids][value='" + one + "']");
            page.keyboard().press("Space");
            console.tabTo("input[name=ids][value='" + two + "']");
            page.keyboard().press("Space");
            page.keyboard().press("Shift+Tab");
            console.tabTo("button[value=delete]");
            page.keyboard().press("Enter");

            // then a dialog asks, with the focus on Cancel, and Tab stays inside it
            assertThat(page.locator("#confirm-delete")).isVisible();
            assertThat(console.focusedMatches("#confirm-delete [data-close]")).isTrue();
            assertAccessible(page, "delete confirmation dialog open");
            for (int i = 0; i < 5; i++) {
                page.keyboard().press("Tab");
                assertThat(console.focusedMatches("#confirm-delete button"))
                        .as("focus after Tab " + i)
                        .isTrue();
            }
            page.keyboard().press("Shift+Tab");
            assertThat(console.focusedMatches("#confirm-delete button")).isTrue();

            // when it presses Escape
            page.keyboard().press("Escape");

            // then the dialog closes, the focus is back on Delete, and nobody was deleted
            assertThat(page.locator("#confirm-delete")).isHidden();
            assertThat(console.focusedMatches("button[value=delete]")).isTrue();
            assertThat(api.get("/v1/users/" + one, tenant.adminKey()).field("deletedAt"))
                    .isNull();

            // when it goes back to Deactivate and presses Enter
            page.keyboard().press("Shift+Tab");
            while (!console.focusedMatches("button[value=deactivate]")) {
                page.keyboard().press("Shift+Tab");
            }
            page.keyboard().press("Enter");

            // then both are deactivated, and the page announces each result
            assertThat(page.locator("#bulk-status")).hasText("2 of 2 done.");
            assertThat(page.locator(".bulk-results li")).hasCount(2);
            assertAccessible(page, "bulk results");
            assertThat(api.get("/v1/users/" + one, tenant.adminKey()).field("status"))
                    .isEqualTo("deactivated");
            assertThat(api.get("/v1/users/" + two, tenant.adminKey()).field("status"))
                    .isEqualTo("deactivated");
            console.assertNoErrors();
        }
    }

    @Test
    void inviteThreePeopleWithARole() {
        String prefix = "i" + UUID.randomUUID().toString().substring(0, 8);
        List<String> invitees =
                List.of(prefix + "-1@example.com", prefix + "-2@example.com", prefix + "-3@example.com");
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, adminEmail, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.navigate("/console/invite");

            // when the admin types three addresses, picks the admin role by typing its name, and presses Enter on
            // Invite
            console.tabTo("#emails");
            page.keyboard().type(String.join(", ", invitees));
            console.tabTo("select#role");
            page.keyboard().type("admin");
            console.tabTo("form button[type=submit]");
            page.keyboard().press("Enter");

            // then the three are invited with that role, one result each
            assertThat(page.locator("[role=status]")).containsText("3 invited");
            assertAccessible(page, "invite results");
            for (String invitee : invitees) {
                var found = api.get("/v1/users?email=" + invitee, tenant.adminKey())
                        .json()
                        .path("data");
                assertThat(found.get(0).path("roles").toString()).contains("admin");
            }
            console.assertNoErrors();
        }
    }

    @Test
    void resendAndRevokeAnInvitation() {
        String invitee = Fixtures.uniqueEmail("resend");
        String id = fixtures.user(tenant.adminKey(), invitee);
        MailServer.await(invitee, 1);
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, adminEmail, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.navigate("/console/invitations");

            // when the admin tabs to the invitee's Resend and presses Enter
            console.tabTo("button[aria-label='Resend the invitation to " + invitee + "']");
            page.keyboard().press("Enter");

            // then a second email goes out and the page says so
            assertThat(page.locator(".done")).containsText("sent again");
            assertThat(MailServer.await(invitee, 2)).hasSize(2);

            // when it tabs to Revoke and presses Enter
            console.tabTo("button[aria-label='Revoke the invitation to " + invitee + "']");
            page.keyboard().press("Enter");

            // then the invitation is revoked
            assertThat(page.locator(".done")).containsText("revoked");
            assertThat(api.get("/v1/users/" + id, tenant.adminKey())
                            .json()
                            .path("invitation")
                            .path("status")
                            .asString())
                    .isEqualTo("revoked");
            console.assertNoErrors();
        }
    }

    @Test
    void changeAMembersRole() {
        String email = Fixtures.uniqueEmail("promote");
        String id = fixtures.member(tenant.adminKey(), email, "user", ConsoleBrowsers.PASSWORD);
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, adminEmail, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.navigate("/console/members/" + id);

            // when the admin picks admin in "Give the role", presses Enter on Give role, then takes user away
            console.tabTo("#roleId");
            page.keyboard().type("admin");
            console.tabTo("#give-role");
            page.keyboard().press("Enter");
            assertThat(page.locator(".done")).containsText("The role was given.");
            console.tabTo("button[aria-label='Take away the role user']");
            page.keyboard().press("Enter");

            // then the member holds admin instead of user
            assertThat(page.locator(".done")).containsText("The role was taken away.");
            assertAccessible(page, "member page after a role change");
            assertThat(api.get("/v1/users/" + id, tenant.adminKey())
                            .json()
                            .path("roles")
                            .toString())
                    .isEqualTo("[\"admin\"]");
            console.assertNoErrors();
        }
    }
}
