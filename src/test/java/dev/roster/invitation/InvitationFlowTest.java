package dev.roster.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RollbackTrap;
import dev.roster.support.RosterTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Invitations from the API call to the invitee's first sign-in, with a real SMTP server receiving the mail. */
@RosterTest
class InvitationFlowTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @AfterEach
    void mailServerUp() {
        RollbackTrap.disarm();
        MailServer.ensureStarted();
    }

    @Test
    void anInvitedUserGetsExactlyOneEmailWhoseLinkSetsThePasswordOnce() {
        // given
        String email = Fixtures.uniqueEmail("invitee");
        var created = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "firstName", "Ida"));

        // when the email arrives
        MimeMessage message = MailServer.await(email, 1).get(0);
        String token = MailServer.token(message);

        // then it is addressed, worded and linked as it should be
        assertThat(created.json().path("invitation").path("status").asString()).isEqualTo("pending");
        assertThat(MailServer.text(message))
                .contains(RosterTest.PUBLIC_URL + "/invitations/accept?token=")
                .contains("expires on");
        var preview = api.get("/v1/public/invitations/" + token, null);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.field("email")).isEqualTo(email);
        assertThat(preview.field("organizationName")).startsWith("Org ");

        // and accepting works exactly once
        var accepted = api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD));
        var again = api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.field("code")).isEqualTo("invitation_used");
        var user =
                api.get("/v1/users/" + created.field("id"), tenant.adminKey()).json();
        assertThat(user.path("status").asString()).isEqualTo("active");
        assertThat(user.path("invitation").path("status").asString()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/v1/users/" + created.field("id"), tenant.adminKey())
                        .json()
                        .path("invitation")
                        .path("delivery")
                        .asString()
                        .equals("sent"));
        assertThat(MailServer.messagesFor(email)).hasSize(1);
        assertThat(signIn(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void resendKillsTheOldLink() {
        String email = Fixtures.uniqueEmail("resent");
        String id = fixtures.user(tenant.adminKey(), email);
        String first = MailServer.token(MailServer.await(email, 1).get(0));

        var resent = api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), Map.of("expiresInDays", 3));
        String second = MailServer.token(MailServer.await(email, 2).get(1));

        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.json().path("sendCount").asInt()).isEqualTo(2);
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/v1/public/invitations/" + first, null).status()).isEqualTo(404);
        assertThat(api.post("/v1/public/invitations/" + first + "/accept", null, Map.of("password", PASSWORD))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/v1/public/invitations/" + second + "/accept", null, Map.of("password", PASSWORD))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void resendsPerRecipientAreLimited() {
        String email = Fixtures.uniqueEmail("spammed");
        String id = fixtures.user(tenant.adminKey(), email);
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null)
                            .status())
                    .isEqualTo(200);
        }

        var refused = api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("code")).isEqualTo("too_many_invitations");
        assertThat(refused.header("Retry-After")).isEqualTo("3600");
    }

    @Test
    void oneOrganizationsInvitationsToAnAddressDoNotStopAnotherFromInvitingIt() {
        // given an organization that used up the address's invitations for the hour, then let the user go
        String email = Fixtures.uniqueEmail("contested");
        String id = fixtures.user(tenant.adminKey(), email);
        for (int i = 0; i < 4; i++) {
            api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null);
        }
        assertThat(api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null)
                        .status())
                .isEqualTo(429);
        assertThat(api.delete("/v1/users/" + id, tenant.adminKey()).status()).isEqualTo(204);

        // when another organization invites the address
        Tenant other = fixtures.tenant("business");
        var invited = api.post("/v1/users", other.adminKey(), Map.of("email", email));

        // then its invitation goes out
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().path("invitation").path("status").asString()).isEqualTo("pending");
    }

    @Test
    void anOrganizationsInvitationsPerHourAreLimitedAndARefusedCreateLeavesNoUser() {
        Tenant big = fixtures.tenant("enterprise");
        for (int i = 0; i < 60; i++) {
            assertThat(api.post("/v1/users", big.adminKey(), Map.of("email", Fixtures.uniqueEmail("bulk")))
                            .status())
                    .isEqualTo(201);
        }
        String email = Fixtures.uniqueEmail("one-too-many");

        var refused = api.post("/v1/users", big.adminKey(), Map.of("email", email));
        var uninvited = api.post(
                "/v1/users", big.adminKey(), Map.of("email", Fixtures.uniqueEmail("quiet"), "sendInvitation", false));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("code")).isEqualTo("too_many_invitations");
        assertThat(refused.header("Retry-After")).isEqualTo("3600");
        assertThat(api.get("/v1/users?q=" + email, big.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isZero();
        assertThat(uninvited.status()).isEqualTo(201);
    }

    @Test
    void expiriesAreAnnouncedOnceAndDeletingAUserRevokesItsInvitation() {
        String expiring = Fixtures.uniqueEmail("announced");
        String expiringId = fixtures.user(tenant.adminKey(), expiring);
        String leaving = Fixtures.uniqueEmail("leaving");
        String leavingId = fixtures.user(tenant.adminKey(), leaving);
        String token = MailServer.token(MailServer.await(leaving, 1).get(0));
        jdbc.sql("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE email = :e")
                .param("e", expiring)
                .update();

        api.delete("/v1/users/" + leavingId, tenant.adminKey());

        String invitationId = api.get("/v1/users/" + expiringId, tenant.adminKey())
                .json()
                .path("invitation")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get(
                                        "/v1/audit-events?action=invitation.expired&targetId=" + invitationId,
                                        tenant.adminKey())
                                .json()
                                .path("data")
                                .size()
                        == 1);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(api.get("/v1/audit-events?action=invitation.expired&targetId=" + invitationId, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        assertThat(api.get("/v1/users/" + leavingId, tenant.adminKey())
                        .json()
                        .path("invitation")
                        .path("status")
                        .asString())
                .isEqualTo("revoked");
        assertThat(api.get("/v1/public/invitations/" + token, null).field("code"))
                .isEqualTo("invitation_revoked");
    }

    @Test
    void deactivatingAnInvitedUserRevokesItsInvitation() {
        String email = Fixtures.uniqueEmail("paused");
        String id = fixtures.user(tenant.adminKey(), email);
        String token = MailServer.token(MailServer.await(email, 1).get(0));

        api.post("/v1/users/" + id + "/deactivate", tenant.adminKey(), null);

        assertThat(api.get("/v1/users/" + id, tenant.adminKey())
                        .json()
                        .path("invitation")
                        .path("status")
                        .asString())
                .isEqualTo("revoked");
        assertThat(api.get("/v1/public/invitations/" + token, null).field("code"))
                .isEqualTo("invitation_revoked");
    }

    @Test
    void theLinkUsesThePublicUrlWhateverTheHostHeaderSays() throws Exception {
        String email = Fixtures.uniqueEmail("host");
        String body = "{\"email\":\"" + email + "\"}";
        String request = "POST /v1/users HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                + "Authorization: Bearer " + tenant.adminKey() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        String answer;
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        String text = MailServer.text(MailServer.await(email, 1).get(0));

        assertThat(answer).startsWith("HTTP/1.1 201");
        assertThat(text).contains(RosterTest.PUBLIC_URL + "/invitations/accept").doesNotContain("evil.example");
    }

    @Test
    void namesCannotAddMailHeaders() throws Exception {
        var hostile = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("h"), "lastName", "x\r\nBcc: victim@example.com"));
        var hostileOrg =
                api.post("/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "Acme\r\nBcc: victim@example.com"));
        String email = Fixtures.uniqueEmail("clean");
        fixtures.user(tenant.adminKey(), email);
        MimeMessage message = MailServer.await(email, 1).get(0);

        assertThat(hostile.status()).isEqualTo(400);
        assertThat(hostileOrg.status()).isEqualTo(400);
        assertThat(message.getAllRecipients()).hasSize(1);
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(MailServer.messagesFor("victim@example.com")).isEmpty();
    }

    @Test
    void anInviteMadeWhileSmtpIsDownIsSentOnceItReturns() {
        MailServer.stop();
        String email = Fixtures.uniqueEmail("patient");
        var created = api.post("/v1/users", tenant.adminKey(), Map.of("email", email));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("invitation").path("delivery").asString())
                .isEqualTo("queued");

        MailServer.start();

        assertThat(MailServer.await(email, 1)).hasSize(1);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(MailServer.messagesFor(email)).hasSize(1);
    }

    @Test
    void aRolledBackChangeSendsNothing() {
        String email = Fixtures.uniqueEmail("never");
        RollbackTrap.arm();

        var failed = api.post("/v1/users", tenant.adminKey(), Map.of("email", email));

        RollbackTrap.disarm();
        assertThat(failed.status()).isEqualTo(500);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(MailServer.messagesFor(email)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_messages WHERE recipient = :r")
                        .param("r", email)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(api.get("/v1/users?q=" + email, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isZero();
    }

    @Test
    void concurrentAcceptsOfOneTokenLetExactlyOneWin() throws Exception {
        String email = Fixtures.uniqueEmail("racer");
        fixtures.user(tenant.adminKey(), email);
        String token = MailServer.token(MailServer.await(email, 1).get(0));

        List<Api.Response> answers = Concurrently.run(
                8,
                i -> api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD + i)));

        assertThat(answers.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting())))
                .isEqualTo(Map.of(204, 1L, 410, 7L));
    }

    @Test
    void expiredAndRevokedLinksAreGoneButTheUserStays() {
        String expiring = Fixtures.uniqueEmail("late");
        fixtures.user(tenant.adminKey(), expiring);
        String lateToken = MailServer.token(MailServer.await(expiring, 1).get(0));
        jdbc.sql("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE email = :e")
                .param("e", expiring)
                .update();
        String revoking = Fixtures.uniqueEmail("withdrawn");
        String revokedUser = fixtures.user(tenant.adminKey(), revoking);
        String revokedToken = MailServer.token(MailServer.await(revoking, 1).get(0));
        String invitationId = api.get("/v1/users/" + revokedUser, tenant.adminKey())
                .json()
                .path("invitation")
                .path("id")
                .asString();

        var revoked = api.post("/v1/invitations/" + invitationId + "/revoke", tenant.adminKey(), null);

        assertThat(revoked.field("status")).isEqualTo("revoked");
        var late = api.post("/v1/public/invitations/" + lateToken + "/accept", null, Map.of("password", PASSWORD));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.field("code")).isEqualTo("invitation_expired");
        var withdrawn = api.get("/v1/public/invitations/" + revokedToken, null);
        assertThat(withdrawn.status()).isEqualTo(410);
        assertThat(withdrawn.field("code")).isEqualTo("invitation_revoked");
        var user = api.get("/v1/users/" + revokedUser, tenant.adminKey());
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().path("invitation").path("status").asString()).isEqualTo("revoked");
        assertThat(api.get("/v1/invitations?status=expired&email=" + expiring, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        assertThat(api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .json()
                        .path("seatsUsed")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void passwordsMustBeTwelveToTwoHundredFiftySixCharactersAndAreNeverTruncated() {
        String email = Fixtures.uniqueEmail("pw");
        fixtures.user(tenant.adminKey(), email);
        String token = MailServer.token(MailServer.await(email, 1).get(0));
        String longest = "p".repeat(255) + "q";

        var tooShort = api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", "elevenchars"));
        var tooLong = api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", longest + "r"));
        var fine = api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", longest));

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("errors").get(0).path("field").asString())
                .isEqualTo("password");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(fine.status()).isEqualTo(204);
        assertThat(signIn(email, longest).status()).isEqualTo(200);
        assertThat(signIn(email, "p".repeat(255) + "x").status()).isEqualTo(401);
    }

    @Test
    void aTemporaryPasswordMustBeReplacedAtFirstSignInWhichAcceptsTheInvitation() {
        // given
        String email = Fixtures.uniqueEmail("temp");
        var created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", email, "invitationType", "temporary_password", "roles", List.of("admin")));
        String temporary = MailServer.find(MailServer.await(email, 1).get(0), "temporary password: (\\S+)");

        // when
        var challenge = signIn(email, temporary);
        var changed = api.post(
                "/v1/auth/password",
                null,
                Map.of("challengeToken", challenge.field("challengeToken"), "newPassword", PASSWORD));

        // then
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.field("challenge")).isEqualTo("password_change_required");
        assertThat(challenge.field("accessToken")).isNull();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String jwt = changed.field("accessToken");
        var user = api.get("/v1/users/" + created.field("id"), jwt);
        assertThat(user.field("status")).isEqualTo("active");
        assertThat(user.json().path("invitation").path("status").asString()).isEqualTo("accepted");
        assertThat(user.field("lastLoginAt")).isNotNull();
        assertThat(signIn(email, temporary).status()).isEqualTo(401);
        var madeByJwt = api.post("/v1/users", jwt, Map.of("email", Fixtures.uniqueEmail("by-jwt")));
        assertThat(madeByJwt.status()).isEqualTo(201);
        assertThat(madeByJwt.field("createdBy")).isEqualTo("user:" + created.field("id"));
    }

    @Test
    void refreshTokensWorkOnceAndUserJwtsFollowTheirRoles() {
        String email = Fixtures.uniqueEmail("member");
        acceptedUser(email);
        var tokens = signIn(email, PASSWORD);

        var refreshed = api.post(
                "/v1/auth/token",
                null,
                Map.of("grantType", "refresh_token", "refreshToken", tokens.field("refreshToken")));
        var reused = api.post(
                "/v1/auth/token",
                null,
                Map.of("grantType", "refresh_token", "refreshToken", tokens.field("refreshToken")));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().path("expiresIn").asInt()).isEqualTo(900);
        assertThat(reused.status()).isEqualTo(401);
        String memberJwt = refreshed.field("accessToken");
        assertThat(api.get("/v1/users/me", memberJwt).field("email")).isEqualTo(email);
        assertThat(api.get("/v1/users", memberJwt).status()).isEqualTo(403);
        assertThat(api.post("/v1/users", memberJwt, Map.of("email", Fixtures.uniqueEmail("x")))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/v1/users", memberJwt.substring(0, memberJwt.length() - 4) + "AAAA")
                        .status())
                .isEqualTo(401);
        var jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.json().path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.text()).doesNotContain("\"d\"");
    }

    @Test
    void wrongPasswordsAndUnknownEmailsAnswerAlikeAndRepeatedFailuresAreThrottled() {
        String email = Fixtures.uniqueEmail("target");
        acceptedUser(email);

        var unknown = signIn(Fixtures.uniqueEmail("nobody"), PASSWORD);
        var wrong = signIn(email, "not the password at all");
        for (int i = 0; i < 3; i++) {
            signIn(email, "still not the password");
        }
        var fifth = signIn(email, "still not the password");
        var throttled = signIn(email, PASSWORD);

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(stable(wrong)).isEqualTo(stable(unknown));
        assertThat(fifth.status()).isEqualTo(401);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
    }

    @Test
    void ssoOnlyUsersNeedAnEnabledProviderAndGetNoPasswordInvitation() {
        String email = Fixtures.uniqueEmail("sso");
        Map<String, Object> ssoOnly = Map.of("email", email, "allowPasswordAuth", false);

        var refused = api.post("/v1/users", tenant.adminKey(), ssoOnly);
        var provider = api.post(
                "/v1/sso-providers",
                tenant.adminKey(),
                Map.of("name", "Okta", "protocol", "oidc", "issuer", "https://idp.example.test"));
        var created = api.post("/v1/users", tenant.adminKey(), ssoOnly);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("code")).isEqualTo("sso_provider_required");
        assertThat(provider.status()).isEqualTo(201);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("status")).isEqualTo("active");
        assertThat(created.json().path("invitation").isNull()).isTrue();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(MailServer.messagesFor(email)).isEmpty();
    }

    @Test
    void rolesCanWaitForAcceptance() {
        api.patch(
                "/v1/organizations/" + tenant.organizationId(),
                Api.PLATFORM_KEY,
                Map.of("rolesTakeEffect", "on_accept"));
        String email = Fixtures.uniqueEmail("later-admin");

        String environment = api.post("/v1/environments", tenant.adminKey(), Map.of("name", "staging"))
                .field("id");
        String viewer = fixtures.role(tenant.organizationId(), "environments:read");

        var created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of(
                        "email",
                        email,
                        "roles",
                        List.of("admin"),
                        "roleAssignments",
                        List.of(Map.of("roleId", viewer, "resourceId", environment))));
        String rolesPath = "/v1/users/" + created.field("id") + "/roles";
        var waiting = api.get(rolesPath, tenant.adminKey()).json().path("data");
        String token = MailServer.token(MailServer.await(email, 1).get(0));
        api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD));
        var accepted = api.get("/v1/users/" + created.field("id"), tenant.adminKey());
        var granted = api.get(rolesPath, tenant.adminKey()).json().path("data");

        assertThat(created.json().path("roles").size()).isZero();
        assertThat(created.json().path("invitation").path("pendingRoles").toString())
                .isEqualTo("[\"admin\"]");
        assertThat(waiting.size()).isEqualTo(2);
        waiting.forEach(
                assignment -> assertThat(assignment.path("pending").asBoolean()).isTrue());
        assertThat(accepted.json().path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(granted.size()).isEqualTo(2);
        granted.forEach(
                assignment -> assertThat(assignment.path("pending").asBoolean()).isFalse());
    }

    private void acceptedUser(String email) {
        fixtures.user(tenant.adminKey(), email);
        String token = MailServer.token(MailServer.await(email, 1).get(0));
        var accepted = api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD));
        assertThat(accepted.status()).isEqualTo(204);
    }

    /** A problem without the fields that differ between any two answers. */
    private static String stable(Api.Response answer) {
        var json = (tools.jackson.databind.node.ObjectNode) answer.json();
        json.remove(List.of("timestamp", "requestId"));
        return json.toString();
    }

    private Api.Response signIn(String email, String password) {
        return api.post("/v1/auth/token", null, Map.of("email", email, "password", password));
    }
}
