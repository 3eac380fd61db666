package dev.roster.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A delegated user manager must not take over an admin who was invited but has not accepted: changing such a
 * user's email and sending its invitation both count as granting the roles it holds or waits for.
 */
@RosterTest
class InvitedUserTakeoverTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private Tenant tenant;
    private String userManager;

    @BeforeEach
    void tenantWithAUserManager() {
        tenant = fixtures.tenant("business");
        userManager = fixtures.keyWith(tenant.organizationId(), "users:read", "users:write", "users:invite");
    }

    @Test
    void aUserManagerCannotRedirectAnInvitedAdminsInvitation() {
        // given an admin invited but not yet accepted
        String victim = Fixtures.uniqueEmail("new-admin");
        String attacker = Fixtures.uniqueEmail("attacker");
        String id = invited(victim, "admin");
        MailServer.await(victim, 1);

        // when the user manager changes its email and asks for the invitation again
        Api.Response patched = api.patch("/v1/users/" + id, userManager, Map.of("email", attacker));
        Api.Response resent = api.post("/v1/users/" + id + "/invitation/resend", userManager, null);
        Api.Response flatfileResent = api.post("/flatfile/v1/users/" + id + "/resend-invite", userManager, null);

        // then each is refused as an escalation and nothing changed
        assertThat(patched.status()).as(patched.toString()).isEqualTo(403);
        assertThat(patched.field("code")).isEqualTo("permission_escalation");
        assertThat(resent.status()).as(resent.toString()).isEqualTo(403);
        assertThat(resent.field("code")).isEqualTo("permission_escalation");
        assertThat(flatfileResent.status()).as(flatfileResent.toString()).isEqualTo(403);
        assertThat(flatfileResent.json().path("errors").get(0).path("key").asString())
                .isEqualTo("permission_escalation");
        assertThat(api.get("/v1/users/" + id, tenant.adminKey()).field("email")).isEqualTo(victim);
        assertThat(MailServer.messagesFor(attacker)).isEmpty();
        assertThat(MailServer.messagesFor(victim)).hasSize(1);
    }

    @Test
    void pendingRolesCountAsHeldWhenAnInvitationIsSent() {
        // given an organization whose roles wait for acceptance, and an admin invited there
        api.patch(
                "/v1/organizations/" + tenant.organizationId(),
                Api.PLATFORM_KEY,
                Map.of("rolesTakeEffect", "on_accept"));
        String victim = Fixtures.uniqueEmail("pending-admin");
        String id = invited(victim, "admin");
        assertThat(api.get("/v1/users/" + id, tenant.adminKey())
                        .json()
                        .path("invitation")
                        .path("pendingRoles")
                        .get(0)
                        .asString())
                .isEqualTo("admin");

        // when the user manager resends it, or invites a plain user
        Api.Response resent = api.post("/v1/users/" + id + "/invitation/resend", userManager, null);
        Api.Response plain = api.post("/v1/users", userManager, Map.of("email", Fixtures.uniqueEmail("plain")));

        // then the admin's invitation is refused, and the plain user's is sent
        assertThat(resent.status()).as(resent.toString()).isEqualTo(403);
        assertThat(resent.field("code")).isEqualTo("permission_escalation");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
    }

    @Test
    void anEmailChangeOfAnInvitedUserKillsTheOldLinkAndTheNextInvitationGoesToTheNewAddress() {
        // given an invited user and its emailed link
        String first = Fixtures.uniqueEmail("first");
        String second = Fixtures.uniqueEmail("second");
        String id = invited(first, "user");
        String oldToken = MailServer.token(MailServer.await(first, 1).get(0));

        // when an admin changes its email
        Api.Response patched = api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("email", second));

        // then the old link is dead, the change is audited, and a resend goes to the new address
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("invitation").path("status").asString()).isEqualTo("revoked");
        Api.Response old =
                api.post("/v1/public/invitations/" + oldToken + "/accept", null, Map.of("password", PASSWORD));
        assertThat(old.status()).isEqualTo(410);
        assertThat(old.field("code")).isEqualTo("invitation_revoked");
        Api.Response audit =
                api.get("/v1/audit-events?action=invitation.revoked&targetId=" + invitationId(id), tenant.adminKey());
        assertThat(audit.json().path("data")).hasSize(1);
        Api.Response resent = api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        String newToken = MailServer.token(MailServer.await(second, 1).get(0));
        assertThat(api.post("/v1/public/invitations/" + newToken + "/accept", null, Map.of("password", PASSWORD))
                        .status())
                .isEqualTo(204);
        assertThat(MailServer.messagesFor(first)).hasSize(1);
    }

    @Test
    void anEmailChangeEndsATemporaryPassword() {
        // given a user invited with a temporary password
        String first = Fixtures.uniqueEmail("temp-first");
        Api.Response created = api.post(
                "/v1/users", tenant.adminKey(), Map.of("email", first, "invitationType", "temporary_password"));
        String temporary = MailServer.find(MailServer.await(first, 1).get(0), "temporary password: (\\S+)");

        // when its email changes
        String second = Fixtures.uniqueEmail("temp-second");
        api.patch("/v1/users/" + created.field("id"), tenant.adminKey(), Map.of("email", second));

        // then the temporary password no longer signs in
        Api.Response signIn = api.post("/v1/auth/token", null, Map.of("email", second, "password", temporary));
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(401);
    }

    @Test
    void aResendThatRacesAnAcceptLeavesNoPendingInvitationOnAnActiveUser() throws Exception {
        // given an invited user, and its invitation row held by another transaction
        String email = Fixtures.uniqueEmail("racer");
        String id = invited(email, "user");
        String token = MailServer.token(MailServer.await(email, 1).get(0));
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement()
                    .execute("SELECT 1 FROM invitations WHERE user_id = '" + UUID.fromString(id) + "' FOR UPDATE");

            // when the accept queues first, then the resend
            var accept = CompletableFuture.supplyAsync(
                    () -> api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", PASSWORD)));
            awaitWaiters(1);
            var resend = CompletableFuture.supplyAsync(
                    () -> api.post("/v1/users/" + id + "/invitation/resend", tenant.adminKey(), null));
            awaitWaiters(2);
            holder.rollback();

            // then the accept wins and the resend is refused: the active user has no pending invitation
            assertThat(accept.get().status()).as(accept.get().toString()).isEqualTo(204);
            assertThat(resend.get().status()).as(resend.get().toString()).isEqualTo(409);
        }
        var user = api.get("/v1/users/" + id, tenant.adminKey()).json();
        assertThat(user.path("status").asString()).isEqualTo("active");
        assertThat(user.path("invitation").path("status").asString()).isEqualTo("accepted");
    }

    private void awaitWaiters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Integer waiting = jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Integer.class)
                    .single();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " transactions waited for the invitation's lock");
    }

    private String invited(String email, String role) {
        Api.Response created = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "roles", List.of(role)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private String invitationId(String userId) {
        return jdbc.sql("SELECT id::text FROM invitations WHERE user_id = :user")
                .param("user", UUID.fromString(userId))
                .query(String.class)
                .single();
    }
}
