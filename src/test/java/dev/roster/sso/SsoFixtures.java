package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.Fixtures;
import dev.roster.support.IdentityProvider;
import dev.roster.support.Pages;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Organizations with a verified domain and an OIDC provider at the test identity provider, and the browser's side. */
final class SsoFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Api api;
    private final Fixtures fixtures;

    SsoFixtures(Api api, Fixtures fixtures) {
        this.api = api;
        this.fixtures = fixtures;
    }

    /** An organization, its verified domain and its provider. */
    record SsoTenant(String organizationId, String adminKey, String domain, String providerId, String clientId) {

        String email(String name) {
            return name + "-" + SEQUENCE.incrementAndGet() + "@" + domain;
        }
    }

    SsoTenant tenant(String plan, Map<String, Object> providerSettings) {
        return tenantFor(fixtures.tenant(plan), providerSettings);
    }

    /** The organization given a verified domain and a provider. */
    SsoTenant tenantFor(Fixtures.Tenant tenant, Map<String, Object> providerSettings) {
        String domain = "sso" + SEQUENCE.incrementAndGet() + ".example.test";
        verifiedDomain(tenant, domain);
        String clientId = "roster-" + UUID.randomUUID();
        String providerId = provider(tenant.adminKey(), clientId, providerSettings);
        return new SsoTenant(tenant.organizationId(), tenant.adminKey(), domain, providerId, clientId);
    }

    void verifiedDomain(Fixtures.Tenant tenant, String domain) {
        String id = api.post("/v1/domains", tenant.adminKey(), Map.of("name", domain))
                .field("id");
        Api.Response verified = api.post(
                "/v1/organizations/" + tenant.organizationId() + "/domains/" + id + "/verify",
                Api.PLATFORM_KEY,
                Map.of("skipDnsCheck", true));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }

    /** Makes the tenant's verified domain require SSO (or not): passwords stop working for its emails. */
    void ssoRequired(SsoTenant tenant, boolean required) {
        String domainId = api.get("/v1/domains", tenant.adminKey())
                .json()
                .path("data")
                .valueStream()
                .filter(d -> d.path("name").asString().equals(tenant.domain()))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        Api.Response patched = api.patch("/v1/domains/" + domainId, tenant.adminKey(), Map.of("ssoRequired", required));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }

    String provider(String adminKey, String clientId, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name",
                "Corp IdP",
                "protocol",
                "oidc",
                "issuer",
                IdentityProvider.instant().issuer(),
                "clientId",
                clientId,
                "clientSecret",
                "secret-" + UUID.randomUUID()));
        body.putAll(settings);
        Api.Response created = api.post("/v1/sso-providers", adminKey, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    /** A sign-in started at Roster: the provider's URL it redirected to, and its query. */
    record Started(URI authorization, Map<String, String> query) {

        String nonce() {
            return query.get("nonce");
        }
    }

    static Started start(Pages browser, String providerId) {
        HttpResponse<String> started = browser.get("/sso/start?provider=" + providerId + "&continue=/login");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
        return new Started(location, query(location));
    }

    /** The provider signs the person in at once and sends the browser back to Roster's callback. */
    static HttpResponse<String> complete(Pages browser, Started started) {
        URI back = IdentityProvider.authorize(started.authorization());
        assertThat(back.getPath()).isEqualTo("/sso/oidc/callback");
        return browser.get("/sso/oidc/callback?" + back.getRawQuery());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }
}
