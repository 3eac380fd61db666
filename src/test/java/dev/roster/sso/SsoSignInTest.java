package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.IdentityProvider;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole flow against a real OpenID Connect provider on loopback: from /sso/start to a Roster session. */
@RosterTest
class SsoSignInTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    private final IdentityProvider idp = IdentityProvider.instant();
    private SsoFixtures sso;
    private Pages browser;

    @BeforeEach
    void setUp() {
        sso = new SsoFixtures(api, fixtures);
        browser = new Pages(port, "2001:db8::5:" + Integer.toHexString((int) (Math.random() * 0xffff)));
    }

    @Test
    void theAuthorizationRequestCarriesPkceS256NonceAndState() {
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());

        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());

        assertThat(started.authorization().toString()).startsWith(idp.issuer());
        assertThat(started.query())
                .containsEntry("response_type", "code")
                .containsEntry("client_id", tenant.clientId())
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", RosterTest.PUBLIC_URL + "/sso/oidc/callback")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(started.query().get("code_challenge")).hasSize(43);
        assertThat(started.query().get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(browser.cookie("__Host-roster_sso")).isPresent();
    }

    @Test
    void anInvitedUserSignsInAcceptsItsInvitationAndGetsASession() {
        // given an invited user at the verified domain
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("invitee");
        String userId =
                api.post("/v1/users", tenant.adminKey(), Map.of("email", email)).field("id");

        // when the person signs in through the provider
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        idp.nextToken("sub-" + UUID.randomUUID(), tenant.clientId(), Map.of("email", email, "email_verified", true));
        HttpResponse<String> back = SsoFixtures.complete(browser, started);

        // then Roster has a session for it, the invitation is accepted, and the identity is linked
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/login");
        assertThat(browser.cookie("__Host-roster_session")).isPresent();
        Api.Response user = api.get("/v1/users/" + userId, tenant.adminKey());
        assertThat(user.field("status")).isEqualTo("active");
        Api.Response identities = api.get("/v1/users/" + userId + "/identities", tenant.adminKey());
        assertThat(identities.json().path("data")).hasSize(1);
        assertThat(audit(tenant, "sso.signed_in")).contains("\"invitation\"");
        assertThat(audit(tenant, "invitation.accepted")).contains("\"actor\":\"sso_provider:" + tenant.providerId());
    }

    @Test
    void aPasswordUserAtAVerifiedDomainMayUseItsPasswordInsteadOfSso() {
        // given a member with a password at a verified domain whose provider does not link password users
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        String email = tenant.email("member");
        fixtures.member(tenant.adminKey(), email, "user", PASSWORD);

        // when the member types the email on the sign-in page
        HttpResponse<String> emailStep = browser.post("/login", Map.of("email", email));

        // then the page offers the organization's sign-in, without going there by itself, and a password instead
        assertThat(emailStep.statusCode()).isEqualTo(200);
        assertThat(emailStep.body())
                .contains("/sso/start?provider=" + tenant.providerId())
                .contains("Use a password instead")
                .doesNotContain("http-equiv=\"refresh\"");

        // when the member chooses the password, and types it
        HttpResponse<String> passwordStep = browser.post("/login", Map.of("email", email, "method", "password"));
        HttpResponse<String> signedIn = browser.post("/login", Map.of("email", email, "password", PASSWORD));

        // then the password step comes, and the password signs in
        assertThat(passwordStep.statusCode()).isEqualTo(200);
        assertThat(passwordStep.body()).contains("autocomplete=\"current-password\"");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(browser.cookie("__Host-roster_session")).isPresent();
    }

    @Test
    void anEmailAtADomainThatRequiresSsoIsSentToTheProviderWithNoPasswordOffered() {
        // given a verified domain that requires SSO
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of());
        sso.ssoRequired(tenant, true);
        String email = tenant.email("member");

        // when someone there types the email, and asks for the password step anyway
        HttpResponse<String> emailStep = browser.post("/login", Map.of("email", email));
        HttpResponse<String> asked = browser.post("/login", Map.of("email", email, "method", "password"));

        // then both pages move on to the provider by themselves, and neither offers a password
        for (HttpResponse<String> page : List.of(emailStep, asked)) {
            assertThat(page.body())
                    .contains("http-equiv=\"refresh\"")
                    .contains("/sso/start?provider=" + tenant.providerId())
                    .doesNotContain("Use a password instead")
                    .doesNotContain("current-password");
        }
    }

    private String audit(SsoFixtures.SsoTenant tenant, String action) {
        return api.get("/v1/audit-events?action=" + action, tenant.adminKey()).text();
    }
}
