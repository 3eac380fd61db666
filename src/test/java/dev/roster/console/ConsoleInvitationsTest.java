package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Api;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pending invitations page and the invitation buttons of a member's page. */
@RosterTest
class ConsoleInvitationsTest extends ConsoleTestBase {

    private Tenant tenant;
    private Member admin;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("business");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void pendingInvitationsShowWhenTheyWereSentAndWhenTheyExpire() {
        // given an invited member (the admin accepted its own invitation)
        String email = Fixtures.uniqueEmail("pending");
        String id = fixtures.user(tenant.adminKey(), email);
        Api.Response invitation = api.get("/v1/users/" + id, tenant.adminKey());

        // when the admin opens the pending invitations
        HttpResponse<String> page = admin.browser().get("/console/invitations");

        // then the invited member is there with its expiry and buttons, and the accepted one is not
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/console/members/" + id + "\">" + email + "</a>")
                .contains("<time datetime=\""
                        + Instant.parse(invitation
                                        .json()
                                        .get("invitation")
                                        .get("expiresAt")
                                        .asString())
                                .truncatedTo(ChronoUnit.SECONDS)
                        + "\"")
                .contains("action=\"/console/members/" + id + "/invitation/resend\"")
                .contains("action=\"/console/invitations/"
                        + invitation.json().get("invitation").get("id").asString() + "/revoke\"")
                .doesNotContain(admin.email());
    }

    @Test
    void resendFromTheListSendsANewLinkAndComesBack() {
        // given an invited member who got one email
        String email = Fixtures.uniqueEmail("resend");
        String id = fixtures.user(tenant.adminKey(), email);
        String firstToken = MailServer.token(MailServer.await(email, 1).get(0));

        // when the admin presses Resend on the invitations page
        admin.browser().get("/console/invitations");
        HttpResponse<String> resent =
                admin.browser().post("/console/members/" + id + "/invitation/resend", Map.of("back", "invitations"));

        // then a second email with another link goes out, the first link dies, and the page says so
        assertThat(resent.statusCode()).isEqualTo(303);
        assertThat(resent.headers().firstValue("Location")).hasValue("/console/invitations?done=resent");
        String secondToken = MailServer.token(MailServer.await(email, 2).get(1));
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(api.get("/v1/public/invitations/" + firstToken, null).status())
                .isIn(404, 410);
        assertThat(admin.browser().get("/console/invitations?done=resent").body())
                .contains("The invitation was sent again");
    }

    @Test
    void revokeFromTheMembersPageEndsTheInvitation() {
        // given an invited member
        String email = Fixtures.uniqueEmail("revoke");
        String id = fixtures.user(tenant.adminKey(), email);
        String invitationId = api.get("/v1/users/" + id, tenant.adminKey())
                .json()
                .get("invitation")
                .get("id")
                .asString();

        // when the admin revokes it from the member's page
        HttpResponse<String> page = admin.browser().get("/console/members/" + id);
        HttpResponse<String> revoked =
                admin.browser().post("/console/invitations/" + invitationId + "/revoke", Map.of("back", "member"));

        // then it is revoked, the member's page says so and offers no revoke, and the list no longer holds it
        assertThat(page.body()).contains("action=\"/console/invitations/" + invitationId + "/revoke\"");
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/console/members/" + id + "?done=revoked");
        assertThat(api.get("/v1/invitations/" + invitationId, tenant.adminKey()).field("status"))
                .isEqualTo("revoked");
        HttpResponse<String> after = admin.browser().get("/console/members/" + id + "?done=revoked");
        assertThat(after.body())
                .contains("<dd id=\"invitation-status\">revoked</dd>")
                .doesNotContain("/revoke\"");
        assertThat(admin.browser().get("/console/invitations").body()).doesNotContain(email);
    }

    @Test
    void expiredInvitationsHaveTheirOwnFilterAndCanBeSentAgain() {
        // given an invited member whose invitation expired
        String email = Fixtures.uniqueEmail("expired");
        String id = fixtures.user(tenant.adminKey(), email);
        jdbc.sql("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = :id")
                .param("id", UUID.fromString(id))
                .update();

        // when the admin looks at the pending and the expired invitations
        HttpResponse<String> pending = admin.browser().get("/console/invitations");
        HttpResponse<String> expired = admin.browser().get("/console/invitations?status=expired");
        HttpResponse<String> unknown = admin.browser().get("/console/invitations?status=accepted");

        // then it is only among the expired, with a resend button, and the page lists no other state
        assertThat(pending.body()).doesNotContain(email);
        assertThat(expired.statusCode()).isEqualTo(200);
        assertThat(expired.body())
                .contains("Expired invitations")
                .contains(email)
                .contains("action=\"/console/members/" + id + "/invitation/resend\"");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("must be pending or expired");

        // and sending it again makes it pending with a new expiry
        admin.browser().post("/console/members/" + id + "/invitation/resend", Map.of("back", "invitations"));
        assertThat(admin.browser().get("/console/invitations").body()).contains(email);
        assertThat(admin.browser().get("/console/invitations?status=expired").body())
                .doesNotContain(email);
    }

    @Test
    void moreThanFiftyPendingInvitationsArePagedWithTheFilterKept() {
        // given an organization with 51 pending invitations
        Tenant large = fixtures.tenant("enterprise");
        Member owner = browsers.signedIn(large.adminKey(), "admin");
        for (int i = 0; i < 51; i++) {
            fixtures.user(large.adminKey(), Fixtures.uniqueEmail("many"));
        }

        // when its admin opens the pending invitations and follows "Next page"
        HttpResponse<String> first = owner.browser().get("/console/invitations");
        String next = ConsoleBrowsers.nextLink(first.body()).orElseThrow();
        HttpResponse<String> second = owner.browser().get(next);

        // then 50 are on the first page and the last one on the second, which has no next page
        assertThat(next).startsWith("/console/invitations?status=pending&cursor=");
        assertThat(first.body()).contains("50 pending invitations on this page.");
        assertThat(second.body()).contains("1 pending invitations on this page.");
        assertThat(ConsoleBrowsers.nextLink(second.body())).isEmpty();
    }

    @Test
    void revokingTwiceShowsTheServicesConflict() {
        String id = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("twice"));
        String invitationId = api.get("/v1/users/" + id, tenant.adminKey())
                .json()
                .get("invitation")
                .get("id")
                .asString();
        admin.browser().get("/console/invitations");
        admin.browser().post("/console/invitations/" + invitationId + "/revoke", Map.of());

        HttpResponse<String> again = admin.browser().post("/console/invitations/" + invitationId + "/revoke", Map.of());

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("409 Conflict").contains("The invitation is already revoked.");
    }
}
