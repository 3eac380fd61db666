package dev.roster.sso;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Chromium;
import dev.roster.support.IdentityProvider;
import dev.roster.support.RosterTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person's SSO sign-in in a real browser (the system Chromium): Roster sends it to the identity provider's login
 * page, the person signs in there, and comes back to Roster signed in. The provider redirects to the public URL's
 * callback, which the test hands on to the test server on loopback.
 */
@RosterTest
class SsoBrowserTest extends ApiTestBase {

    private static Chromium chromium;
    private static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void openBrowser() {
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPersonSignsInAtTheIdentityProvidersPageAndComesBackSignedIn() {
        // given an organization whose provider shows a login page, and an invited member at its verified domain
        IdentityProvider idp = IdentityProvider.interactive();
        SsoFixtures sso = new SsoFixtures(api, fixtures);
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of("issuer", idp.issuer()));
        String email = tenant.email("browser");
        api.post("/v1/users", tenant.adminKey(), Map.of("email", email));

        try (BrowserContext context = browser.newContext()) {
            context.route("**/*", this::serve);
            Page page = context.newPage();

            // when the person starts at Roster and signs in on the provider's page
            page.navigate(local("/sso/start?provider=") + tenant.providerId() + "&continue=/login");
            assertThat(page.url()).startsWith(idp.issuer());
            page.locator("input[name=username]").fill("browser-subject-" + tenant.providerId());
            page.locator("textarea[name=claims]").fill("{\"email\": \"" + email + "\", \"email_verified\": true}");
            page.locator("input[type=submit]").click();

            // then Roster shows who is signed in, with a session cookie for its own host
            assertThat(page.locator("#signed-in-email")).hasText(email);
            assertThat(page.url()).isEqualTo(local("/login"));
            assertThat(context.cookies())
                    .anySatisfy(cookie -> assertThat(cookie.name).isEqualTo("__Host-roster_session"));
        }
    }

    @Test
    void anApplicationsSignInGoesThroughTheOrganizationsProviderAndEndsWithTokensForThatUser() throws Exception {
        // given an organization with a provider, a member at its verified domain, and an application
        IdentityProvider idp = IdentityProvider.interactive();
        SsoFixtures sso = new SsoFixtures(api, fixtures);
        SsoFixtures.SsoTenant tenant = sso.tenant("business", Map.of("issuer", idp.issuer()));
        String email = tenant.email("app");
        String userId =
                api.post("/v1/users", tenant.adminKey(), Map.of("email", email)).field("id");
        var app = api.post(
                "/v1/applications",
                dev.roster.support.Api.PLATFORM_KEY,
                Map.of("name", "SSO product", "type", "confidential", "redirectUris", java.util.List.of(CALLBACK)));
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + app.field("clientId") + "&redirect_uri="
                + CALLBACK + "&scope=openid%20email&state=st4te&nonce=n0nce";

        try (BrowserContext context = browser.newContext()) {
            context.route("**/*", this::serve);
            Page page = context.newPage();

            // when the person is sent to Roster's login by the application and types only the email
            page.navigate(local(authorize));
            page.getByLabel("Email").fill(email);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();

            // then the verified domain offers their provider's sign-in (a password too, as the domain does not
            // require SSO), which leads to the provider's page, and back to the application
            assertThat(page.locator("#use-password")).isVisible();
            page.locator("#sso-continue").click();
            page.waitForURL(url -> url.startsWith(idp.issuer()));
            page.locator("input[name=username]").fill("app-subject-" + tenant.providerId());
            page.locator("textarea[name=claims]").fill("{\"email\": \"" + email + "\", \"email_verified\": true}");
            page.locator("input[type=submit]").click();
            page.waitForURL(url -> url.startsWith(CALLBACK + "?"));
            var query = org.springframework.web.util.UriComponentsBuilder.fromUriString(page.url())
                    .build()
                    .getQueryParams();
            assertThat(query.getFirst("state")).isEqualTo("st4te");

            // and the application's code buys an ID token for that user
            String basic = java.util.Base64.getEncoder()
                    .encodeToString((app.field("clientId") + ":" + app.field("clientSecret")).getBytes());
            var exchanged = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(local("/oauth2/token")))
                                    .header("Authorization", "Basic " + basic)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "grant_type=authorization_code&code=" + query.getFirst("code")
                                                    + "&redirect_uri=" + CALLBACK))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
            String idToken = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(exchanged.body())
                    .path("id_token")
                    .asText();
            var claims = com.nimbusds.jwt.SignedJWT.parse(idToken).getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(userId);
            assertThat(claims.getStringClaim("email")).isEqualTo(email);
            assertThat(claims.getStringClaim("nonce")).isEqualTo("n0nce");
        }
    }

    /** The application's redirect URI: answered by the test's route, never reached. */
    private static final String CALLBACK = "http://127.0.0.1:9/callback";

    /**
     * The provider sends the browser back to Roster's public URL; the test sends it on to the same path on the test
     * server. The identity provider and the test server are on loopback; nothing else is reached.
     */
    private void serve(Route route) {
        String url = route.request().url();
        if (url.startsWith(CALLBACK)) {
            route.fulfill(new Route.FulfillOptions().setStatus(200).setBody("the application got its code"));
        } else if (url.startsWith(RosterTest.PUBLIC_URL + "/")) {
            route.fulfill(new Route.FulfillOptions()
                    .setStatus(303)
                    .setHeaders(Map.of("Location", local(url.substring(RosterTest.PUBLIC_URL.length())))));
        } else if (url.startsWith("http://127.0.0.1:") || url.startsWith("http://localhost:")) {
            route.resume();
        } else {
            route.abort();
        }
    }

    private String local(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
