package dev.roster.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Forgotten passwords: one answer for everyone, a single-use link for 60 minutes, and every session ends. */
@RosterTest
class PasswordResetTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void askingAnswersAlikeWhoeverTheEmailBelongsTo() {
        // given a member, and an address nobody has
        String member = member();

        // when both ask for a reset
        Api.Response known = ask(member);
        String nobody = Fixtures.uniqueEmail("nobody");
        Api.Response unknown = ask(nobody);

        // then the answers are the same, and only the member gets an email
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.text()).isEqualTo(known.text());
        assertThat(MailServer.text(MailServer.await(member, 2).get(1))).contains("reset the password");
        assertThat(MailServer.messagesFor(nobody)).isEmpty();
    }

    @Test
    void theForgotPageAnswersAlikeWhoeverTheEmailBelongsTo() {
        // given a member, an address nobody has, and a blank one
        String member = member();
        String nobody = Fixtures.uniqueEmail("nobody");

        // when each is typed on the forgot-password page
        HttpResponse<String> known = browse("POST", "/login/forgot", null, Map.of("email", member));
        HttpResponse<String> unknown = browse("POST", "/login/forgot", null, Map.of("email", nobody));
        HttpResponse<String> invalid = browse("POST", "/login/forgot", null, Map.of("email", " "));

        // then the two addresses get the same page, and only the member an email; the blank one is told so at its
        // field
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(known.statusCode());
        assertThat(unknown.body()).isEqualTo(known.body()).doesNotContain(nobody);
        assertThat(MailServer.text(MailServer.await(member, 2).get(1))).contains("reset the password");
        assertThat(MailServer.messagesFor(nobody)).isEmpty();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("id=\"email-error\"", "aria-describedby=\"email-error\"", "aria-invalid=\"true\"");
    }

    @Test
    void aLinkSetsANewPasswordOnceAndEndsEveryRefreshToken() {
        // given a signed-in member who asked for a reset
        String email = member();
        String refreshToken = fixtures.signIn(email, PASSWORD).field("refreshToken");
        ask(email);
        String link = MailServer.find(MailServer.await(email, 2).get(1), "(https://\\S+/login/reset\\?token=\\S+)");
        String token = tokenFor(email);

        // when the token sets a new password, and is used again
        Api.Response confirmed = confirm(token, NEW_PASSWORD);
        Api.Response again = confirm(token, "the thief's own password");

        // then the new password works, the old one and the refresh token do not, and the token is spent
        assertThat(link).startsWith(RosterTest.PUBLIC_URL + "/login/reset?token=roster_reset_");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.field("code")).isEqualTo("password_reset_used");
        assertThat(fixtures.signIn(email, PASSWORD).status()).isEqualTo(401);
        assertThat(fixtures.signIn(email, NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(fixtures.refresh(refreshToken).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.password_reset'"
                                + " AND organization_id = :org")
                        .param("org", UUID.fromString(tenant.organizationId()))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aLinkLastsSixtyMinutes() {
        // given a reset asked for
        String email = member();
        ask(email);
        String token = tokenFor(email);

        // then it was made for 60 minutes, and once they are over it is refused
        assertThat(jdbc.sql("SELECT extract(epoch FROM expires_at - created_at)::int FROM password_resets"
                                + " WHERE user_id = (SELECT id FROM users WHERE email = :email)")
                        .param("email", email)
                        .query(Integer.class)
                        .single())
                .isBetween(3599, 3600);
        jdbc.sql("UPDATE password_resets SET expires_at = now() - interval '1 second'"
                        + " WHERE user_id = (SELECT id FROM users WHERE email = :email)")
                .param("email", email)
                .update();
        Api.Response late = confirm(token, NEW_PASSWORD);
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.field("code")).isEqualTo("password_reset_expired");
        assertThat(fixtures.signIn(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void ssoOnlyUsersGetNoLinkAndALinkFromBeforeTheSwitchIsRefused() {
        // given a member with a reset link, whose organization then makes it SSO-only
        String email = member();
        ask(email);
        String token = tokenFor(email);
        api.post(
                "/v1/sso-providers",
                tenant.adminKey(),
                Map.of("name", "Okta", "protocol", "oidc", "issuer", "https://idp.example.test"));
        String id = jdbc.sql("SELECT id::text FROM users WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();
        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("allowPasswordAuth", false))
                        .status())
                .isEqualTo(200);

        // when the old link is used, and a new one is asked for
        Api.Response used = confirm(token, NEW_PASSWORD);
        Api.Response asked = ask(email);

        // then the link is refused, and no second email comes
        assertThat(used.status()).isEqualTo(403);
        assertThat(used.field("code")).isEqualTo("sso_required");
        assertThat(asked.status()).isEqualTo(202);
        assertThat(MailServer.messagesFor(email)).hasSize(2);
    }

    @Test
    void thePagesKeepTheTokenOutOfTheAddressBarAndSetThePassword() {
        // given a reset link
        String email = member();
        ask(email);
        String token = tokenFor(email);

        // when the browser opens it
        HttpResponse<String> opened = browse("GET", "/login/reset?token=" + token, null, null);

        // then it is sent on without the token, which now rides in a cookie for the reset page alone, one that
        // comes with the redirect after a link from a mail client but never with another site's form
        assertThat(opened.statusCode()).isBetween(302, 303);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/login/reset");
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("roster_reset=" + token)
                .contains("HttpOnly", "SameSite=Lax", "Path=/login/reset", "Secure");
        String jar = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> form = browse("GET", "/login/reset", jar, null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Choose a new password").doesNotContain(token);

        // and a mistyped confirmation is refused before the right one sets the password
        assertThat(browse("POST", "/login/reset", jar, Map.of("password", NEW_PASSWORD, "confirmation", "other"))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> done =
                browse("POST", "/login/reset", jar, Map.of("password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Your password is changed");
        assertThat(fixtures.signIn(email, NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(browse("GET", "/login/reset", jar, null).statusCode()).isEqualTo(410);
    }

    private String member() {
        String email = Fixtures.uniqueEmail("forgetful");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        return email;
    }

    private String tokenFor(String email) {
        return MailServer.find(MailServer.await(email, 2).get(1), "token=(roster_reset_[A-Za-z0-9_-]+)");
    }

    private Api.Response ask(String email) {
        return api.post("/v1/public/password-resets", null, Map.of("email", email));
    }

    private Api.Response confirm(String token, String newPassword) {
        return api.post("/v1/public/password-resets/confirm", null, Map.of("token", token, "newPassword", newPassword));
    }

    private HttpResponse<String> browse(String method, String path, String cookie, Map<String, String> form) {
        Pages pages = new Pages(port, "2001:db8:7e5e::1");
        return method.equals("GET") ? pages.get(path, cookie) : pages.post(path, cookie, form);
    }
}
