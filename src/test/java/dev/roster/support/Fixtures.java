package dev.roster.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds organizations, keys and users through the public API, each with fresh unique names. */
public final class Fixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Api api;

    public Fixtures(Api api) {
        this.api = api;
    }

    public static String uniqueEmail(String name) {
        return name + "-" + SEQUENCE.incrementAndGet() + "@example.com";
    }

    /** An organization on a plan, created with the platform key; returns its id. */
    public String organization(String plan) {
        return organization(Api.PLATFORM_KEY, plan);
    }

    public String organization(String creatorKey, String plan) {
        Api.Response created = api.post(
                "/v1/organizations", creatorKey, Map.of("name", "Org " + SEQUENCE.incrementAndGet(), "plan", plan));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    /** A new organization key of the given role; returns its secret. */
    public String key(String organizationId, String role) {
        Api.Response created = api.post(
                "/v1/organizations/" + organizationId + "/api-keys",
                Api.PLATFORM_KEY,
                Map.of("name", role + " key", "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("key");
    }

    /** A custom role with exactly these permissions; returns its id. */
    public String role(String organizationId, String... permissions) {
        Api.Response created = api.post(
                "/v1/organizations/" + organizationId + "/roles",
                Api.PLATFORM_KEY,
                Map.of("name", "role " + UUID.randomUUID(), "permissions", List.of(permissions)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    /** A key of the organization whose custom role has exactly these permissions; returns its secret. */
    public String keyWith(String organizationId, String... permissions) {
        Api.Response created = api.post(
                "/v1/organizations/" + organizationId + "/api-keys",
                Api.PLATFORM_KEY,
                Map.of("name", "custom key", "roleId", role(organizationId, permissions)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("key");
    }

    /** A new partner key; returns its secret. */
    public String partnerKey() {
        Api.Response created = api.post("/v1/partner-keys", Api.PLATFORM_KEY, Map.of("name", "Partner"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("key");
    }

    /** A user created with an organization key; returns the user's id. */
    public String user(String key, String email) {
        Api.Response created = api.post("/v1/users", key, Map.of("email", email));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    /**
     * A user of the key's organization with the given role (admin or user) who has accepted its emailed invitation
     * and signed in; returns its access token, a JWT.
     */
    public String signedIn(String adminKey, String role) {
        String email = uniqueEmail(role);
        String password = "correct horse battery staple";
        member(adminKey, email, role, password);
        Api.Response tokens = signIn(email, password);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens.field("accessToken");
    }

    /**
     * A user of the key's organization with the given role who has accepted its emailed invitation with this
     * password; returns its id.
     */
    public String member(String adminKey, String email, String role, String password) {
        Api.Response created = api.post("/v1/users", adminKey, Map.of("email", email, "roles", List.of(role)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = MailServer.token(MailServer.await(email, 1).get(0));
        Api.Response accepted =
                api.post("/v1/public/invitations/" + token + "/accept", null, Map.of("password", password));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
        return created.field("id");
    }

    /** Signs in with a password: tokens, a challenge, or the refusal. */
    public Api.Response signIn(String email, String password) {
        return api.post("/v1/auth/token", null, Map.of("email", email, "password", password));
    }

    /** Spends a refresh token: new tokens, or the refusal. */
    public Api.Response refresh(String refreshToken) {
        return api.post("/v1/auth/token", null, Map.of("grantType", "refresh_token", "refreshToken", refreshToken));
    }

    /** An organization with an admin key, ready for user tests. */
    public Tenant tenant(String plan) {
        String org = organization(plan);
        return new Tenant(org, key(org, "admin"));
    }

    public record Tenant(String organizationId, String adminKey) {}
}
