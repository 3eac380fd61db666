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

/**
 * Refresh tokens rotate in families and die with the password, the user, the organization or a sign-out; a
 * password-change challenge works once; failed current passwords count toward the sign-in limit.
 */
@RosterTest
class SessionSecurityTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void aSpentRefreshTokenUsedAgainRevokesItsWholeFamily() {
        // given a sign-in whose refresh token was rotated once
        String email = member();
        String first = signIn(email, PASSWORD).field("refreshToken");
        String second = refresh(first).field("refreshToken");
        String otherSession = signIn(email, PASSWORD).field("refreshToken");

        // when the spent first token comes back (a thief replaying it)
        Api.Response replayed = refresh(first);

        // then it is refused and the token that replaced it is dead too; another sign-in's family lives on
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(refresh(second).status()).isEqualTo(401);
        assertThat(refresh(otherSession).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsEveryRefreshTokenOfTheUser() {
        // given two sign-ins
        String email = member();
        Api.Response one = signIn(email, PASSWORD);
        String two = signIn(email, PASSWORD).field("refreshToken");

        // when the user changes its password
        Api.Response changed = api.post(
                "/v1/auth/password",
                one.field("accessToken"),
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));

        // then both refresh tokens are dead, and the new one it got works
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(refresh(one.field("refreshToken")).status()).isEqualTo(401);
        assertThat(refresh(two).status()).isEqualTo(401);
        assertThat(refresh(changed.field("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void deactivationEndsRefreshTokensAndReactivationBringsNoneBack() {
        // given a signed-in user
        String email = member();
        String refreshToken = signIn(email, PASSWORD).field("refreshToken");
        String id = userId(email);

        // when it is deactivated and reactivated
        assertThat(api.post("/v1/users/" + id + "/deactivate", tenant.adminKey(), null)
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/v1/users/" + id + "/reactivate", tenant.adminKey(), null)
                        .status())
                .isEqualTo(200);

        // then the old refresh token stays dead, while a new sign-in works
        assertThat(refresh(refreshToken).status()).isEqualTo(401);
        assertThat(signIn(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void deletionAndRestoreBringNoRefreshTokenBack() {
        String email = member();
        String refreshToken = signIn(email, PASSWORD).field("refreshToken");
        String id = userId(email);

        assertThat(api.delete("/v1/users/" + id, tenant.adminKey()).status()).isEqualTo(204);
        assertThat(api.post("/v1/users/" + id + "/restore", tenant.adminKey(), null)
                        .status())
                .isEqualTo(200);

        assertThat(refresh(refreshToken).status()).isEqualTo(401);
    }

    @Test
    void deletingTheOrganizationRevokesItsUsersRefreshTokens() {
        String email = member();
        signIn(email, PASSWORD);
        String id = userId(email);

        assertThat(api.delete("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .status())
                .isEqualTo(204);

        assertThat(liveRefreshTokens(id)).isZero();
    }

    @Test
    void revokingARefreshTokenAnswersAsRfc7009SaysAndIsAudited() {
        // given a signed-in user
        String email = member();
        String refreshToken = signIn(email, PASSWORD).field("refreshToken");

        // when it revokes its refresh token, and someone revokes a token that does not exist
        Api.Response revoked = api.post("/v1/auth/revoke", null, Map.of("token", refreshToken));
        Api.Response unknown = api.post("/v1/auth/revoke", null, Map.of("token", "roster_refresh_nothing"));
        Api.Response missing = api.post("/v1/auth/revoke", null, Map.of());

        // then the token is dead, the unknown one is answered alike, and a missing token is a 400
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(refresh(refreshToken).status()).isEqualTo(401);
        assertThat(audited("user.refresh_token_revoked", userId(email))).isEqualTo(1);
    }

    @Test
    void signOutEndsEveryRefreshTokenOfAUserAndNeedsUsersWrite() {
        // given a user signed in twice
        String email = member();
        String one = signIn(email, PASSWORD).field("refreshToken");
        String two = signIn(email, PASSWORD).field("refreshToken");
        String id = userId(email);
        String reader = fixtures.keyWith(tenant.organizationId(), "users:read");
        Tenant stranger = fixtures.tenant("business");

        // when a reader, another tenant and an admin sign it out
        Api.Response byReader = api.post("/v1/users/" + id + "/sign-out", reader, null);
        Api.Response byStranger = api.post("/v1/users/" + id + "/sign-out", stranger.adminKey(), null);
        Api.Response byAdmin = api.post("/v1/users/" + id + "/sign-out", tenant.adminKey(), null);

        // then only the admin's works, and both refresh tokens are dead
        assertThat(byReader.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(204);
        assertThat(refresh(one).status()).isEqualTo(401);
        assertThat(refresh(two).status()).isEqualTo(401);
        assertThat(audited("user.signed_out", id)).isEqualTo(1);
    }

    @Test
    void aPasswordChangeChallengeWorksOnceAndOnlyWhileThePasswordMustChange() {
        // given a user invited with a temporary password, who signed in with it twice
        String email = Fixtures.uniqueEmail("temp");
        api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "invitationType", "temporary_password"));
        String temporary = MailServer.find(MailServer.await(email, 1).get(0), "temporary password: (\\S+)");
        String first = signIn(email, temporary).field("challengeToken");
        String second = signIn(email, temporary).field("challengeToken");

        // when the first challenge is met, then sent again, and the second one is sent after it
        Api.Response met = changeWith(first, NEW_PASSWORD);
        Api.Response replayed = changeWith(first, "the thief's own password");
        Api.Response stale = changeWith(second, "the thief's own password");

        // then only the first use works, and the password is the one set then
        assertThat(met.status()).as(met.toString()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(signIn(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsCountTowardTheSignInLimit() {
        // given a signed-in user
        String email = member();
        String jwt = signIn(email, PASSWORD).field("accessToken");

        // when someone holding its access token guesses the current password five times
        for (int i = 0; i < 5; i++) {
            Api.Response guess = api.post(
                    "/v1/auth/password",
                    jwt,
                    Map.of("currentPassword", "guess number " + i, "newPassword", NEW_PASSWORD));
            assertThat(guess.status()).isEqualTo(400);
        }
        Api.Response sixth =
                api.post("/v1/auth/password", jwt, Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));

        // then the next attempts, even with the right password, are throttled
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(signIn(email, PASSWORD).status()).isEqualTo(429);
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

    private long liveRefreshTokens(String userId) {
        return jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = :user AND revoked_at IS NULL"
                        + " AND used_at IS NULL")
                .param("user", UUID.fromString(userId))
                .query(Long.class)
                .single();
    }

    private long audited(String action, String userId) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = :action AND target_id = :target")
                .param("action", action)
                .param("target", userId)
                .query(Long.class)
                .single();
    }

    private Api.Response signIn(String email, String password) {
        return fixtures.signIn(email, password);
    }

    private Api.Response refresh(String refreshToken) {
        return fixtures.refresh(refreshToken);
    }

    private Api.Response changeWith(String challenge, String newPassword) {
        return api.post("/v1/auth/password", null, Map.of("challengeToken", challenge, "newPassword", newPassword));
    }
}
