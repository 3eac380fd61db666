package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user with allowPasswordAuth false signs in only through SSO: no password works for it any more. */
@RosterTest
class SsoOnlyUserTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Map<String, Object> SSO_ONLY = Map.of("allowPasswordAuth", false);

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void makingAUserSsoOnlyNeedsAnEnabledProvider() {
        String email = member();

        Api.Response refused = api.patch("/v1/users/" + userId(email), tenant.adminKey(), SSO_ONLY);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("code")).isEqualTo("sso_provider_required");
        assertThat(signIn(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theSwitchToSsoOnlyEndsThePasswordAndEveryRefreshToken() {
        // given a user who signed in with its password
        String email = member();
        String refreshToken = signIn(email, PASSWORD).field("refreshToken");
        withSsoProvider();

        // when it is made SSO-only
        Api.Response patched = api.patch("/v1/users/" + userId(email), tenant.adminKey(), SSO_ONLY);

        // then the password is gone, and neither it nor the refresh token signs in
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("allowPasswordAuth").asBoolean()).isFalse();
        assertThat(hasPasswordHash(email)).isFalse();
        assertThat(signIn(email, PASSWORD).status()).isEqualTo(401);
        assertThat(refresh(refreshToken).status()).isEqualTo(401);
    }

    @Test
    void aRightPasswordOfAnSsoOnlyUserIsAnsweredSsoRequired() {
        // given an SSO-only user that still has a password hash (made so before passwords were removed on the switch)
        String email = member();
        jdbc.sql("UPDATE users SET allow_password_auth = false WHERE email = :email")
                .param("email", email)
                .update();

        // when it signs in with the right password, and with a wrong one
        Api.Response right = signIn(email, PASSWORD);
        Api.Response wrong = signIn(email, "not the password at all");

        // then the right one says SSO is required, and the wrong one says no more than for anyone else
        assertThat(right.status()).isEqualTo(403);
        assertThat(right.field("code")).isEqualTo("sso_required");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.field("code")).isEqualTo("invalid_credentials");
    }

    @Test
    void anInvitedUserMadeSsoOnlyCanNoLongerSetAPassword() {
        // given an invited user and its link
        withSsoProvider();
        String email = Fixtures.uniqueEmail("sso-invitee");
        String id =
                api.post("/v1/users", tenant.adminKey(), Map.of("email", email)).field("id");
        String token = MailServer.token(MailServer.await(email, 1).get(0));

        // when it is made SSO-only
        Api.Response patched = api.patch("/v1/users/" + id, tenant.adminKey(), SSO_ONLY);

        // then the link, a resend and the accept are all refused
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("invitation").path("status").asString()).isEqualTo("revoked");
        Api.Response accepted =
                api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD));
        assertThat(accepted.status()).isEqualTo(410);
        Api.Response resent = api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null);
        assertThat(resent.status()).isEqualTo(403);
        assertThat(resent.field("code")).isEqualTo("sso_required");
        assertThat(hasPasswordHash(email)).isFalse();
    }

    @Test
    void aTemporaryPasswordChallengeIsRefusedOnceTheUserIsSsoOnly() {
        // given a user invited with a temporary password who got its challenge
        withSsoProvider();
        String email = Fixtures.uniqueEmail("sso-temp");
        String id = api.post(
                        "/v1/users", tenant.adminKey(), Map.of("email", email, "invitationType", "temporary_password"))
                .field("id");
        String temporary = MailServer.find(MailServer.await(email, 1).get(0), "temporary password: (\\S+)");
        String challenge = signIn(email, temporary).field("challengeToken");
        assertThat(challenge).isNotNull();

        // when it is made SSO-only, then the challenge is met
        api.patch("/v1/users/" + id, tenant.adminKey(), SSO_ONLY);
        Api.Response changed =
                api.post("/v1/auth/password", null, Map.of("challengeToken", challenge, "newPassword", PASSWORD));

        // then no password is set and the user stays invited
        assertThat(changed.status()).isIn(401, 403);
        assertThat(hasPasswordHash(email)).isFalse();
        assertThat(api.get("/v1/users/" + id, tenant.adminKey()).field("status"))
                .isEqualTo("invited");
    }

    private void withSsoProvider() {
        Api.Response provider = api.post(
                "/v1/sso-providers",
                tenant.adminKey(),
                Map.of("name", "Okta", "protocol", "oidc", "issuer", "https://idp.example.test"));
        assertThat(provider.status()).as(provider.toString()).isEqualTo(201);
    }

    private String member() {
        String email = Fixtures.uniqueEmail("member");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        return email;
    }

    private String userId(String email) {
        return jdbc.sql("SELECT id::text FROM users WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();
    }

    private boolean hasPasswordHash(String email) {
        return jdbc.sql("SELECT count(*) FROM user_credentials WHERE user_id = :user")
                        .param("user", UUID.fromString(userId(email)))
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Api.Response signIn(String email, String password) {
        return fixtures.signIn(email, password);
    }

    private Api.Response refresh(String refreshToken) {
        return fixtures.refresh(refreshToken);
    }
}
