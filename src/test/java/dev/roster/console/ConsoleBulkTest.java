package dev.roster.console;

import static dev.roster.console.ConsoleBrowsers.memberEmails;
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

/**
 * The members list's filters (role, group, not signed in for N days), its order by name, and its actions on several
 * members at once: each member through the service with the signed-in member's permissions, one result each.
 */
@RosterTest
class ConsoleBulkTest extends ConsoleTestBase {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("enterprise");
    }

    @Test
    void theListFiltersByRoleGroupAndLastSignInAndSortsByName() {
        // given an admin, a member in a group, and an invited user who never signed in
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String grouped = Fixtures.uniqueEmail("grouped");
        String groupedId = fixtures.member(tenant.adminKey(), grouped, "user", ConsoleBrowsers.PASSWORD);
        String never = Fixtures.uniqueEmail("never");
        fixtures.user(tenant.adminKey(), never);
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Team " + UUID.randomUUID()))
                .field("id");
        api.send("PUT", "/v1/groups/" + group + "/members/" + groupedId, tenant.adminKey(), Map.of(), Map.of());

        // when the admin filters by role, by group, by "not signed in for 1 day", and sorts by name
        Pages browser = admin.browser();
        HttpResponse<String> admins = browser.get("/console/members?role=admin");
        HttpResponse<String> team = browser.get("/console/members?group=" + group);
        HttpResponse<String> idle = browser.get("/console/members?inactive=1");
        HttpResponse<String> byName = browser.get("/console/members?sort=name");
        HttpResponse<String> badDays = browser.get("/console/members?inactive=0");

        // then each holds only its members, the sorted column says so, and a bad number is shown beside its field
        assertThat(memberEmails(admins.body())).containsExactly(admin.email());
        assertThat(memberEmails(team.body())).containsExactly(grouped);
        assertThat(team.body()).contains("selected=\"selected\">Team ");
        assertThat(memberEmails(idle.body())).contains(never).doesNotContain(admin.email());
        assertThat(memberEmails(byName.body()))
                .containsExactlyElementsOf(
                        memberEmails(byName.body()).stream().sorted().toList());
        assertThat(byName.body())
                .containsPattern("aria-sort=\"ascending\">\\s*<a href=\"/console/members\\?sort=name\"")
                .containsOnlyOnce("aria-sort=");
        assertThat(memberEmails(browser.get("/console/members").body()).size()).isEqualTo(3);
        assertThat(badDays.statusCode()).isEqualTo(400);
        assertThat(badDays.body()).contains("id=\"inactive-error\"", "aria-invalid=\"true\"");
    }

    @Test
    void anAdminDeactivatesTwoMembersAtOnceAndSeesEachResult() {
        // given an admin and two active members
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String one = fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("bulk"), "user", ConsoleBrowsers.PASSWORD);
        String two = fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("bulk"), "user", ConsoleBrowsers.PASSWORD);
        admin.browser().get("/console/members");

        // when it deactivates both from the list
        HttpResponse<String> done = bulk(admin.browser(), "deactivate", null, one, two);

        // then each is deactivated, and the page says so in its status region
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("role=\"status\"", "2 of 2 done.");
        assertThat(status(one)).isEqualTo("deactivated");
        assertThat(status(two)).isEqualTo("deactivated");
    }

    @Test
    void deletingSeveralAsksFirstAndAForgedBulkActionChangesNobody() {
        // given an admin, a read-only member, and two active members
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String readerRole = fixtures.role(tenant.organizationId(), "users:read");
        Member reader = browsers.signedIn(tenant.adminKey(), readerRoleName(readerRole));
        String one = fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("del"), "user", ConsoleBrowsers.PASSWORD);
        String two = fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("del"), "user", ConsoleBrowsers.PASSWORD);
        reader.browser().get("/console/members");
        admin.browser().get("/console/members");

        // when the reader posts a bulk delete anyway, confirmed, and the admin asks to delete both
        HttpResponse<String> forged = bulk(reader.browser(), "delete", "true", one, two);
        HttpResponse<String> asked = bulk(admin.browser(), "delete", null, one, two);

        // then the reader's list shows no action, its post is refused for each member, and nobody changed
        assertThat(reader.browser().get("/console/members").body()).doesNotContain("/console/members/bulk");
        assertThat(forged.body()).contains("0 of 2 done", "403");
        assertThat(status(one)).isEqualTo("active");
        assertThat(asked.body()).contains("Delete these members?", "name=\"confirmed\" value=\"true\"");
        assertThat(status(one)).isEqualTo("active");

        // when the admin confirms
        HttpResponse<String> deleted = bulk(admin.browser(), "delete", "true", one, two);

        // then both are deleted
        assertThat(deleted.body()).contains("2 of 2 done.");
        assertThat(api.get("/v1/users/" + one, tenant.adminKey()).field("deletedAt"))
                .isNotNull();
        assertThat(api.get("/v1/users/" + two, tenant.adminKey()).field("deletedAt"))
                .isNotNull();
    }

    private String readerRoleName(String roleId) {
        return api.get("/v1/roles/" + roleId, tenant.adminKey()).field("name");
    }

    private String status(String userId) {
        return api.get("/v1/users/" + userId, tenant.adminKey()).field("status");
    }

    /** Sends the list's bulk form as a browser does: the action button, one ids field per checked member. */
    private static HttpResponse<String> bulk(Pages browser, String action, String confirmed, String... ids) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("action", action));
        for (String id : ids) {
            fields.add(Map.entry("ids", id));
        }
        if (confirmed != null) {
            fields.add(Map.entry("confirmed", confirmed));
        }
        return browser.post("/console/members/bulk", fields);
    }
}
