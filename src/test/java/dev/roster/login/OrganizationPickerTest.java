package dev.roster.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.MailServer;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The organization step of the hosted login when an application admits only some organizations and the email
 * belongs to users of several: the application's choice narrows the list, one left is picked without asking, and
 * none left is refused without naming any organization.
 */
@RosterTest
class OrganizationPickerTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    @Autowired
    DatabaseServer database;

    @Test
    void anApplicationsOrganizationsNarrowThePickerToOneOrNone() {
        try (ConfigurableApplicationContext node =
                SecondNode.start(database, "--roster.users.email-unique-across-platform=false")) {
            // given one address that is a user of organizations a, b and c with one password, and an organization d
            // it is not in; and applications for b and d, for d alone, and for a and b
            Api roster = SecondNode.api(node);
            String email = Fixtures.uniqueEmail("picker");
            List<String> orgs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                orgs.add(invite(roster, email));
            }
            for (MimeMessage message : MailServer.await(email, 3)) {
                assertThat(roster.post(
                                        "/v1/public/invitations/" + MailServer.token(message) + "/accept",
                                        null,
                                        Map.of("password", PASSWORD))
                                .status())
                        .isEqualTo(204);
            }
            String a = orgs.get(0);
            String b = orgs.get(1);
            String c = orgs.get(2);
            String d = new Fixtures(roster).organization("business");
            String toB = application(roster, List.of(b, d));
            String toD = application(roster, List.of(d));
            String toAandB = application(roster, List.of(a, b));
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();

            // when the person signs in on the way to each
            Pages one = new Pages(port, "2001:db8:0a9::11");
            HttpResponse<String> picked = signIn(one, email, PASSWORD, authorize(toB));
            Pages none = new Pages(port, "2001:db8:0a9::12");
            HttpResponse<String> wrongPassword = signIn(none, email, "not the password at all", authorize(toD));
            HttpResponse<String> refused = signIn(none, email, PASSWORD, authorize(toD));
            Pages two = new Pages(port, "2001:db8:0a9::13");
            HttpResponse<String> offered = signIn(two, email, PASSWORD, authorize(toAandB));

            // then with one organization left they are signed in to it and go on to the application with a code
            assertThat(picked.statusCode()).as(picked.body()).isEqualTo(303);
            assertThat(picked.headers().firstValue("Location")).hasValue(authorize(toB));
            assertThat(one.get(authorize(toB)).headers().firstValue("Location").orElseThrow())
                    .startsWith(REDIRECT + "?code=");
            assertThat(one.get("/login").body()).contains(name(roster, b)).doesNotContain(name(roster, a));

            // and with none left a right password gets a refusal that names no organization and starts no session,
            // while a wrong one gets the usual answer
            assertThat(wrongPassword.statusCode()).isEqualTo(401);
            assertThat(wrongPassword.body()).contains("The email or password is not right.");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body())
                    .contains("Your account cannot sign in to this application")
                    .doesNotContain(name(roster, a), name(roster, b), name(roster, c), "name=\"organizationId\"");
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.contains("session"));
            assertThat(none.get("/login").body()).doesNotContain("signed-in-email");

            // and with two left it offers exactly those two
            assertThat(offered.statusCode()).isEqualTo(200);
            assertThat(offered.body())
                    .contains("value=\"" + a + "\"", "value=\"" + b + "\"")
                    .doesNotContain("value=\"" + c + "\"");
        }
    }

    private static HttpResponse<String> signIn(Pages browser, String email, String password, String next) {
        return browser.post("/login", Map.of("email", email, "password", password, "continue", next));
    }

    private static String authorize(String clientId) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=picker";
    }

    private static String application(Api roster, List<String> organizationIds) {
        Api.Response created = roster.post(
                "/v1/applications",
                Api.PLATFORM_KEY,
                Map.of(
                        "name",
                        "Limited",
                        "type",
                        "confidential",
                        "redirectUris",
                        List.of(REDIRECT),
                        "organizationIds",
                        organizationIds));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("clientId");
    }

    private static String invite(Api roster, String email) {
        Fixtures.Tenant tenant = new Fixtures(roster).tenant("business");
        assertThat(roster.post("/v1/users", tenant.adminKey(), Map.of("email", email))
                        .status())
                .isEqualTo(201);
        return tenant.organizationId();
    }

    private static String name(Api roster, String organizationId) {
        return roster.get("/v1/organizations/" + organizationId, Api.PLATFORM_KEY)
                .field("name");
    }
}
