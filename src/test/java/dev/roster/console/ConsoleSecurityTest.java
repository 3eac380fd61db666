package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Api;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's attack surface: a member acts with its own permissions however it posts, every form needs its CSRF
 * token, and what users typed is escaped.
 */
@RosterTest
class ConsoleSecurityTest extends ConsoleTestBase {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void aMemberWithoutUsersWriteSeesNoActionsAndAForgedDeactivateChangesNothing() {
        // given a member with the user role (no permission at all) and an active colleague
        Member member = browsers.signedIn(tenant.adminKey(), "user");
        String colleague =
                fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("colleague"), "user", ConsoleBrowsers.PASSWORD);

        // when it opens the console, the members list and its own page
        HttpResponse<String> start = member.browser().get("/console");
        HttpResponse<String> list = member.browser().get("/console/members");
        HttpResponse<String> own = member.browser().get("/console/members/" + member.id());

        // then it is sent to its own page, which has no action, and the list is refused as the API refuses it
        assertThat(start.headers().firstValue("Location")).hasValue("/console/members/" + member.id());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body())
                .contains(member.email())
                .doesNotContain("/deactivate")
                .doesNotContain("Actions");
        assertThat(own.body()).doesNotContain("href=\"/console/invitations\"");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(list.body()).contains("403 Forbidden").contains("users:read");

        // when it posts the deactivate form anyway, with a valid CSRF token, against its colleague and itself
        HttpResponse<String> forged = member.browser().post("/console/members/" + colleague + "/deactivate", Map.of());
        HttpResponse<String> self = member.browser().post("/console/members/" + member.id() + "/deactivate", Map.of());

        // then both are refused with 403 and nobody changed
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("users:write");
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(api.get("/v1/users/" + colleague, tenant.adminKey()).field("status"))
                .isEqualTo("active");
        assertThat(api.get("/v1/users/" + member.id(), tenant.adminKey()).field("status"))
                .isEqualTo("active");
        assertThat(api.get("/v1/audit-events?targetId=" + colleague, tenant.adminKey())
                        .text())
                .doesNotContain("user.deactivated");
    }

    @Test
    void aMemberWhoMayOnlyReadSeesMembersAndInvitationsWithoutAnyButton() {
        // given a member whose custom role holds users:read alone, and an invited colleague who got one email
        String roleName = "reader " + UUID.randomUUID();
        Api.Response role = api.post(
                "/v1/organizations/" + tenant.organizationId() + "/roles",
                Api.PLATFORM_KEY,
                Map.of("name", roleName, "permissions", List.of("users:read")));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        Member reader = browsers.signedIn(tenant.adminKey(), roleName);
        String email = Fixtures.uniqueEmail("invited");
        String colleague = fixtures.user(tenant.adminKey(), email);
        MailServer.await(email, 1);

        // when it opens the list, the colleague's page and the pending invitations
        HttpResponse<String> list = reader.browser().get("/console/members");
        HttpResponse<String> page = reader.browser().get("/console/members/" + colleague);
        HttpResponse<String> invitations = reader.browser().get("/console/invitations");

        // then it sees them all, with no button it could not use
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ConsoleBrowsers.memberEmails(list.body())).contains(email, reader.email());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email).doesNotContain("/deactivate", "/invitation/resend", "/revoke");
        assertThat(invitations.statusCode()).isEqualTo(200);
        assertThat(invitations.body()).contains(email).doesNotContain("/invitation/resend", "/revoke");

        // and a resend posted anyway is refused as the API refuses it, and sends nothing
        HttpResponse<String> forged =
                reader.browser().post("/console/members/" + colleague + "/invitation/resend", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("users:invite");
        assertThat(MailServer.messagesFor(email)).hasSize(1);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        // given a signed-in admin and an active member
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String target =
                fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("target"), "user", ConsoleBrowsers.PASSWORD);

        // when another site's page posts the deactivate form with the admin's cookies but no token, or a made-up one
        HttpResponse<String> missing =
                admin.browser().postWithoutCsrf("/console/members/" + target + "/deactivate", Map.of());
        HttpResponse<String> forged = admin.browser()
                .postWithoutCsrf("/console/members/" + target + "/deactivate", Map.of("_csrf", "forged"));

        // then both are refused and the member stays active
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/v1/users/" + target, tenant.adminKey()).field("status"))
                .isEqualTo("active");
    }

    @Test
    void whatUsersTypedIsEscapedAndThePagesKeepTheStrictPolicy() {
        // given a member whose name is markup
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String id = api.post(
                        "/v1/users",
                        tenant.adminKey(),
                        Map.of("email", Fixtures.uniqueEmail("markup"), "name", "<script>alert(1)</script>"))
                .field("id");

        // when the admin opens the list and the member's page
        HttpResponse<String> list = admin.browser().get("/console/members");
        HttpResponse<String> page = admin.browser().get("/console/members/" + id);

        // then the name is text, not markup, and no page allows inline script or style
        assertThat(list.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(page.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'")
                .contains("style-src 'self'")
                .doesNotContain("unsafe-inline");
    }
}
