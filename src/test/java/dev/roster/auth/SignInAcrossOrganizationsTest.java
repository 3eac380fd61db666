package dev.roster.auth;

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
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With emails unique per organization only, one address may be a user of several organizations. That it is must
 * be told only to someone who knows the password of one of those users.
 */
@RosterTest
class SignInAcrossOrganizationsTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    DatabaseServer database;

    @Test
    void organizationRequiredIsSaidOnlyAfterARightPassword() {
        try (ConfigurableApplicationContext node =
                SecondNode.start(database, "--roster.users.email-unique-across-platform=false")) {
            // given one address that is a user of two organizations, with one password in both
            Api roster = SecondNode.api(node);
            String email = Fixtures.uniqueEmail("twice");
            String first = invite(roster, email);
            String second = invite(roster, email);
            for (MimeMessage message : MailServer.await(email, 2)) {
                String token = MailServer.token(message);
                assertThat(roster.post(
                                        "/v1/public/invitations/" + token + "/accept",
                                        null,
                                        Map.of("password", PASSWORD))
                                .status())
                        .isEqualTo(204);
            }

            // when someone signs in with a wrong password, with the right one, and with the right one and an
            // organization
            Api.Response wrong = signIn(roster, email, "not the password at all", null);
            Api.Response right = signIn(roster, email, PASSWORD, null);
            Api.Response chosen = signIn(roster, email, PASSWORD, second);

            // then the wrong one learns nothing, the right one is asked which organization, and gets in with it
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.field("code")).isEqualTo("invalid_credentials");
            assertThat(right.status()).isEqualTo(400);
            assertThat(right.field("code")).isEqualTo("organization_required");
            assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
            assertThat(roster.get("/v1/users/me", chosen.field("accessToken")).field("organizationId"))
                    .isEqualTo(second)
                    .isNotEqualTo(first);

            // and the hosted login asks the same way: which organization, only once the password was right
            int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) node)
                    .getWebServer()
                    .getPort();
            Pages browser = new Pages(port, "2001:db8:0a9::1");
            HttpResponse<String> refused =
                    browser.post("/login", Map.of("email", email, "password", "not the password at all"));
            HttpResponse<String> asked = browser.post("/login", Map.of("email", email, "password", PASSWORD));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("name=\"organizationId\"");
            assertThat(asked.statusCode()).isEqualTo(200);
            assertThat(asked.body()).contains("value=\"" + first + "\"", "value=\"" + second + "\"");
            HttpResponse<String> signedIn =
                    browser.post("/login", Map.of("email", email, "password", PASSWORD, "organizationId", second));
            assertThat(signedIn.statusCode()).isEqualTo(303);
            String account = browser.get("/login").body();
            assertThat(account)
                    .contains(
                            email,
                            roster.get("/v1/organizations/" + second, Api.PLATFORM_KEY)
                                    .field("name"));
        }
    }

    private String invite(Api roster, String email) {
        Fixtures.Tenant tenant = new Fixtures(roster).tenant("business");
        assertThat(roster.post("/v1/users", tenant.adminKey(), Map.of("email", email))
                        .status())
                .isEqualTo(201);
        return tenant.organizationId();
    }

    private static Api.Response signIn(Api roster, String email, String password, String organizationId) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", password));
        if (organizationId != null) {
            body.put("organizationId", organizationId);
        }
        return roster.post("/v1/auth/token", null, body);
    }
}
