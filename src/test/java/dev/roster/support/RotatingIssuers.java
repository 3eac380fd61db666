package dev.roster.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * Issuers at the test identity provider whose signing key a test controls: it rotates the key (a new key id), makes a
 * key-set fetch fail, and counts the discovery and key-set requests each issuer gets. The provider's own endpoints
 * still authorize; the token answer is whatever the test queues ({@link IdentityProvider#nextTokenAnswer}).
 */
public final class RotatingIssuers implements Route {

    private static final Headers JSON = Headers.of("Content-Type", "application/json");

    private final Map<String, Issuer> issuers = new ConcurrentHashMap<>();

    Issuer add(String id, String issuer, String authorizationEndpoint, String tokenEndpoint) {
        Issuer added = new Issuer(issuer, authorizationEndpoint, tokenEndpoint);
        issuers.put(id, added);
        return added;
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return request.getMethod().equals("GET") && issuerOf(request) != null;
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        Issuer issuer = issuerOf(request);
        if (request.getUrl().encodedPath().endsWith("/jwks")) {
            issuer.keySetRequests.incrementAndGet();
            if (issuer.failNextKeySet.getAndSet(false)) {
                return new OAuth2HttpResponse(JSON, 500, "{\"error\":\"server_error\"}", null);
            }
            return new OAuth2HttpResponse(JSON, 200, new JWKSet(issuer.key.toPublicJWK()).toString(), null);
        }
        issuer.discoveryRequests.incrementAndGet();
        String document = "{\"issuer\":\"" + issuer.issuer + "\",\"authorization_endpoint\":\""
                + issuer.authorizationEndpoint + "\",\"token_endpoint\":\"" + issuer.tokenEndpoint
                + "\",\"jwks_uri\":\"" + issuer.issuer + "/jwks\"}";
        return new OAuth2HttpResponse(JSON, 200, document, null);
    }

    private Issuer issuerOf(OAuth2HttpRequest request) {
        String[] path = request.getUrl().encodedPath().split("/", 3);
        if (path.length < 3 || !(path[2].equals("jwks") || path[2].equals(".well-known/openid-configuration"))) {
            return null;
        }
        return issuers.get(path[1]);
    }

    /** One issuer: its current signing key, and what Roster fetched from it. */
    public static final class Issuer {

        private final String issuer;
        private final String authorizationEndpoint;
        private final String tokenEndpoint;
        private final AtomicInteger discoveryRequests = new AtomicInteger();
        private final AtomicInteger keySetRequests = new AtomicInteger();
        private final AtomicBoolean failNextKeySet = new AtomicBoolean();
        private volatile RSAKey key = newKey();

        private Issuer(String issuer, String authorizationEndpoint, String tokenEndpoint) {
            this.issuer = issuer;
            this.authorizationEndpoint = authorizationEndpoint;
            this.tokenEndpoint = tokenEndpoint;
        }

        public String issuer() {
            return issuer;
        }

        /** Signs with a new key under a new key id from now on; the key set publishes only the new key. */
        public void rotate() {
            key = newKey();
        }

        /** The current key's id. */
        public String keyId() {
            return key.getKeyID();
        }

        /** Signs with the current key, which the key set publishes. */
        public String sign(JWTClaimsSet claims) {
            return IdentityProvider.sign(claims, key);
        }

        /** Signs with a key under a key id the key set never had. */
        public String signWithUnknownKey(JWTClaimsSet claims) {
            return IdentityProvider.sign(claims, newKey());
        }

        /** The next key-set request is answered 500. */
        public void failNextKeySetFetch() {
            failNextKeySet.set(true);
        }

        public int discoveryRequests() {
            return discoveryRequests.get();
        }

        public int keySetRequests() {
            return keySetRequests.get();
        }

        private static RSAKey newKey() {
            try {
                return new RSAKeyGenerator(2048)
                        .keyID("key-" + UUID.randomUUID())
                        .generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
