package dev.roster.console;

import static dev.roster.console.ConsoleBrowsers.memberEmails;
import static dev.roster.console.ConsoleBrowsers.nextLink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The members pages: keyset pages of 50, search and filter in the URL, a member's page and its actions. */
@RosterTest
class ConsoleMembersTest extends ConsoleTestBase {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("enterprise");
    }

    @Test
    void anAdminSeesTheMembersFiftyAPageAndFollowsNextToTheRest() {
        // given an admin and 52 more members
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        List<String> everyone = new ArrayList<>(List.of(admin.email()));
        for (int i = 0; i < 52; i++) {
            String email = Fixtures.uniqueEmail("page");
            fixtures.user(tenant.adminKey(), email);
            everyone.add(email);
        }

        // when the admin opens the members and follows "Next page"
        HttpResponse<String> first = admin.browser().get("/console/members");
        String next = nextLink(first.body()).orElseThrow();
        HttpResponse<String> second = admin.browser().get(next);

        // then the first page holds 50, the second the other 3, oldest first, and no page follows
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(memberEmails(first.body())).hasSize(50);
        assertThat(next).startsWith("/console/members?cursor=");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(memberEmails(second.body())).hasSize(3);
        assertThat(nextLink(second.body())).isEmpty();
        List<String> seen = new ArrayList<>(memberEmails(first.body()));
        seen.addAll(memberEmails(second.body()));
        assertThat(seen).containsExactlyElementsOf(everyone);
        assertThat(second.body()).contains("href=\"/console/members\">First page</a>");
    }

    @Test
    void searchByPrefixAndStatusNarrowTheListInABookmarkableUrl() {
        // given an admin, two invited members whose emails share a prefix, and another
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
        String one = prefix + "-one@example.com";
        String two = prefix + "-two@example.com";
        fixtures.user(tenant.adminKey(), one);
        fixtures.user(tenant.adminKey(), two);
        String other = Fixtures.uniqueEmail("other");
        fixtures.user(tenant.adminKey(), other);

        // when the admin searches by the prefix, then filters by status
        HttpResponse<String> found = admin.browser().get("/console/members?q=" + prefix.toUpperCase());
        HttpResponse<String> invited = admin.browser().get("/console/members?q=" + prefix + "&status=invited");
        HttpResponse<String> active = admin.browser().get("/console/members?q=&status=active");

        // then each answer holds only what matches, and the form shows the search it answers
        assertThat(memberEmails(found.body())).containsExactly(one, two);
        assertThat(found.body()).contains("value=\"" + prefix.toUpperCase() + "\"");
        String searchForm = found.body().substring(found.body().indexOf("role=\"search\""));
        assertThat(searchForm.substring(0, searchForm.indexOf("</form>"))).doesNotContain("_csrf");
        assertThat(memberEmails(invited.body())).containsExactly(one, two);
        assertThat(memberEmails(active.body())).containsExactly(admin.email());
        assertThat(active.body()).contains("<option value=\"active\" selected=\"selected\">active</option>");
    }

    @Test
    void anUnknownStatusIsShownBesideItsFieldWithTheServicesStatus() {
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");

        HttpResponse<String> answer = admin.browser().get("/console/members?status=gone");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .contains("aria-describedby=\"status-error\"")
                .contains(
                        "<p id=\"status-error\" class=\"field-error\">Status must be invited, active or deactivated</p>")
                .contains("400 Bad Request");
        assertThat(memberEmails(answer.body())).isEmpty();
    }

    @Test
    void aBrowserWithoutASessionIsSentToSignInAndComesBackToThePage() {
        // given a member and a browser that has not signed in
        String email = Fixtures.uniqueEmail("later");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        Pages browser = browsers.anonymous();

        // when it opens a console page, then signs in with where the page sent it
        HttpResponse<String> page = browser.get("/console/members?q=a%20b");
        HttpResponse<String> console = browser.get("/console");
        HttpResponse<String> signedIn = browser.post(
                "/login",
                Map.of("email", email, "password", ConsoleBrowsers.PASSWORD, "continue", "/console/members?q=a%20b"));

        // then it is sent to sign in and, once signed in, back to that page
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location"))
                .hasValue("/login?continue=%2Fconsole%2Fmembers%3Fq%3Da%2520b");
        assertThat(console.headers().firstValue("Location")).hasValue("/login?continue=%2Fconsole");
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/console/members?q=a%20b");
        assertThat(browser.get("/console/members?q=a%20b").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherOrganizationsMemberIsNotFound() {
        // given an admin, and a user of another organization
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        Tenant elsewhere = fixtures.tenant("business");
        String stranger = fixtures.user(elsewhere.adminKey(), Fixtures.uniqueEmail("stranger"));

        // when the admin opens that user's page, or a page with no id at all
        HttpResponse<String> page = admin.browser().get("/console/members/" + stranger);
        HttpResponse<String> nonsense = admin.browser().get("/console/members/not-an-id");

        // then both are not found, and nothing of the stranger shows
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("404 Not Found").doesNotContain("stranger");
        assertThat(nonsense.statusCode()).isEqualTo(404);
        assertThat(nonsense.body()).contains("404 Not Found");
    }

    @Test
    void anAdminDeactivatesAndReactivatesAMemberFromItsPage() {
        // given an admin and an active member
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String email = Fixtures.uniqueEmail("target");
        String target = fixtures.member(tenant.adminKey(), email, "user", ConsoleBrowsers.PASSWORD);
        String page = "/console/members/" + target;
        assertThat(admin.browser().get(page).body())
                .contains("action=\"" + page + "/deactivate\"")
                .doesNotContain("action=\"" + page + "/reactivate\"");

        // when the admin deactivates it
        HttpResponse<String> deactivated = admin.browser().post(page + "/deactivate", Map.of());

        // then the API sees it deactivated, and its page offers to reactivate it
        assertThat(deactivated.statusCode()).isEqualTo(303);
        assertThat(deactivated.headers().firstValue("Location")).hasValue(page + "?done=deactivated");
        assertThat(api.get("/v1/users/" + target, tenant.adminKey()).field("status"))
                .isEqualTo("deactivated");
        HttpResponse<String> after = admin.browser().get(page + "?done=deactivated");
        assertThat(after.body())
                .contains("The member was deactivated and signed out everywhere.")
                .contains("action=\"" + page + "/reactivate\"")
                .doesNotContain("action=\"" + page + "/deactivate\"");

        // and reactivating it makes it active again
        admin.browser().post(page + "/reactivate", Map.of());
        assertThat(api.get("/v1/users/" + target, tenant.adminKey()).field("status"))
                .isEqualTo("active");
    }

    @Test
    void aDeletedMemberIsListedUnderItsOwnStatusAndRestoredFromItsPage() {
        // given an admin and a member deleted through the API
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String email = Fixtures.uniqueEmail("deleted");
        String id = fixtures.user(tenant.adminKey(), email);
        assertThat(api.delete("/v1/users/" + id, tenant.adminKey()).status()).isEqualTo(204);

        // when the admin lists the members, the deleted ones, and opens the deleted member's page
        HttpResponse<String> live = admin.browser().get("/console/members");
        HttpResponse<String> deleted = admin.browser().get("/console/members?status=deleted");
        HttpResponse<String> page = admin.browser().get("/console/members/" + id);

        // then it is only among the deleted, and its page offers a restore and nothing else
        assertThat(memberEmails(live.body())).doesNotContain(email);
        assertThat(memberEmails(deleted.body())).containsExactly(email);
        assertThat(page.body())
                .contains("<dd id=\"member-status\">deleted</dd>")
                .contains("action=\"/console/members/" + id + "/restore\"")
                .doesNotContain("/deactivate\"", "/invitation/resend\"");

        // and restoring it brings it back
        HttpResponse<String> restored = admin.browser().post("/console/members/" + id + "/restore", Map.of());
        assertThat(restored.headers().firstValue("Location")).hasValue("/console/members/" + id + "?done=restored");
        assertThat(memberEmails(admin.browser().get("/console/members").body())).contains(email);
    }
}
