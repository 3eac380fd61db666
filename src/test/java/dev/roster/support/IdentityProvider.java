package dev.roster.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OpenID Connect provider on loopback in the test JVM (mock-oauth2-server), one per JVM: discovery, keys,
 * authorization (at once, or through its login page when interactive) and token endpoints. Tests choose the next ID
 * token's claims, or answer the next token request with a token they signed themselves, with the provider's key or
 * another.
 */
public final class IdentityProvider {

    public static final String ISSUER_ID = "corp";

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static IdentityProvider instant;
    private static IdentityProvider interactive;

    private final MockOAuth2Server server;
    private final KeyProvider keys;
    private final Queue<String> answers = new ConcurrentLinkedQueue<>();
    private final RotatingIssuers rotating = new RotatingIssuers();
    private volatile String lastTokenRequest;

    private IdentityProvider(boolean interactiveLogin) {
        this.keys = new KeyProvider();
        this.server = new MockOAuth2Server(
                new OAuth2Config(
                        interactiveLogin,
                        null,
                        null,
                        false,
                        new OAuth2TokenProvider(keys, (Instant) null),
                        Set.of(),
                        new MockWebServerWrapper()),
                new TokenAnswers(),
                rotating);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not start the test identity provider", e);
        }
    }

    /** The provider that signs in at once, without a page. */
    public static synchronized IdentityProvider instant() {
        if (instant == null) {
            instant = new IdentityProvider(false);
        }
        return instant;
    }

    /** The provider that shows its login page first. */
    public static synchronized IdentityProvider interactive() {
        if (interactive == null) {
            interactive = new IdentityProvider(true);
        }
        return interactive;
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** A new issuer at this provider whose signing key the test rotates, and whose fetches it counts. */
    public RotatingIssuers.Issuer rotatingIssuer() {
        String id = "rotating-" + UUID.randomUUID();
        return rotating.add(
                id,
                server.issuerUrl(id).toString(),
                server.authorizationEndpointUrl(id).toString(),
                server.tokenEndpointUrl(id).toString());
    }

    /** The next ID token the token endpoint issues: for this subject and audience, with these claims. */
    public void nextToken(String subject, String audience, Map<String, Object> claims) {
        server.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(audience), claims, 3600));
    }

    /** The next token request is answered with this ID token, whatever it is. */
    public void nextTokenAnswer(String idToken) {
        answers.add("{\"token_type\":\"Bearer\",\"access_token\":\"at-" + UUID.randomUUID()
                + "\",\"expires_in\":60,\"id_token\":\"" + idToken + "\"}");
    }

    /** Drops answers queued by a test whose sign-in was refused before it reached the token endpoint. */
    public void forgetAnswers() {
        answers.clear();
    }

    /** The form of the last token request answered with {@link #nextTokenAnswer}. */
    public String lastTokenRequest() {
        return lastTokenRequest;
    }

    /** Answers token requests with what a test queued, ahead of the provider's own token endpoint. */
    private final class TokenAnswers implements Route {

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getMethod().equals("POST")
                    && request.getUrl().encodedPath().endsWith("/token")
                    && !answers.isEmpty();
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            lastTokenRequest = request.getBody();
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, answers.poll(), null);
        }
    }

    /** Claims as a correct ID token has them, for a test to change one of. */
    public JWTClaimsSet.Builder claims(String subject, String audience, String nonce, String email) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("email", email)
                .claim("email_verified", true);
    }

    /** Signs with the provider's own key, which its key set publishes. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, (RSAKey) keys.signingKey(ISSUER_ID));
    }

    /** Signs with a fresh key under the provider's key id: a forgery its key set cannot verify. */
    public String forge(JWTClaimsSet claims) {
        try {
            RSAKey real = (RSAKey) keys.signingKey(ISSUER_ID);
            return sign(claims, new RSAKeyGenerator(2048).keyID(real.getKeyID()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows the authorization URL as a browser would, and returns where the provider sends it next. */
    public static URI authorize(URI authorizationUrl) {
        try {
            HttpResponse<String> answer = CLIENT.send(
                    HttpRequest.newBuilder(authorizationUrl).GET().build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers()
                    .firstValue("Location")
                    .orElseThrow(
                            () -> new IllegalStateException("The provider did not redirect: " + answer.statusCode()));
            return URI.create(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
