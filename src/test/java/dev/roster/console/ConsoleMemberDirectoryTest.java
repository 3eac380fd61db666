package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's page beyond its profile and roles: its direct reports a page at a time, its groups, primary group and
 * positions changed through the directory's service, its audit trail a page at a time, and the refusals of a member
 * who may only read them.
 */
@RosterTest
class ConsoleMemberDirectoryTest extends ConsoleTestBase {

    private static final Pattern REPORT = Pattern.compile("<li><a href=\"/console/members/([0-9a-f-]{36})\">");

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("enterprise");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void theDirectReportsLinkToEachAndComeTwentyAPageWithoutTheDeleted() {
        // given a manager with 21 live reports and one deleted
        String manager = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("manager"));
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            reports.add(api.post(
                            "/v1/users",
                            tenant.adminKey(),
                            Map.of(
                                    "email",
                                    Fixtures.uniqueEmail("report" + i),
                                    "managerId",
                                    manager,
                                    "sendInvitation",
                                    false))
                    .field("id"));
        }
        api.delete("/v1/users/" + reports.get(3), tenant.adminKey());

        // when the admin opens the manager's page, then the next page of its reports
        HttpResponse<String> first = admin.browser().get("/console/members/" + manager);
        String next = link(first.body(), "Next reports");
        HttpResponse<String> second = admin.browser().get(next);

        // then the first page links to 20 reports oldest first, the next to the last one, never the deleted one
        List<String> live = new ArrayList<>(reports);
        live.remove(3);
        assertThat(reportIds(first.body())).containsExactlyElementsOf(live.subList(0, 20));
        assertThat(next).startsWith("/console/members/" + manager + "?reports=").endsWith("#reports-heading");
        assertThat(reportIds(second.body())).containsExactly(live.get(20));
        assertThat(second.body()).contains("First reports").doesNotContain("Next reports");
        assertThat(admin.browser().get("/console/members/" + live.get(0)).body())
                .contains("Reports to", "href=\"/console/members/" + manager + "\"")
                .contains("Nobody reports to this member.");
    }

    @Test
    void theAuditTrailComesTwentyEventsAPageEachAtAReadableTime() {
        // given a member changed 24 times (25 events with its creation)
        String member = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("audited"));
        for (int i = 0; i < 24; i++) {
            api.patch("/v1/users/" + member, tenant.adminKey(), Map.of("firstName", "Name" + i));
        }

        // when the admin opens its page and follows Next events
        HttpResponse<String> first = admin.browser().get("/console/members/" + member);
        String next = link(first.body(), "Next events");
        HttpResponse<String> second = admin.browser().get(next);

        // then the first page holds its creation and 19 changes, the second the last 5, each time in a <time>
        assertThat(count(first.body(), "user.updated")).isEqualTo(19);
        assertThat(first.body()).contains("user.created");
        assertThat(next).contains("audit=").endsWith("#audit-heading");
        assertThat(count(second.body(), "user.updated")).isEqualTo(5);
        assertThat(second.body()).contains("First events").doesNotContain("Next events", "user.created");
        assertThat(second.body())
                .containsPattern("<td><time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">"
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</time></td>");
    }

    @Test
    void anAdminChangesTheGroupsThePrimaryGroupAndThePositionsOfAMember() {
        // given a member, two groups and a position
        String member = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("grouped"));
        String sales = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Sales"))
                .field("id");
        String support = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Support"))
                .field("id");
        String engineer = api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Engineer"))
                .field("id");
        String page = "/console/members/" + member;
        HttpResponse<String> before = admin.browser().get(page);

        // when the admin adds it to Sales as its primary group, then to Support, and makes Support primary
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(admin.browser().post(page + "/groups", Map.of("groupId", sales, "primary", "true")));
        answers.add(admin.browser().post(page + "/groups", Map.of("groupId", support)));
        answers.add(admin.browser().post(page + "/groups/" + support + "/primary", Map.of("primary", "true")));
        answers.add(admin.browser().post(page + "/positions", Map.of("positionId", engineer)));
        HttpResponse<String> after = admin.browser().get(page + "?done=position_added");

        // then the page offered both groups and the position, and the member is in both, Support its primary group,
        // with the position
        assertThat(before.body()).contains("Add to the group", ">Sales</option>", ">Support</option>", "Give position");
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(303));
        assertThat(groups(member, Map.of(sales, "Sales", support, "Support")))
                .containsExactlyInAnyOrder("Sales:false", "Support:true");
        assertThat(after.body())
                .contains("The position was given.", "Engineer", "(primary group)", "Take out")
                .doesNotContain(">Sales</option>");

        // when it takes the member out of Sales, makes Support no longer primary, and takes the position away
        admin.browser().post(page + "/groups/" + sales + "/remove", Map.of());
        admin.browser().post(page + "/groups/" + support + "/primary", Map.of("primary", "false"));
        HttpResponse<String> removed = admin.browser().post(page + "/positions/" + engineer + "/remove", Map.of());

        // then Support alone is left, not primary, and no position
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(groups(member, Map.of(sales, "Sales", support, "Support"))).containsExactly("Support:false");
        assertThat(api.get("/v1/users/" + member + "/positions", tenant.adminKey())
                        .json())
                .isEmpty();
    }

    @Test
    void aMemberWhoMayOnlyReadGroupsHasNoButtonsAndItsForgedChangesAreRefused() {
        // given a member who may read users and groups only, a colleague, a group and a position
        String role = fixtures.role(tenant.organizationId(), "users:read", "groups:read");
        Member reader = browsers.signedIn(
                tenant.adminKey(),
                api.get("/v1/roles/" + role, tenant.adminKey()).field("name"));
        String colleague = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("colleague"));
        String group =
                api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Ops")).field("id");
        String position = api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Lead"))
                .field("id");
        String page = "/console/members/" + colleague;

        // when it opens the colleague's page and posts changes anyway
        HttpResponse<String> shown = reader.browser().get(page);
        HttpResponse<String> joined = reader.browser().post(page + "/groups", Map.of("groupId", group));
        HttpResponse<String> placed = reader.browser().post(page + "/positions", Map.of("positionId", position));

        // then it sees the groups and positions but no button, and each change is refused as the API refuses it
        assertThat(shown.body())
                .contains("id=\"groups-heading\"", "id=\"positions-heading\"", "Direct reports")
                .doesNotContain("Add to the group", "Give position", "Make primary");
        assertThat(joined.statusCode()).isEqualTo(403);
        assertThat(placed.statusCode()).isEqualTo(403);
        assertThat(joined.body()).contains("permission_required", "groups:manage");
        assertThat(groups(colleague, Map.of(group, "Ops"))).isEmpty();
        assertThat(api.get("/v1/users/" + colleague + "/positions", tenant.adminKey())
                        .json())
                .isEmpty();

        // when another organization's admin puts its own member in this organization's group
        Tenant other = fixtures.tenant("enterprise");
        Member stranger = browsers.signedIn(other.adminKey(), "admin");
        HttpResponse<String> crossed =
                stranger.browser().post("/console/members/" + stranger.id() + "/groups", Map.of("groupId", group));

        // then the group is not found there
        assertThat(crossed.statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/groups/" + group + "/members", tenant.adminKey())
                        .json())
                .isEmpty();
    }

    /** The groups of these (by id and name) that the member is in, as name:isPrimary, read through the API. */
    private List<String> groups(String member, Map<String, String> namesById) {
        List<String> groups = new ArrayList<>();
        namesById.forEach((id, name) -> api.get("/v1/groups/" + id + "/members", tenant.adminKey())
                .json()
                .forEach(m -> {
                    if (m.path("userId").asString().equals(member)) {
                        groups.add(name + ":" + m.path("isPrimary").asBoolean());
                    }
                }));
        return groups;
    }

    private static List<String> reportIds(String page) {
        int start = page.indexOf("id=\"member-reports\"");
        if (start < 0) {
            return List.of();
        }
        String list = page.substring(start, page.indexOf("</ul>", start));
        return REPORT.matcher(list).results().map(m -> m.group(1)).toList();
    }

    private static String link(String page, String label) {
        var found = Pattern.compile("href=\"([^\"]+)\"( rel=\"next\")?>" + label + "<")
                .matcher(page);
        assertThat(found.find()).as(label + " in " + page).isTrue();
        return found.group(1).replace("&amp;", "&");
    }

    private static int count(String page, String text) {
        return page.split(Pattern.quote(text), -1).length - 1;
    }
}
