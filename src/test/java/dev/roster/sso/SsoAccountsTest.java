package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.IdentityProvider;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who a verified identity signs in as: links, invitations, existing users, just-in-time users, and refusals. */
@RosterTest
class SsoAccountsTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HomeRealm homeRealm;

    private final IdentityProvider idp = IdentityProvider.instant();
    private SsoFixtures sso;

    @BeforeEach
    void setUp() {
        sso = new SsoFixtures(api, fixtures);
    }

    @Test
    void justInTimeMakesAnSsoOnlyUserWithTheDefaultRoleAndGroupRoles() {
        // given a provider that provisions anyone at the verified domain, with a default role and a group role
        Fixtures.Tenant base = fixtures.tenant("business");
        String viewer = fixtures.role(base.organizationId(), "users:read");
        String auditor = fixtures.role(base.organizationId(), "audit:read");
        SsoFixtures.SsoTenant tenant = sso.tenantFor(
                base,
                Map.of(
                        "jitProvisioning",
                        "verified_domains",
                        "defaultRoleId",
                        viewer,
                        "groupsClaim",
                        "groups",
                        "groupRoles",
                        List.of(Map.of("group", "auditors", "roleId", auditor))));
        String email = tenant.email("new");
        String subject = "sub-" + UUID.randomUUID();

        // when the person signs in twice, first in the auditors group, then no longer
        HttpResponse<String> first = signIn(tenant, subject, email, List.of("auditors", "staff"));
        String userId = userId(email).orElseThrow();
        List<String> rolesAfterFirst = roleIds(tenant, userId);
        HttpResponse<String> second = signIn(tenant, subject, email, List.of("staff"));

        // then it is one user: active, SSO-only, with the default role, and the group role only while in the group
        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(303);
        Api.Response user = api.get("/v1/users/" + userId, tenant.adminKey());
        assertThat(user.field("status")).isEqualTo("active");
        assertThat(user.json().path("allowPasswordAuth").asBoolean()).isFalse();
        assertThat(rolesAfterFirst).contains(viewer, auditor);
        assertThat(roleIds(tenant, userId)).contains(viewer).doesNotContain(auditor);
        assertThat(audit(tenant, "user.role_removed")).contains(userId);
        assertThat(audit(tenant, "sso.signed_in")).contains("\"created\"").contains("\"linked_identity\"");
    }

    @Test
    void aFullOrganizationGetsAClearPageAndNoHalfMadeUser() {
        // given a free organization (one seat) whose seat is taken, provisioning just in time
        Fixtures.Tenant base = fixtures.tenant("free");
        fixtures.user(base.adminKey(), Fixtures.uniqueEmail("seat"));
        SsoFixtures.SsoTenant tenant = sso.tenantFor(base, Map.of("jitProvisioning", "verified_domains"));
        String email = tenant.email("late");

        // when someone new signs in
        HttpResponse<String> answer = signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());

        // then it is refused for the seats, and no user or identity was made
        refused(tenant, answer, "seat_limit_reached");
        assertThat(userId(email)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM sso_identities WHERE email = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void withJustInTimeOffSomeoneUnknownIsRefused() {
        strangerIsRefused("off", "jit_off", "does not create accounts at first sign-in");
    }

    @Test
    void withJustInTimeForInvitedOnlySomeoneUninvitedIsRefused() {
        strangerIsRefused("invited_only", "not_invited", "have not been invited");
    }

    /** Someone the organization does not have signs in under this jitProvisioning: refused, and no user is made. */
    private void strangerIsRefused(String jitProvisioning, String reason, String advice) {
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of("jitProvisioning", jitProvisioning));
        String email = tenant.email("stranger");

        HttpResponse<String> answer = signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());

        refused(tenant, answer, reason);
        assertThat(answer.body()).contains(advice);
        assertThat(userId(email)).isEmpty();
    }

    @Test
    void aPasswordUserIsLinkedOnlyWhenTheProviderAllowsLinking() {
        // given a member who signs in with a password, and a provider that does not link
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("member");
        String userId = fixtures.member(tenant.adminKey(), email, "user", PASSWORD);

        // when an identity with its email signs in, before and after linking is allowed
        HttpResponse<String> off = signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());
        api.patch("/v1/sso-providers/" + tenant.providerId(), tenant.adminKey(), Map.of("linkExistingUsers", true));
        HttpResponse<String> on = signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());

        // then the first is refused and the second links it
        refused(tenant, off, "linking_off");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(303);
        assertThat(api.get("/v1/users/" + userId + "/identities", tenant.adminKey())
                        .json()
                        .path("data"))
                .hasSize(1);
    }

    @Test
    void anotherSubjectWithALinkedUsersEmailDoesNotTakeItOver() {
        // given a user made just in time by a first sign-in, and a password user linked by one
        SsoFixtures.SsoTenant tenant =
                sso.tenant("business", Map.of("jitProvisioning", "verified_domains", "linkExistingUsers", true));
        String ssoEmail = tenant.email("recycled");
        String firstSubject = "sub-" + UUID.randomUUID();
        assertThat(signIn(tenant, firstSubject, ssoEmail, List.of()).statusCode())
                .isEqualTo(303);
        String ssoUser = userId(ssoEmail).orElseThrow();
        String passwordEmail = tenant.email("member");
        String passwordUser = fixtures.member(tenant.adminKey(), passwordEmail, "user", PASSWORD);
        assertThat(signIn(tenant, "sub-" + UUID.randomUUID(), passwordEmail, List.of())
                        .statusCode())
                .isEqualTo(303);

        // when the provider gives each email to someone else (another subject), who signs in
        HttpResponse<String> takeover = signIn(tenant, "sub-" + UUID.randomUUID(), ssoEmail, List.of());
        HttpResponse<String> linkedTakeover = signIn(tenant, "sub-" + UUID.randomUUID(), passwordEmail, List.of());

        // then both are refused, told to ask their admin, and each user keeps its one identity
        refused(tenant, takeover, "identity_conflict");
        refused(tenant, linkedTakeover, "identity_conflict");
        assertThat(takeover.body()).contains("administrator");
        assertThat(identities(tenant, ssoUser)).containsExactly(firstSubject);
        assertThat(identities(tenant, passwordUser)).hasSize(1);
    }

    @Test
    void afterTheAdminRemovesTheOldIdentityTheNewSubjectIsLinked() {
        // given a user linked to a subject that the provider then gave up (the email now belongs to a new subject)
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of("jitProvisioning", "verified_domains"));
        String email = tenant.email("moved");
        signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());
        String userId = userId(email).orElseThrow();
        String old = api.get("/v1/users/" + userId + "/identities", tenant.adminKey())
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();
        String newSubject = "sub-" + UUID.randomUUID();
        refused(tenant, signIn(tenant, newSubject, email, List.of()), "identity_conflict");

        // when the admin removes the old identity, and the new subject signs in
        api.delete("/v1/users/" + userId + "/identities/" + old, tenant.adminKey());
        HttpResponse<String> again = signIn(tenant, newSubject, email, List.of());

        // then it signs in as that user, linked to the new subject
        assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
        assertThat(identities(tenant, userId)).containsExactly(newSubject);
    }

    @Test
    void aDeletedUserDoesNotComeBackAsANewUserThroughJustInTime() {
        // given a user, never linked, whom the admin deleted, under a provider that provisions anyone
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of("jitProvisioning", "verified_domains"));
        String email = tenant.email("gone");
        String userId = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "allowPasswordAuth", false))
                .field("id");
        assertThat(api.delete("/v1/users/" + userId, tenant.adminKey()).status())
                .isEqualTo(204);

        // when the person signs in through the provider
        HttpResponse<String> answer = signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());

        // then it is refused as deleted, and no new user has the email
        refused(tenant, answer, "user_deleted");
        assertThat(userId(email)).isEmpty();

        // and once the admin restores the user, the same sign-in gets that user back
        assertThat(api.post("/v1/users/" + userId + "/restore", tenant.adminKey(), null)
                        .status())
                .isEqualTo(200);
        assertThat(signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of()).statusCode())
                .isEqualTo(303);
        assertThat(userId(email)).hasValue(userId);
    }

    @Test
    void aDeactivatedUserIsRefusedEvenThroughItsLink() {
        // given an SSO-only user linked by a first sign-in, then deactivated
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("leaver");
        String userId = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "allowPasswordAuth", false))
                .field("id");
        String subject = "sub-" + UUID.randomUUID();
        assertThat(signIn(tenant, subject, email, List.of()).statusCode()).isEqualTo(303);
        api.post("/v1/users/" + userId + "/deactivate", tenant.adminKey(), null);

        // when it signs in again, then it is refused
        refused(tenant, signIn(tenant, subject, email, List.of()), "user_deactivated");
    }

    @Test
    void aSecondOrganizationCannotSignInPeopleOfADomainVerifiedByAnother() {
        // given an organization with a verified domain and a member there
        SsoFixtures.SsoTenant owner = sso.tenant("business", Map.of());
        String email = owner.email("member");
        api.post("/v1/users", owner.adminKey(), Map.of("email", email));

        // and a second organization that claims the same domain (it cannot verify it) and provisions anyone
        Fixtures.Tenant other = fixtures.tenant("business");
        api.post("/v1/domains", other.adminKey(), Map.of("name", owner.domain()));
        String clientId = "roster-" + UUID.randomUUID();
        String providerId = sso.provider(other.adminKey(), clientId, Map.of("jitProvisioning", "verified_domains"));
        SsoFixtures.SsoTenant second = new SsoFixtures.SsoTenant(
                other.organizationId(), other.adminKey(), owner.domain(), providerId, clientId);

        // when the owner's member signs in through the second organization's provider
        HttpResponse<String> answer = signIn(second, "sub-" + UUID.randomUUID(), email, List.of());

        // then it is refused, and the second organization has no user with the email
        refused(second, answer, "foreign_domain");
        assertThat(api.get("/v1/users?email=" + email, other.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void anSsoRequiredDomainRefusesPasswords() {
        // given a member with a password at a verified domain
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("member");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);
        assertThat(fixtures.signIn(email, PASSWORD).status()).isEqualTo(200);

        // when the domain requires SSO
        sso.ssoRequired(tenant, true);

        // then the password is answered sso_required
        Api.Response refused = fixtures.signIn(email, PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.field("code")).isEqualTo("sso_required");
    }

    @Test
    void homeRealmDiscoverySendsAVerifiedDomainsEmailToItsProvider() {
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("someone");

        Optional<HomeRealm.Route> route = homeRealm.routeFor(email, "/oauth2/authorize?client_id=x");
        sso.ssoRequired(tenant, true);
        Optional<HomeRealm.Route> required = homeRealm.routeFor(email, null);

        assertThat(route).hasValueSatisfying(r -> {
            assertThat(r.startUrl())
                    .startsWith("/sso/start?provider=" + tenant.providerId())
                    .contains("login_hint=" + email.replace("@", "%40"))
                    .contains("continue=%2Foauth2%2Fauthorize");
            assertThat(r.passwordAllowed()).isTrue();
        });
        assertThat(required)
                .hasValueSatisfying(r -> assertThat(r.passwordAllowed()).isFalse());
        assertThat(homeRealm.routeFor("someone@unclaimed.example.test", null)).isEmpty();
    }

    @Test
    void anAdminListsAndUnlinksIdentities() {
        // given an SSO-only user linked by a sign-in
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("linked");
        String userId = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "allowPasswordAuth", false))
                .field("id");
        signIn(tenant, "sub-" + UUID.randomUUID(), email, List.of());
        Api.Response listed = api.get("/v1/users/" + userId + "/identities", tenant.adminKey());
        String identityId = listed.json().path("data").get(0).path("id").asString();

        // when a key without users:write tries to unlink it, then an admin does
        String reader = fixtures.keyWith(tenant.organizationId(), "users:read");
        Api.Response forbidden = api.delete("/v1/users/" + userId + "/identities/" + identityId, reader);
        Api.Response removed = api.delete("/v1/users/" + userId + "/identities/" + identityId, tenant.adminKey());

        // then only the admin's works, and it is audited
        assertThat(listed.json().path("data").get(0).path("subject").asString()).startsWith("sub-");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.get("/v1/users/" + userId + "/identities", tenant.adminKey())
                        .json()
                        .path("data"))
                .isEmpty();
        assertThat(audit(tenant, "sso_identity.unlinked")).contains(userId);
    }

    /** A whole sign-in in a fresh browser, with the provider issuing a token for this subject, email and groups. */
    private HttpResponse<String> signIn(
            SsoFixtures.SsoTenant tenant, String subject, String email, List<String> groups) {
        Pages browser = new Pages(port, "2001:db8::8:" + Integer.toHexString((int) (Math.random() * 0xffff)));
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        idp.nextToken(
                subject,
                tenant.clientId(),
                Map.of("email", email, "email_verified", true, "given_name", "Ada", "groups", groups));
        return SsoFixtures.complete(browser, started);
    }

    private void refused(SsoFixtures.SsoTenant tenant, HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains(reason);
        assertThat(audit(tenant, "sso.sign_in_failed")).contains("\"" + reason + "\"");
    }

    private Optional<String> userId(String email) {
        return jdbc.sql("SELECT id::text FROM users WHERE email = :email AND deleted_at IS NULL")
                .param("email", email)
                .query(String.class)
                .optional();
    }

    private List<String> identities(SsoFixtures.SsoTenant tenant, String userId) {
        return api.get("/v1/users/" + userId + "/identities", tenant.adminKey())
                .json()
                .path("data")
                .valueStream()
                .map(i -> i.path("subject").asString())
                .toList();
    }

    private List<String> roleIds(SsoFixtures.SsoTenant tenant, String userId) {
        Api.Response roles = api.get("/v1/users/" + userId + "/roles", tenant.adminKey());
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        return roles.json()
                .path("data")
                .valueStream()
                .map(a -> a.path("roleId").asString())
                .toList();
    }

    private String audit(SsoFixtures.SsoTenant tenant, String action) {
        return api.get("/v1/audit-events?action=" + action, tenant.adminKey()).text();
    }
}
