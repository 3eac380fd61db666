package dev.roster.sso;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Each issuer's discovery document and key set, cached in node memory: they are the provider's, not Roster's, so no
 * database change invalidates them. A discovery document is used for {@code roster.sso.discovery-max-age} (a day)
 * and dropped at once when a call it led to fails; a key set is fetched again for a key id it lacks, at most once
 * per {@code roster.sso.keys-min-refresh} (a minute) and issuer, so a token with made-up key ids cannot make Roster
 * hammer the provider.
 */
@Component
class ProviderMetadata {

    /** What Roster uses of a discovery document. */
    record Discovery(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, Instant fetchedAt) {}

    private record Keys(JWKSet set, Instant fetchedAt) {}

    private final IssuerClient client;
    private final SsoProperties properties;
    private final Clock clock;
    private final Map<String, Discovery> discoveries = new ConcurrentHashMap<>();
    private final Map<URI, Keys> keys = new ConcurrentHashMap<>();

    ProviderMetadata(IssuerClient client, SsoProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** The issuer's discovery document, from the cache while it is fresh. */
    Discovery discovery(String issuer) {
        Discovery cached = discoveries.get(issuer);
        if (cached != null
                && cached.fetchedAt().plus(properties.discoveryMaxAge()).isAfter(clock.instant())) {
            return cached;
        }
        Discovery fetched = fetch(issuer);
        discoveries.put(issuer, fetched);
        return fetched;
    }

    /** Drops the issuer's discovery document, after a call it led to failed: the next sign-in fetches it anew. */
    void forget(String issuer) {
        discoveries.remove(issuer);
    }

    /** The key with this id from the issuer's key set; fetched again once a minute at most when it is unknown. */
    Optional<JWK> key(Discovery discovery, String kid) {
        Keys cached = keys.get(discovery.jwksUri());
        Optional<JWK> known = cached == null ? Optional.empty() : find(cached.set(), kid);
        if (known.isPresent()) {
            return known;
        }
        Instant now = clock.instant();
        if (cached != null
                && cached.fetchedAt().plus(properties.keysMinRefresh()).isAfter(now)) {
            return Optional.empty();
        }
        Keys fetched = new Keys(fetchKeys(discovery.jwksUri()), now);
        keys.put(discovery.jwksUri(), fetched);
        return find(fetched.set(), kid);
    }

    private static Optional<JWK> find(JWKSet set, String kid) {
        if (kid == null) {
            return set.getKeys().size() == 1 ? Optional.of(set.getKeys().get(0)) : Optional.empty();
        }
        return Optional.ofNullable(set.getKeyByKeyId(kid));
    }

    private JWKSet fetchKeys(URI jwksUri) {
        try {
            return JWKSet.parse(client.get(jwksUri).toString());
        } catch (ParseException e) {
            throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, "unreadable key set");
        }
    }

    /** OpenID Connect Discovery 1.0 section 4.3: the document's issuer must be exactly the one configured. */
    private Discovery fetch(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode document = client.get(URI.create(base + "/.well-known/openid-configuration"));
        if (!issuer.equals(document.path("issuer").asString(null))) {
            throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, "discovery names another issuer");
        }
        return new Discovery(
                issuer,
                endpoint(document, "authorization_endpoint"),
                endpoint(document, "token_endpoint"),
                endpoint(document, "jwks_uri"),
                clock.instant());
    }

    private URI endpoint(JsonNode document, String name) {
        String value = document.path(name).asString(null);
        URI uri;
        try {
            uri = value == null ? null : URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !client.allowed(uri)) {
            throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, "discovery lacks a usable " + name);
        }
        return uri;
    }
}
