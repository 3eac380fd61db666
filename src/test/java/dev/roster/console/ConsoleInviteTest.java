package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Inviting several people from the console: pasted addresses, one result each, the API's rules. */
@RosterTest
class ConsoleInviteTest extends ConsoleTestBase {

    @Test
    void pastedAddressesAreInvitedEachWithItsOwnResult() {
        Tenant tenant = fixtures.tenant("business");
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String first = Fixtures.uniqueEmail("pasted");
        String second = Fixtures.uniqueEmail("pasted");

        HttpResponse<String> form = admin.browser().get("/console/invite");
        HttpResponse<String> done = admin.browser()
                .post(
                        "/console/invite",
                        Map.of(
                                "emails", first + ",\n" + second + "  " + admin.email() + " <b>bold</b>",
                                "role", "user",
                                "type", "link",
                                "days", "7"));

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Email addresses");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains("2 invited", first, second, "Already a member", "Not invited: ")
                .doesNotContain("<b>bold</b>");
        assertThat(MailServer.await(first, 1)).hasSize(1);
        assertThat(MailServer.await(second, 1)).hasSize(1);
    }

    @Test
    void aMemberWhoMayNotInviteHasNoInvitePageAndAForgedFormInvitesNoOne() {
        Tenant tenant = fixtures.tenant("business");
        Member member = browsers.signedIn(tenant.adminKey(), "user");
        String target = Fixtures.uniqueEmail("forged");

        HttpResponse<String> start = member.browser().get("/console/members/" + member.id());
        HttpResponse<String> page = member.browser().get("/console/invite");
        HttpResponse<String> forged =
                member.browser().post("/console/invite", Map.of("emails", target, "role", "user"));

        assertThat(start.body()).doesNotContain("/console/invite");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(MailServer.messagesFor(target)).isEmpty();
    }

    @Test
    void theInviteGivesARoleOnOneEnvironmentAndGroupsAndAFullPlanDisablesIt() {
        // given a starter organization (5 seats) with an environment and a group, and its admin
        Tenant tenant = fixtures.tenant("starter");
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String environment = api.post(
                        "/v1/environments", tenant.adminKey(), Map.of("name", "Staging " + UUID.randomUUID()))
                .field("id");
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Ops " + UUID.randomUUID()))
                .field("id");
        String adminRole = api.get("/v1/roles?limit=200", tenant.adminKey())
                .json()
                .path("data")
                .valueStream()
                .filter(role -> role.path("name").asString().equals("admin"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        String invitee = Fixtures.uniqueEmail("env");

        // when the admin invites one person with admin on the environment and the group
        HttpResponse<String> form = admin.browser().get("/console/invite");
        List<Map.Entry<String, String>> fields = List.of(
                Map.entry("emails", invitee),
                Map.entry("role", "user"),
                Map.entry("environmentRole", adminRole),
                Map.entry("environment", environment),
                Map.entry("groupIds", group),
                Map.entry("type", "link"),
                Map.entry("days", "7"));
        HttpResponse<String> done = admin.browser().post("/console/invite", fields);

        // then the form showed the seats, and the invitee holds user, admin on the environment only, and the group
        assertThat(form.body()).contains("1 of 5 seats used, 0 held by pending invitations", "<meter");
        assertThat(done.body()).contains("1 invited");
        String id = api.get("/v1/users?email=" + invitee, tenant.adminKey())
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();
        String roles = api.get("/v1/users/" + id + "/roles", tenant.adminKey()).text();
        assertThat(roles).contains(environment);
        assertThat(api.get("/v1/groups/" + group + "/members", tenant.adminKey())
                        .text())
                .contains(id);

        // when three more fill the plan
        for (int i = 0; i < 3; i++) {
            fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("fill"));
        }
        HttpResponse<String> full = admin.browser().get("/console/invite");

        // then the invite button is disabled, with the reason beside it
        assertThat(full.body())
                .contains("5 of 5 seats used, 4 held by pending invitations")
                .contains("No seat is free")
                .containsPattern(
                        "<button type=\"submit\" aria-describedby=\"seats-full\" disabled=\"disabled\">Invite</button>");
    }
}
