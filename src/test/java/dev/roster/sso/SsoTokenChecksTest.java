package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.support.ApiTestBase;
import dev.roster.support.IdentityProvider;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each check of the callback refuses on its own: the provider answers the token request with an ID token that is
 * right in every way but one, and the person sees a page saying what to do while the audit log keeps the reason.
 */
@RosterTest
class SsoTokenChecksTest extends ApiTestBase {

    @LocalServerPort
    int port;

    private final IdentityProvider idp = IdentityProvider.instant();
    private SsoFixtures.SsoTenant tenant;
    private Pages browser;
    private String email;

    @BeforeEach
    void setUp() {
        idp.forgetAnswers();
        tenant = new SsoFixtures(api, fixtures).tenant("business", Map.of());
        browser = new Pages(port, "2001:db8::6:" + Integer.toHexString((int) (Math.random() * 0xffff)));
        email = tenant.email("member");
        api.post("/v1/users", tenant.adminKey(), Map.of("email", email));
    }

    @Test
    void aRightTokenSignsIn() {
        HttpResponse<String> back = signInWith(claims -> claims, false);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(browser.cookie("__Host-roster_session")).isPresent();
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        refused(signInWith(claims -> claims.issuer(idp.issuer() + "-other"), false), "wrong_issuer");
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        refused(signInWith(claims -> claims.audience("another-client"), false), "wrong_audience");
    }

    @Test
    void aTokenForSeveralAudiencesNeedsAzpNamingTheClient() {
        refused(
                signInWith(claims -> claims.audience(List.of(tenant.clientId(), "another-client")), false),
                "wrong_audience");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        refused(signInWith(claims -> claims, true), "bad_signature");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(600);
        refused(
                signInWith(
                        claims -> claims.issueTime(Date.from(past))
                                .expirationTime(Date.from(Instant.now().minusSeconds(61))),
                        false),
                "expired_token");
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        refused(
                signInWith(claims -> claims.issueTime(Date.from(Instant.now().plusSeconds(120))), false),
                "expired_token");
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() {
        refused(signInWith(claims -> claims.claim("nonce", "nonce-of-another-sign-in"), false), "wrong_nonce");
    }

    @Test
    void anUnverifiedEmailIsRefused() {
        refused(signInWith(claims -> claims.claim("email_verified", false), false), "unverified_email");
    }

    @Test
    void anEmailOutsideTheVerifiedDomainsIsRefused() {
        refused(signInWith(claims -> claims.claim("email", "member@elsewhere.example.test"), false), "foreign_domain");
    }

    @Test
    void aReplayedCallbackIsRefused() {
        // given a sign-in that went through
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        URI back = IdentityProvider.authorize(started.authorization());
        idp.nextTokenAnswer(idp.sign(idp.claims("sub-" + UUID.randomUUID(), tenant.clientId(), started.nonce(), email)
                .build()));
        assertThat(browser.get("/sso/oidc/callback?" + back.getRawQuery()).statusCode())
                .isEqualTo(303);

        // when the same callback comes again, then it is refused, and the session it would start is not there
        browser.setCookie("__Host-roster_session", "");
        HttpResponse<String> replayed = browser.get("/sso/oidc/callback?" + back.getRawQuery());
        refused(replayed, "bad_state");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        // given a sign-in started in one browser
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        URI back = IdentityProvider.authorize(started.authorization());

        // when its callback arrives in another (an attacker sending a victim its own callback link)
        Pages other = new Pages(port, "2001:db8::7:1");
        HttpResponse<String> answer = other.get("/sso/oidc/callback?" + back.getRawQuery());

        // then it is refused
        refused(answer, "bad_state");
        assertThat(other.cookie("__Host-roster_session")).isEmpty();
    }

    /** Signs in with the provider answering an ID token changed by {@code change}, signed or forged. */
    private HttpResponse<String> signInWith(UnaryOperator<JWTClaimsSet.Builder> change, boolean forged) {
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        URI back = IdentityProvider.authorize(started.authorization());
        JWTClaimsSet claims = change.apply(
                        idp.claims("sub-" + UUID.randomUUID(), tenant.clientId(), started.nonce(), email))
                .build();
        idp.nextTokenAnswer(forged ? idp.forge(claims) : idp.sign(claims));
        return browser.get("/sso/oidc/callback?" + back.getRawQuery());
    }

    private void refused(HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 403);
        assertThat(answer.body()).contains(reason).contains("You could not be signed in");
        assertThat(browser.cookie("__Host-roster_session").filter(v -> !v.isEmpty()))
                .isEmpty();
        String audit = api.get("/v1/audit-events?action=sso.sign_in_failed", tenant.adminKey())
                .text();
        assertThat(audit).contains("\"" + reason + "\"");
    }
}
