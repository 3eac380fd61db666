package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.IdentityProvider;
import dev.roster.support.MailServer;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A verified domain with ssoRequired makes SSO the only way in for its emails: nobody there is sent a password
 * invitation, an invitation sent before cannot set a password, password reset sends nothing, and SSO signs in
 * (links) such a user even when the provider does not link password users.
 */
@RosterTest
class SsoRequiredDomainTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final IdentityProvider idp = IdentityProvider.instant();
    private SsoFixtures sso;
    private SsoFixtures.SsoTenant tenant;

    @BeforeEach
    void setUp() {
        sso = new SsoFixtures(api, fixtures);
        tenant = sso.tenant("business", Map.of());
    }

    @Test
    void someoneAddedAtAnSsoRequiredDomainGetsNoPasswordInvitation() {
        // given a domain that requires SSO
        sso.ssoRequired(tenant, true);
        String email = tenant.email("newcomer");
        String other = tenant.email("bulk");

        // when an admin adds people there with an invitation, one by one and in bulk
        Api.Response created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", email, "sendInvitation", true, "invitationType", "temporary_password"));
        Api.Response bulk = api.post("/v1/invitations/bulk", tenant.adminKey(), Map.of("emails", List.of(other)));

        // then they are active users with no invitation and no password, told apart in the bulk answer
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("status")).isEqualTo("active");
        assertThat(invitations(email)).isZero();
        assertThat(invitations(other)).isZero();
        assertThat(credentials(email)).isZero();
        assertThat(bulk.json().path("results").get(0).path("status").asString()).isEqualTo("added");

        // and SSO signs them in without linking being allowed
        HttpResponse<String> signedIn = signIn(email);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    }

    @Test
    void anInvitationSentBeforeTheDomainRequiredSsoCannotSetAPassword() {
        // given an invitation emailed while passwords were allowed, and then the domain requiring SSO
        String email = tenant.email("invitee");
        String userId =
                api.post("/v1/users", tenant.adminKey(), Map.of("email", email)).field("id");
        String token = MailServer.token(MailServer.await(email, 1).get(0));
        sso.ssoRequired(tenant, true);

        // when the invitee opens the link and sets a password through the API and the page, and the admin resends
        Api.Response preview = api.get("/v1/public/invitations/" + token, null);
        Api.Response accepted =
                api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD));
        Pages browser = new Pages(port, "2001:db8::9:" + Integer.toHexString((int) (Math.random() * 0xffff)));
        HttpResponse<String> page = browser.post(
                "/invitations/accept", Map.of("token", token, "password", PASSWORD, "confirmation", PASSWORD));
        Api.Response resent = api.post("/v1/users/" + userId + "/invitation/resend", tenant.adminKey(), null);

        // then each is refused as sso_required, and the user has no password and is still invited
        assertThat(accepted.status()).isEqualTo(403);
        assertThat(accepted.field("code")).isEqualTo("sso_required");
        assertThat(preview.status()).isEqualTo(403);
        assertThat(preview.field("code")).isEqualTo("sso_required");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("single sign-on");
        assertThat(resent.status()).isEqualTo(403);
        assertThat(resent.field("code")).isEqualTo("sso_required");
        assertThat(credentials(email)).isZero();
        assertThat(api.get("/v1/users/" + userId, tenant.adminKey()).field("status"))
                .isEqualTo("invited");

        // and signing in through SSO accepts the invitation
        HttpResponse<String> signedIn = signIn(email);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(api.get("/v1/users/" + userId, tenant.adminKey()).field("status"))
                .isEqualTo("active");
    }

    @Test
    void passwordResetSendsNothingUnderAnSsoRequiredDomainAndAnOlderLinkIsRefused() {
        // given a member with a password who asked for a reset link, and then the domain requiring SSO
        String email = tenant.email("member");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        api.post("/v1/public/password-resets", null, Map.of("email", email));
        String token = MailServer.find(MailServer.await(email, 2).get(1), "token=(roster_reset_[A-Za-z0-9_-]+)");
        sso.ssoRequired(tenant, true);

        // when the old link is used, and a new one is asked for
        Api.Response used = api.post(
                "/v1/public/password-resets/confirm", null, Map.of("token", token, "newPassword", PASSWORD + "!"));
        Api.Response asked = api.post("/v1/public/password-resets", null, Map.of("email", email));

        // then the link is refused, and no new link is made
        assertThat(used.status()).isEqualTo(403);
        assertThat(used.field("code")).isEqualTo("sso_required");
        assertThat(asked.status()).isEqualTo(202);
        assertThat(resets(email)).isEqualTo(1);
    }

    @Test
    void ssoLinksAPasswordUserOfAnSsoRequiredDomainThoughTheProviderDoesNotLink() {
        // given a member with a password, a provider that does not link password users, and the domain requiring SSO
        String email = tenant.email("member");
        String userId = fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        sso.ssoRequired(tenant, true);

        // when the member signs in through SSO
        HttpResponse<String> signedIn = signIn(email);

        // then it is linked, since the domain leaves SSO as the only way in
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(api.get("/v1/users/" + userId + "/identities", tenant.adminKey())
                        .json()
                        .path("data"))
                .hasSize(1);
        assertThat(api.get("/v1/audit-events?action=sso.signed_in", tenant.adminKey())
                        .text())
                .contains("\"sso_required_domain\"");
    }

    private HttpResponse<String> signIn(String email) {
        Pages browser = new Pages(port, "2001:db8::a:" + Integer.toHexString((int) (Math.random() * 0xffff)));
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        idp.nextToken("sub-" + UUID.randomUUID(), tenant.clientId(), Map.of("email", email, "email_verified", true));
        return SsoFixtures.complete(browser, started);
    }

    private long invitations(String email) {
        return count("SELECT count(*) FROM invitations WHERE email = :email", email);
    }

    private long credentials(String email) {
        return count(
                "SELECT count(*) FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE u.email = :email",
                email);
    }

    private long resets(String email) {
        return count(
                "SELECT count(*) FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = :email",
                email);
    }

    private long count(String sql, String email) {
        return jdbc.sql(sql).param("email", email).query(Long.class).single();
    }
}
