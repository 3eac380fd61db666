package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.Map;
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
}
