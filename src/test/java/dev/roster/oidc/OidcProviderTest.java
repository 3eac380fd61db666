package dev.roster.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.roster.auth.TotpCodes;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect provider over HTTP, as any client library drives it: discovery, the authorization code flow
 * with PKCE through the hosted login, tokens, userinfo, refresh in families, revocation, introspection and logout,
 * and each way a request must fail.
 */
@RosterTest
class OidcProviderTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final String LOGGED_OUT = "http://127.0.0.1:9/signed-out";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger BROWSERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private String email;
    private String userId;
    private String applicationId;
    private String clientId;
    private String secret;

    @BeforeEach
    void application() {
        tenant = fixtures.tenant("business");
        email = Fixtures.uniqueEmail("oidc");
        userId = fixtures.member(tenant.adminKey(), email, "admin", PASSWORD);
        Api.Response named =
                api.patch("/v1/users/" + userId, tenant.adminKey(), Map.of("firstName", "Ada", "lastName", "Lovelace"));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Product");
        body.put("type", "confidential");
        body.put("redirectUris", List.of(REDIRECT));
        body.put("postLogoutRedirectUris", List.of(LOGGED_OUT));
        Api.Response created = api.post("/v1/applications", Api.PLATFORM_KEY, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        applicationId = created.field("id");
        clientId = created.field("clientId");
        secret = created.field("clientSecret");
    }

    @Test
    void discoveryDescribesTheProviderAtThePublicUrl() throws Exception {
        JsonNode discovery =
                JSON.readTree(get("/.well-known/openid-configuration").body());

        assertThat(discovery.path("issuer").asText()).isEqualTo(RosterTest.PUBLIC_URL);
        assertThat(discovery.path("authorization_endpoint").asText())
                .isEqualTo(RosterTest.PUBLIC_URL + "/oauth2/authorize");
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(RosterTest.PUBLIC_URL + "/.well-known/jwks.json");
        assertThat(discovery.path("userinfo_endpoint").asText()).endsWith("/userinfo");
        assertThat(discovery.path("end_session_endpoint").asText()).endsWith("/connect/logout");
        assertThat(discovery.path("code_challenge_methods_supported").toString())
                .contains("S256");
        assertThat(discovery.path("grant_types_supported").toString())
                .contains("authorization_code", "refresh_token")
                .doesNotContain("password", "implicit");
        assertThat(discovery.path("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(discovery.path("token_endpoint_auth_methods_supported").toString())
                .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"none\"]");
    }

    @Test
    void aUserSignsInThroughTheHostedLoginAndTheApplicationGetsStandardTokens() throws Exception {
        // when the application sends the browser to authorize, and the user signs in on the hosted login
        Flow flow = new Flow();
        String login = flow.login();
        String back = Flow.continued(login);
        assertThat(flow.browser.get(login).body()).contains("Product");
        HttpResponse<String> signedIn =
                flow.browser.post("/login", Map.of("email", email, "password", PASSWORD, "continue", back));
        assertThat(signedIn.headers().firstValue("Location")).hasValue(back);
        String code = flow.code(flow.browser.get(back));

        // then the code buys tokens once
        HttpResponse<String> exchanged = flow.exchange(code, flow.verifier);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(exchanged.body());
        SignedJWT idToken = SignedJWT.parse(tokens.path("id_token").asText());
        com.nimbusds.jose.jwk.JWKSet keys =
                com.nimbusds.jose.jwk.JWKSet.parse(get("/.well-known/jwks.json").body());
        com.nimbusds.jose.jwk.JWK key = keys.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(key).as(idToken.getHeader() + " in " + keys).isNotNull();
        assertThat(idToken.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey())))
                .isTrue();
        JWTClaimsSet id = idToken.getJWTClaimsSet();
        assertThat(id.getIssuer()).isEqualTo(RosterTest.PUBLIC_URL);
        assertThat(id.getSubject()).isEqualTo(userId);
        assertThat(id.getAudience()).containsExactly(clientId);
        assertThat(id.getStringClaim("nonce")).isEqualTo(flow.nonce);
        assertThat(id.getStringClaim("email")).isEqualTo(email);
        assertThat(id.getBooleanClaim("email_verified")).isTrue();
        assertThat(id.getStringClaim("org_id")).isEqualTo(tenant.organizationId());
        assertThat(id.getStringListClaim("roles")).containsExactly("admin");
        String organizationName = api.get("/v1/organizations/" + tenant.organizationId(), tenant.adminKey())
                .field("name");
        assertThat(id.getStringClaim("org_name")).isEqualTo(organizationName);
        assertThat(id.getStringClaim("name")).isEqualTo("Ada Lovelace");
        assertThat(id.getStringClaim("given_name")).isEqualTo("Ada");
        assertThat(id.getStringClaim("family_name")).isEqualTo("Lovelace");
        assertThat(id.getClaim("auth_time")).isNotNull();
        JWTClaimsSet access =
                SignedJWT.parse(tokens.path("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getAudience()).containsExactly(clientId);
        assertThat(tokens.path("refresh_token").asText()).isNotBlank();

        // and the access token works on userinfo and on Roster's API with the user's permissions
        String bearer = tokens.path("access_token").asText();
        HttpResponse<String> userInfo = bearer("/userinfo", bearer);
        assertThat(userInfo.statusCode())
                .as(userInfo.headers() + userInfo.body())
                .isEqualTo(200);
        JsonNode info = JSON.readTree(userInfo.body());
        assertThat(info.path("sub").asText()).isEqualTo(userId);
        assertThat(info.path("email").asText()).isEqualTo(email);
        assertThat(info.path("email_verified").asBoolean()).isTrue();
        assertThat(info.path("org_id").asText()).isEqualTo(tenant.organizationId());
        assertThat(info.path("org_name").asText()).isEqualTo(organizationName);
        assertThat(info.path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(info.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(info.path("given_name").asText()).isEqualTo("Ada");
        assertThat(info.path("family_name").asText()).isEqualTo("Lovelace");
        assertThat(api.get("/v1/users/" + userId, bearer).status()).isEqualTo(200);
        assertThat(api.get("/v1/users", bearer).status()).isEqualTo(200);
    }

    @Test
    void anInviteeWithATemporaryPasswordChoosesItsOwnOnTheWayToTheApplication() throws Exception {
        // given a person invited with a temporary password
        String invitee = Fixtures.uniqueEmail("temporary");
        Api.Response created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", invitee, "invitationType", "temporary_password", "roles", List.of("user")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String temporary = MailServer.find(MailServer.await(invitee, 1).get(0), "temporary password: (\\S+)");

        // when the application sends them to authorize, and they sign in with it on the hosted login
        Flow flow = new Flow();
        String back = Flow.continued(flow.login());
        HttpResponse<String> asked =
                flow.browser.post("/login", Map.of("email", invitee, "password", temporary, "continue", back));
        Matcher challenge =
                Pattern.compile("name=\"challengeToken\" value=\"([^\"]+)\"").matcher(asked.body());

        // then they must choose their own password first, and only then go on to the application with a code
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Choose your password", "name=\"continue\"");
        assertThat(asked.headers().firstValue("Location")).isEmpty();
        assertThat(challenge.find()).isTrue();
        flow.login(); // no session yet: authorize still sends the browser to the hosted login
        HttpResponse<String> changed = flow.browser.post(
                "/login/password",
                Map.of(
                        "challengeToken",
                        challenge.group(1),
                        "newPassword",
                        "my very own passphrase",
                        "confirmation",
                        "my very own passphrase",
                        "continue",
                        back));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).hasValue(back);
        String code = flow.code(flow.browser.get(back));
        HttpResponse<String> exchanged = flow.exchange(code, flow.verifier);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JWTClaimsSet id = SignedJWT.parse(
                        JSON.readTree(exchanged.body()).path("id_token").asText())
                .getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo(created.field("id"));
        assertThat(api.get("/v1/users/" + created.field("id"), tenant.adminKey())
                        .field("status"))
                .isEqualTo("active");
        assertThat(fixtures.signIn(invitee, temporary).status()).isEqualTo(401);
        assertThat(fixtures.signIn(invitee, "my very own passphrase").status()).isEqualTo(200);
    }

    @Test
    void aSessionFromBeforeTheOrganizationRequiredMfaGetsNoCodeUntilItsUserEnrolls() throws Exception {
        // given a browser signed in with a password, whose organization then requires MFA
        Flow flow = new Flow();
        flow.signInAndGetCode();
        Flow throughSso = new Flow();
        throughSso.signIn();
        // the newest session stands for one that began at the organization's identity provider
        jdbc.sql("UPDATE browser_sessions SET method = 'sso' WHERE id = (SELECT id FROM browser_sessions"
                        + " WHERE user_id = :user::uuid ORDER BY created_at DESC LIMIT 1)")
                .param("user", userId)
                .update();
        assertThat(api.patch(
                                "/v1/organizations/" + tenant.organizationId(),
                                tenant.adminKey(),
                                Map.of("mfaRequired", true))
                        .status())
                .isEqualTo(200);

        // when the application sends it to authorize again
        HttpResponse<String> again = flow.browser.get(flow.authorizeUrl());

        // then it gets no code but the enrollment, which comes back to the same authorization request
        String location = again.headers().firstValue("Location").orElseThrow();
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(location).doesNotContain("code=").startsWith("/login/mfa/setup?continue=");
        String back =
                URLDecoder.decode(location.substring("/login/mfa/setup?continue=".length()), StandardCharsets.UTF_8);
        assertThat(back).isEqualTo(flow.authorizeUrl());
        throughSso.code(throughSso.browser.get(throughSso.authorizeUrl())); // the identity provider's to secure
        HttpResponse<String> setup = flow.browser.get(location);
        Matcher secret = Pattern.compile("Key: <code>([A-Z2-7]+)</code>").matcher(setup.body());
        assertThat(secret.find()).as(setup.body()).isTrue();
        HttpResponse<String> enrolled =
                flow.browser.post("/login/mfa/setup", Map.of("code", TotpCodes.now(secret.group(1)), "continue", back));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        assertThat(enrolled.body()).contains("Your recovery codes", "href=\"/oauth2/authorize?");

        // and once the user has an authenticator, the same session gets its code
        String code = flow.code(flow.browser.get(back));
        assertThat(flow.exchange(code, flow.verifier).statusCode()).isEqualTo(200);
    }

    @Test
    void aReusedCodeAlsoRevokesTheTokensItBought() throws Exception {
        Flow flow = new Flow();
        String code = flow.signInAndGetCode();
        JsonNode tokens = JSON.readTree(flow.exchange(code, flow.verifier).body());

        HttpResponse<String> again = flow.exchange(code, flow.verifier);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
        assertThat(flow.refresh(tokens.path("refresh_token").asText()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aCodeOlderThanSixtySecondsIsRefused() {
        // given a code, made to live 60 seconds
        Flow flow = new Flow();
        String code = flow.signInAndGetCode();
        assertThat(jdbc.sql("SELECT extract(epoch FROM code_expires_at - code_issued_at)::int FROM"
                                + " oauth2_authorizations WHERE user_id = :user::uuid AND code_hash IS NOT NULL")
                        .param("user", userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(60);

        // when its minute is over (moved in the database rather than waited for)
        jdbc.sql("UPDATE oauth2_authorizations SET code_issued_at = now() - interval '61 seconds',"
                        + " code_expires_at = now() - interval '1 second' WHERE user_id = :user::uuid")
                .param("user", userId)
                .update();
        HttpResponse<String> late = flow.exchange(code, flow.verifier);

        // then it buys nothing
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("invalid_grant").doesNotContain("access_token");
    }

    @Test
    void aPublicApplicationSignsInWithPkceAndNoSecret() throws Exception {
        // given a public application (a single-page or native app: no secret)
        String spa = publicApplication();
        Flow flow = new Flow();
        flow.signIn();

        // when it sends the browser to authorize with S256, and exchanges the code with its verifier and client id
        String code = flow.code(flow.browser.get(flow.authorizeUrl().replace(clientId, spa)));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", spa);
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", flow.verifier);
        HttpResponse<String> exchanged = post(spa, null, "/oauth2/token", form);

        // then it gets an ID token for itself and an access token that works, and no refresh token
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(exchanged.body());
        JWTClaimsSet id = SignedJWT.parse(tokens.path("id_token").asText()).getJWTClaimsSet();
        assertThat(id.getAudience()).containsExactly(spa);
        assertThat(id.getSubject()).isEqualTo(userId);
        assertThat(id.getStringClaim("nonce")).isEqualTo(flow.nonce);
        assertThat(tokens.has("refresh_token")).isFalse();
        HttpResponse<String> userInfo =
                bearer("/userinfo", tokens.path("access_token").asText());
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(userInfo.body()).path("email").asText()).isEqualTo(email);

        // and the same code again, or a code without its verifier, buys nothing
        assertThat(post(spa, null, "/oauth2/token", form).statusCode()).isEqualTo(400);
        String other = flow.code(flow.browser.get(flow.authorizeUrl().replace(clientId, spa)));
        form.put("code", other);
        form.remove("code_verifier");
        HttpResponse<String> withoutVerifier = post(spa, null, "/oauth2/token", form);
        // without a verifier a public client has nothing to authenticate with
        assertThat(withoutVerifier.statusCode()).isEqualTo(401);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");
    }

    @Test
    void thePlainPkceMethodTheImplicitFlowAndThePasswordGrantAreRefused() {
        String spa = publicApplication();
        Flow flow = new Flow();
        flow.signIn();

        HttpResponse<String> plain = flow.browser.get(flow.authorizeUrl()
                .replace(clientId, spa)
                .replaceAll(
                        "code_challenge=[^&]+&code_challenge_method=S256",
                        "code_challenge=" + flow.verifier + "&code_challenge_method=plain"));
        HttpResponse<String> implicit =
                flow.browser.get(flow.authorizeUrl().replace("response_type=code", "response_type=token"));
        HttpResponse<String> password = flow.clientPost(
                "/oauth2/token", Map.of("grant_type", "password", "username", email, "password", PASSWORD));

        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT + "?")
                .contains("error=invalid_request", "code_challenge_method")
                .doesNotContain("code=");
        assertThat(implicit.statusCode()).as(implicit.headers().toString()).isIn(302, 400);
        assertThat(implicit.headers().firstValue("Location").orElse("")).doesNotContain("access_token", "code=", "#");
        assertThat(
                        implicit.statusCode() == 400
                                ? implicit.body()
                                : implicit.headers().firstValue("Location").orElseThrow())
                .contains("unsupported_response_type");
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body()).contains("unsupported_grant_type").doesNotContain("access_token");
    }

    @Test
    void aWrongOrMissingPkceVerifierIsRefused() throws Exception {
        Flow wrong = new Flow();
        String code = wrong.signInAndGetCode();
        assertThat(wrong.exchange(code, wrong.verifier + "x").statusCode()).isEqualTo(400);
        Flow missing = new Flow();
        String other = missing.signInAndGetCode();
        HttpResponse<String> without = missing.exchange(other, null);
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(without.body()).contains("invalid_grant");
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() {
        for (String uri :
                new String[] {"http://127.0.0.1:10/callback", "https://evil.example/callback", REDIRECT + "x"}) {
            Flow flow = new Flow();
            flow.signIn();
            HttpResponse<String> answer = flow.browser.get(flow.authorizeUrl().replace(enc(REDIRECT), enc(uri)));
            assertThat(answer.statusCode()).as(uri).isEqualTo(400);
            assertThat(answer.headers().firstValue("Location")).as(uri).isEmpty();
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(answer.body()).contains("This sign-in cannot go on", "redirect_uri");
        }
    }

    @Test
    void aPublicApplicationMustUsePkce() throws Exception {
        Api.Response created = api.post(
                "/v1/applications",
                Api.PLATFORM_KEY,
                Map.of("name", "SPA", "type", "public", "redirectUris", List.of(REDIRECT)));
        Flow flow = new Flow();
        flow.signIn();
        String withoutPkce = flow.authorizeUrl()
                .replace(clientId, created.field("clientId"))
                .replaceAll("&code_challenge=[^&]+&code_challenge_method=S256", "");
        HttpResponse<String> refused = flow.browser.get(withoutPkce);
        assertThat(refused.headers().firstValue("Location").orElse("")).contains("error=invalid_request");
    }

    @Test
    void aReplayedRefreshTokenRevokesItsFamily() throws Exception {
        Flow flow = new Flow();
        JsonNode first = JSON.readTree(
                flow.exchange(flow.signInAndGetCode(), flow.verifier).body());
        String spent = first.path("refresh_token").asText();
        HttpResponse<String> refreshed = flow.refresh(spent);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode second = JSON.readTree(refreshed.body());
        String live = second.path("refresh_token").asText();
        assertThat(live).isNotEqualTo(spent);
        assertThat(second.path("id_token").asText()).isNotBlank();

        // when the spent token comes back (someone copied it)
        HttpResponse<String> replayed = flow.refresh(spent);

        // then it is refused, and the family's newest token dies with it
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(flow.refresh(live).statusCode()).isEqualTo(400);
    }

    @Test
    void revocationIntrospectionAndAnAdminsSignOutEndTheTokens() throws Exception {
        Flow flow = new Flow();
        JsonNode tokens = JSON.readTree(
                flow.exchange(flow.signInAndGetCode(), flow.verifier).body());
        String refresh = tokens.path("refresh_token").asText();

        JsonNode active = JSON.readTree(
                flow.clientPost("/oauth2/introspect", Map.of("token", refresh)).body());
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("client_id").asText()).isEqualTo(clientId);
        JsonNode accessInfo = JSON.readTree(flow.clientPost(
                        "/oauth2/introspect",
                        Map.of("token", tokens.path("access_token").asText()))
                .body());
        assertThat(accessInfo.path("active").asBoolean()).isTrue();
        assertThat(accessInfo.path("sub").asText()).isEqualTo(userId);
        assertThat(flow.clientPost("/oauth2/revoke", Map.of("token", refresh)).statusCode())
                .isEqualTo(200);
        assertThat(JSON.readTree(flow.clientPost("/oauth2/introspect", Map.of("token", refresh))
                                .body())
                        .path("active")
                        .asBoolean())
                .isFalse();
        assertThat(flow.refresh(refresh).statusCode()).isEqualTo(400);

        Flow other = new Flow();
        JsonNode more = JSON.readTree(
                other.exchange(other.signInAndGetCode(), other.verifier).body());
        assertThat(api.post("/v1/users/" + userId + "/sign-out", tenant.adminKey(), null)
                        .status())
                .isEqualTo(204);
        assertThat(other.refresh(more.path("refresh_token").asText()).statusCode())
                .isEqualTo(400);
        assertThat(other.browser.get("/login").body()).doesNotContain(email);
    }

    @Test
    void anApplicationCannotIntrospectAnotherApplicationsTokens() throws Exception {
        // given application A's tokens, and another confidential application B
        Flow flow = new Flow();
        JsonNode tokens = JSON.readTree(
                flow.exchange(flow.signInAndGetCode(), flow.verifier).body());
        Api.Response other = api.post(
                "/v1/applications",
                Api.PLATFORM_KEY,
                Map.of("name", "Other app", "type", "confidential", "redirectUris", List.of(REDIRECT)));

        // when B introspects A's access token and refresh token
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String kind : List.of("access_token", "refresh_token")) {
            HttpResponse<String> answer = post(
                    other.field("clientId"),
                    other.field("clientSecret"),
                    "/oauth2/introspect",
                    Map.of("token", tokens.path(kind).asText()));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            answers.put(kind, JSON.readTree(answer.body()));
        }

        // then B learns nothing: both are inactive to it, with no claims, while A still sees them active
        assertThat(answers.values().stream().map(JsonNode::toString).toList())
                .as(answers.keySet().toString())
                .containsExactly("{\"active\":false}", "{\"active\":false}");
        assertThat(JSON.readTree(flow.clientPost(
                                        "/oauth2/introspect",
                                        Map.of(
                                                "token",
                                                tokens.path("access_token").asText()))
                                .body())
                        .path("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void logoutEndsTheBrowserSessionAndReturnsToTheApplication() throws Exception {
        Flow flow = new Flow();
        JsonNode tokens = JSON.readTree(
                flow.exchange(flow.signInAndGetCode(), flow.verifier).body());

        HttpResponse<String> out = flow.browser.get("/connect/logout?id_token_hint="
                + tokens.path("id_token").asText() + "&post_logout_redirect_uri=" + enc(LOGGED_OUT)
                + "&state=bye");

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValue(LOGGED_OUT + "?state=bye");
        assertThat(flow.browser.get("/login").body()).doesNotContain(email);
        Flow again = new Flow();
        again.signIn();
        HttpResponse<String> elsewhere = again.browser.get("/connect/logout?id_token_hint="
                + tokens.path("id_token").asText() + "&post_logout_redirect_uri=" + enc("https://evil.example/"));
        assertThat(elsewhere.headers().firstValue("Location").orElse("")).doesNotContain("evil.example");
    }

    @Test
    void anApplicationForOtherOrganizationsSendsTheUserBackWithAccessDenied() throws Exception {
        String other = fixtures.organization("starter");
        Api.Response restricted = api.post(
                "/v1/applications",
                Api.PLATFORM_KEY,
                Map.of(
                        "name",
                        "Other",
                        "type",
                        "confidential",
                        "redirectUris",
                        List.of(REDIRECT),
                        "organizationIds",
                        List.of(other)));
        Flow flow = new Flow();
        flow.signIn();
        HttpResponse<String> answer =
                flow.browser.get(flow.authorizeUrl().replace(clientId, restricted.field("clientId")));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT)
                .contains("error=access_denied")
                .doesNotContain("code=");
    }

    @Test
    void anApplicationOfOneOrganizationShowsItsNameAndLogoOnTheLoginPages() {
        Api.Response refused = api.patch(
                "/v1/organizations/" + tenant.organizationId(),
                tenant.adminKey(),
                Map.of("logoUrl", "http://cdn.example.com/logo.png"));
        Api.Response branded = api.patch(
                "/v1/organizations/" + tenant.organizationId(),
                tenant.adminKey(),
                Map.of("displayName", "Acme <Sign-in>", "logoUrl", "https://cdn.example.com/logo.png"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("logoUrl");
        assertThat(branded.status()).as(branded.toString()).isEqualTo(200);
        assertThat(api.send(
                                "PATCH",
                                "/v1/applications/" + applicationId,
                                Api.PLATFORM_KEY,
                                "{\"organizationIds\":[\"" + tenant.organizationId() + "\"]}",
                                Map.of())
                        .status())
                .isEqualTo(200);

        Flow flow = new Flow();
        String page = flow.browser.get(flow.login()).body();

        assertThat(page).contains("Acme &lt;Sign-in&gt;", "src=\"https://cdn.example.com/logo.png\"");
        assertThat(page).doesNotContain("Acme <Sign-in>");
    }

    @Test
    void aConfidentialApplicationActsOnItsOwnInTheOrganizationAndWithTheRoleItWasGiven() throws Exception {
        // given an application given the admin role in the tenant, and one given nothing
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Backend job");
        body.put("type", "confidential");
        body.put("redirectUris", List.of(REDIRECT));
        body.put("clientCredentials", Map.of("organizationId", tenant.organizationId(), "role", "admin"));
        Api.Response worker = api.post("/v1/applications", Api.PLATFORM_KEY, body);
        assertThat(worker.status()).as(worker.toString()).isEqualTo(201);
        assertThat(worker.json()
                        .path("clientCredentials")
                        .path("organizationId")
                        .asText())
                .isEqualTo(tenant.organizationId());
        body.put("type", "public");
        assertThat(api.post("/v1/applications", Api.PLATFORM_KEY, body).text()).contains("clientCredentials");

        // when it asks for a token of its own, and uses it
        Flow flow = new Flow();
        HttpResponse<String> refused = flow.clientPost("/oauth2/token", Map.of("grant_type", "client_credentials"));
        String workerId = worker.field("id");
        String basic = Base64.getEncoder()
                .encodeToString((worker.field("clientId") + ":" + worker.field("clientSecret"))
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> granted =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        String token = JSON.readTree(granted.body()).path("access_token").asText();
        Api.Response created = api.post(
                "/v1/users", token, Map.of("email", Fixtures.uniqueEmail("made-by-app"), "roles", List.of("user")));
        String otherOrg = fixtures.organization("starter");

        // then it acts in its organization as its role allows, recorded as itself, and nowhere else
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("unauthorized_client");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(JSON.readTree(granted.body()).path("refresh_token").isMissingNode())
                .isTrue();
        assertThat(api.get("/v1/users?limit=5", token).status()).isEqualTo(200);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("createdBy")).isEqualTo("application:" + workerId);
        assertThat(api.get("/v1/organizations/" + otherOrg + "/users", token).status())
                .isIn(403, 404);

        // and once the grant is taken away its token stops working at once
        assertThat(api.send(
                                "PATCH",
                                "/v1/applications/" + workerId,
                                Api.PLATFORM_KEY,
                                "{\"clientCredentials\":null}",
                                Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/users?limit=5", token).status()).isEqualTo(401);
    }

    /** A public application for the flow's redirect URI; returns its client id. */
    private String publicApplication() {
        Api.Response created = api.post(
                "/v1/applications",
                Api.PLATFORM_KEY,
                Map.of("name", "SPA", "type", "public", "redirectUris", List.of(REDIRECT)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("clientId");
    }

    /** One run of the flow: a browser, a PKCE verifier, a state and a nonce. */
    private final class Flow {
        final Pages browser = new Pages(port, "2001:db8:01dc::" + Integer.toHexString(BROWSERS.incrementAndGet()));
        final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        final String state = UUID.randomUUID().toString();
        final String nonce = UUID.randomUUID().toString();

        String authorizeUrl() {
            return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(REDIRECT)
                    + "&scope=" + enc("openid profile email") + "&state=" + state + "&nonce=" + nonce
                    + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        }

        /** Where authorize sends the browser while it is not signed in: the hosted login, to come back after. */
        String login() {
            HttpResponse<String> answer = browser.get(authorizeUrl());
            assertThat(answer.statusCode()).isEqualTo(302);
            String login = answer.headers().firstValue("Location").orElseThrow();
            assertThat(login).startsWith("/login?continue=");
            return login;
        }

        /** The authorization request a login page continues to. */
        static String continued(String login) {
            return URLDecoder.decode(login.substring("/login?continue=".length()), StandardCharsets.UTF_8);
        }

        void signIn() {
            HttpResponse<String> answer = browser.post("/login", Map.of("email", email, "password", PASSWORD));
            assertThat(answer.statusCode()).isEqualTo(303);
        }

        String signInAndGetCode() {
            signIn();
            return code(browser.get(authorizeUrl()));
        }

        String code(HttpResponse<String> redirect) {
            assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(REDIRECT + "?");
            Map<String, String> query = UriComponentsBuilder.fromUriString(location)
                    .build()
                    .getQueryParams()
                    .toSingleValueMap();
            assertThat(query.get("state")).isEqualTo(state);
            return URLDecoder.decode(query.get("code"), StandardCharsets.UTF_8);
        }

        HttpResponse<String> exchange(String code, String codeVerifier) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", code);
            form.put("redirect_uri", REDIRECT);
            if (codeVerifier != null) {
                form.put("code_verifier", codeVerifier);
            }
            return clientPost("/oauth2/token", form);
        }

        HttpResponse<String> refresh(String token) {
            return clientPost("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", token));
        }

        HttpResponse<String> clientPost(String path, Map<String, String> form) {
            return post(clientId, secret, path, form);
        }
    }

    /** A form posted by a client to the provider, with HTTP Basic when it has a secret. */
    private HttpResponse<String> post(String client, String clientSecret, String path, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"))));
        if (clientSecret != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((client + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    private HttpResponse<String> bearer(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
