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
 * and dropped at once when a call it led to fails: the token request, the key-set fetch, or a key-set fetch that
 * still lacks the token's key id (the provider may have moved its keys). A key set is fetched again for a key id it
 * lacks, at most once per {@code roster.sso.keys-min-refresh} (a minute) and key set, so a token with made-up key
 * ids cannot make Roster hammer the provider; a rotation is picked up by the first token signed with the new key.
 */
@Component
class ProviderMetadata {

    /** What Roster uses of a discovery document. */
    record Discovery(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, Instant fetchedAt) {}

    /** A key set, and when it may next be fetched again for an unknown key id. */
    private record Keys(JWKSet set, Instant refetchAfter) {}

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

    /**
     * The key with this id from the issuer's key set; the set is fetched again, once a minute at most, when it lacks
     * the id. When the fetch fails or the fetched set still lacks it, the discovery document is dropped too.
     */
    Optional<JWK> key(Discovery discovery, String kid) {
        URI uri = discovery.jwksUri();
        Keys cached = keys.get(uri);
        Optional<JWK> known = cached == null ? Optional.empty() : find(cached.set(), kid);
        if (known.isPresent()) {
            return known;
        }
        Instant now = clock.instant();
        Instant next = now.plus(properties.keysMinRefresh());
        if (cached != null && cached.refetchAfter().isAfter(now)) {
            return Optional.empty();
        }
        if (cached != null && !keys.replace(uri, cached, new Keys(cached.set(), next))) {
            // Another sign-in claimed this refetch first: use what it has fetched, if it has.
            return find(keys.get(uri).set(), kid);
        }
        JWKSet fetched;
        try {
            fetched = fetchKeys(uri);
        } catch (SsoFailure failure) {
            forget(discovery.issuer());
            throw failure;
        }
        // The first fetch leaves a refetch free, so that a rotation soon after it is still picked up.
        keys.put(uri, new Keys(fetched, cached == null ? now : next));
        Optional<JWK> found = find(fetched, kid);
        if (found.isEmpty()) {
            forget(discovery.issuer());
        }
        return found;
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
