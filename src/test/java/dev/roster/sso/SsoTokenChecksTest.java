package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.auth.Secrets;
import dev.roster.support.ApiTestBase;
import dev.roster.support.IdentityProvider;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import dev.roster.support.RotatingIssuers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each check of the callback refuses on its own: the provider answers the token request with an ID token that is
 * right in every way but one, and the person sees a page saying what to do while the audit log keeps the reason.
 */
@RosterTest
class SsoTokenChecksTest extends ApiTestBase {

    @LocalServerPort
    int port;

    @Autowired
    SsoProperties properties;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Secrets secrets;

    private final IdentityProvider idp = IdentityProvider.instant();
    private SsoFixtures.SsoTenant tenant;
    private SsoFixtures.SsoTenant rotatingTenant;
    private final String subject = "sub-" + UUID.randomUUID();
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
    void aSignInThatCameBackAfterTenMinutesIsRefused() {
        // given two sign-ins started in one browser, each state made for ten minutes, then moved back in time in the
        // database: one by nine minutes, the other by eleven
        SsoFixtures.Started nineMinutes = SsoFixtures.start(browser, tenant.providerId());
        SsoFixtures.Started elevenMinutes = SsoFixtures.start(browser, tenant.providerId());
        assertThat(jdbc.sql("SELECT extract(epoch FROM expires_at - created_at)::int FROM sso_states"
                                + " WHERE state_hash = :state")
                        .param("state", secrets.hash(nineMinutes.query().get("state")))
                        .query(Integer.class)
                        .single())
                .isEqualTo(600);
        age(nineMinutes, 9);
        age(elevenMinutes, 11);

        // when both come back from the provider
        URI lateBack = IdentityProvider.authorize(elevenMinutes.authorization());
        HttpResponse<String> late = browser.get("/sso/oidc/callback?" + lateBack.getRawQuery());
        URI back = IdentityProvider.authorize(nineMinutes.authorization());
        idp.nextTokenAnswer(idp.sign(idp.claims(subject, tenant.clientId(), nineMinutes.nonce(), email)
                .build()));
        HttpResponse<String> inTime = browser.get("/sso/oidc/callback?" + back.getRawQuery());

        // then only the one within ten minutes signs in
        assertThat(inTime.statusCode()).as(inTime.body()).isEqualTo(303);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("bad_state");
        assertThat(api.get("/v1/audit-events?action=sso.sign_in_failed", tenant.adminKey())
                        .text())
                .contains("\"bad_state\"");
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

    @Test
    void aRotatedSigningKeyIsPickedUpWithOneFetchOfTheKeySet() {
        // given a member who signed in with the provider's first key
        RotatingIssuers.Issuer issuer = idp.rotatingIssuer();
        String member = memberAt(issuer);
        assertThat(signInAt(issuer, member, issuer::sign).statusCode()).isEqualTo(303);
        int fetchesBefore = issuer.keySetRequests();

        // when the provider rotates its key, and signs two sign-ins with the new one
        issuer.rotate();
        HttpResponse<String> first = signInAt(issuer, member, issuer::sign);
        HttpResponse<String> second = signInAt(issuer, member, issuer::sign);

        // then both sign in, and the key set was fetched once more, for the first
        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(303);
        assertThat(fetchesBefore).isEqualTo(1);
        assertThat(issuer.keySetRequests()).isEqualTo(2);
    }

    @Test
    void unknownKeyIdsFetchTheKeySetAtMostOnceAMinuteAndDropTheDiscoveryDocument() {
        // given a member who signed in (discovery and key set fetched once each)
        RotatingIssuers.Issuer issuer = idp.rotatingIssuer();
        String member = memberAt(issuer);
        assertThat(signInAt(issuer, member, issuer::sign).statusCode()).isEqualTo(303);

        // when a token signed under a key id the key set never had comes, then it is refused, the key set is fetched
        // again, and the discovery document is dropped (the provider may have moved its keys)
        refused(rotatingTenant, signInAt(issuer, member, issuer::signWithUnknownKey), "bad_signature");
        assertThat(issuer.keySetRequests()).isEqualTo(2);

        // when a second one comes within the minute, then it is refused without another fetch
        refused(rotatingTenant, signInAt(issuer, member, issuer::signWithUnknownKey), "bad_signature");
        assertThat(issuer.keySetRequests()).isEqualTo(2);

        // and a right token still signs in, after a fresh discovery document
        HttpResponse<String> right = signInAt(issuer, member, issuer::sign);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(303);
        assertThat(issuer.discoveryRequests()).isEqualTo(2);
    }

    @Test
    void aFailedKeySetFetchDropsTheDiscoveryDocument() {
        // given a provider whose key set fails to load once
        RotatingIssuers.Issuer issuer = idp.rotatingIssuer();
        String member = memberAt(issuer);
        issuer.failNextKeySetFetch();

        // when a member signs in, then it fails as the provider's fault
        HttpResponse<String> failed = signInAt(issuer, member, issuer::sign);
        assertThat(failed.statusCode()).isEqualTo(502);
        refused(rotatingTenant, failed, "idp_unavailable");

        // when the member signs in again, then discovery and keys are fetched anew and it signs in
        HttpResponse<String> again = signInAt(issuer, member, issuer::sign);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
        assertThat(issuer.discoveryRequests()).isEqualTo(2);
        assertThat(issuer.keySetRequests()).isEqualTo(2);
    }

    @Test
    void aKeySetIsFetchedAgainForAnUnknownKeyIdOnlyOnceAMinuteHasPassed() {
        // given Roster's key cache on a clock the test moves, which fetched the key set and then once more for a
        // made-up key id
        RotatingIssuers.Issuer issuer = idp.rotatingIssuer();
        MovableClock clock = new MovableClock();
        ProviderMetadata metadata = new ProviderMetadata(new IssuerClient(properties, json), properties, clock);
        ProviderMetadata.Discovery discovery = metadata.discovery(issuer.issuer());
        assertThat(metadata.key(discovery, issuer.keyId())).isPresent();
        assertThat(metadata.key(discovery, "made-up")).isEmpty();
        assertThat(issuer.keySetRequests()).isEqualTo(2);

        // when the provider rotates its key, and tokens signed with the new one come within the minute and after it
        issuer.rotate();
        boolean foundWithinTheMinute = metadata.key(discovery, issuer.keyId()).isPresent();
        int fetchesWithinTheMinute = issuer.keySetRequests();
        clock.move(properties.keysMinRefresh().plusSeconds(1));
        boolean foundAfterTheMinute = metadata.key(discovery, issuer.keyId()).isPresent();

        // then the minute allowed no further fetch, and the next one picked the new key up
        assertThat(foundWithinTheMinute).isFalse();
        assertThat(fetchesWithinTheMinute).isEqualTo(2);
        assertThat(foundAfterTheMinute).isTrue();
        assertThat(issuer.keySetRequests()).isEqualTo(3);
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Moves a started sign-in's state back in time by some minutes, as if the person had taken that long. */
    private void age(SsoFixtures.Started started, int minutes) {
        jdbc.sql("UPDATE sso_states SET created_at = created_at - make_interval(mins => :minutes),"
                        + " expires_at = expires_at - make_interval(mins => :minutes) WHERE state_hash = :state")
                .param("minutes", minutes)
                .param("state", secrets.hash(started.query().get("state")))
                .update();
    }

    /** Signs in with the provider answering an ID token changed by {@code change}, signed or forged. */
    private HttpResponse<String> signInWith(UnaryOperator<JWTClaimsSet.Builder> change, boolean forged) {
        return signIn(
                tenant,
                email,
                claims -> forged
                        ? idp.forge(change.apply(claims).build())
                        : idp.sign(change.apply(claims).build()));
    }

    /** Signs in to the tenant's provider, which answers with the ID token {@code token} makes of right claims. */
    private HttpResponse<String> signIn(
            SsoFixtures.SsoTenant tenant, String email, Function<JWTClaimsSet.Builder, String> token) {
        SsoFixtures.Started started = SsoFixtures.start(browser, tenant.providerId());
        URI back = IdentityProvider.authorize(started.authorization());
        idp.nextTokenAnswer(token.apply(idp.claims(subject, tenant.clientId(), started.nonce(), email)));
        return browser.get("/sso/oidc/callback?" + back.getRawQuery());
    }

    /** An organization whose provider is the rotating issuer, with an invited member; returns the member's email. */
    private String memberAt(RotatingIssuers.Issuer issuer) {
        rotatingTenant = new SsoFixtures(api, fixtures).tenant("business", Map.of("issuer", issuer.issuer()));
        String member = rotatingTenant.email("member");
        api.post("/v1/users", rotatingTenant.adminKey(), Map.of("email", member));
        return member;
    }

    private HttpResponse<String> signInAt(
            RotatingIssuers.Issuer issuer, String member, Function<JWTClaimsSet, String> signer) {
        browser.setCookie("__Host-roster_session", "");
        return signIn(
                rotatingTenant,
                member,
                claims -> signer.apply(claims.issuer(issuer.issuer()).build()));
    }

    private void refused(HttpResponse<String> answer, String reason) {
        refused(tenant, answer, reason);
    }

    private void refused(SsoFixtures.SsoTenant tenant, HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 403, 502);
        assertThat(answer.body()).contains(reason).contains("You could not be signed in");
        assertThat(browser.cookie("__Host-roster_session").filter(v -> !v.isEmpty()))
                .isEmpty();
        String audit = api.get("/v1/audit-events?action=sso.sign_in_failed", tenant.adminKey())
                .text();
        assertThat(audit).contains("\"" + reason + "\"");
    }
}
