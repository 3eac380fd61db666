package dev.roster.oidc;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.example.product.ProductApp;
import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole sign-in as a product sees it: a Spring Security {@code oauth2Login} application, configured with
 * Roster's issuer, client id and secret alone, and a real browser that signs in on Roster's hosted login. Roster runs
 * here as a node whose public URL is its own loopback address, so that the client's discovery and JWKS fetches
 * reach it.
 */
@RosterTest
class ExternalClientBrowserTest extends ApiTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    DatabaseServer database;

    @Test
    void aSpringSecurityApplicationSignsInCallsTheApiRefreshesRevokesAndLogsOut() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Browser tests need Chromium at " + CHROMIUM + " (.ci/run installs it)");
        }
        // given Roster at its own address, a member, and an application registered for the product's callback
        int rosterPort = freePort();
        int productPort = freePort();
        String issuer = "http://127.0.0.1:" + rosterPort;
        Tenant tenant = fixtures.tenant("business");
        String email = Fixtures.uniqueEmail("product");
        String userId = fixtures.member(tenant.adminKey(), email, "admin", PASSWORD);
        assertThat(api.patch(
                                "/v1/users/" + userId,
                                tenant.adminKey(),
                                Map.of("firstName", "Grace", "lastName", "Hopper"))
                        .status())
                .isEqualTo(200);
        String organizationName = api.get("/v1/organizations/" + tenant.organizationId(), tenant.adminKey())
                .field("name");
        String product = "http://127.0.0.1:" + productPort;
        Api.Response app = api.post(
                "/v1/applications",
                Api.PLATFORM_KEY,
                Map.of(
                        "name",
                        "The Product",
                        "type",
                        "confidential",
                        "redirectUris",
                        List.of(product + "/login/oauth2/code/roster"),
                        "postLogoutRedirectUris",
                        List.of(product + "/bye")));
        assertThat(app.status()).as(app.toString()).isEqualTo(201);

        try (ConfigurableApplicationContext roster =
                        SecondNode.start(database, "--server.port=" + rosterPort, "--roster.public-url=" + issuer);
                ConfigurableApplicationContext client =
                        ProductApp.start(productPort, issuer, app.field("clientId"), app.field("clientSecret"));
                Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
                Page page = browser.newPage()) {

            // when the person opens the product, which sends them to Roster's hosted login
            page.navigate(product + "/");
            assertThat(page).hasURL(java.util.regex.Pattern.compile("^" + issuer + "/login\\?continue=.*"));
            assertThat(page.getByText("The Product")).isVisible();
            page.getByLabel("Email").fill(email);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();

            // then they are back in the product, signed in as themselves, with their organization and roles
            try {
                page.waitForURL(java.util.regex.Pattern.compile("^" + product + "/(\\?continue)?$"));
            } catch (RuntimeException e) {
                throw new AssertionError("stuck at " + page.url() + ": " + page.content(), e);
            }
            String home = page.locator("body").innerText();
            assertThat(home).contains("email=" + email, "roles=[admin]", "sub=" + userId, "org=" + organizationName);

            // and the product's library fetched the user's claims from Roster's userinfo endpoint at sign-in
            page.navigate(product + "/userinfo");
            assertThat(page.locator("body").innerText())
                    .contains(
                            "userinfo.sub=" + userId,
                            "userinfo.email=" + email,
                            "userinfo.name=Grace Hopper",
                            "userinfo.given_name=Grace",
                            "userinfo.family_name=Hopper",
                            "userinfo.org_name=" + organizationName);

            // and the product reads Roster's API with the access token, refreshes, and revokes
            page.navigate(product + "/api");
            assertThat(page.locator("body").innerText()).contains("\"email\":\"" + email + "\"");
            page.navigate(product + "/refresh");
            assertThat(page.locator("body").innerText()).isEqualTo("200");

            // and logging out of the product ends the Roster session too and comes back to the product
            page.navigate(product + "/signout");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            try {
                page.waitForURL(product + "/bye");
            } catch (RuntimeException e) {
                throw new AssertionError("stuck at " + page.url() + ": " + page.content(), e);
            }
            page.navigate(issuer + "/login");
            assertThat(page.getByLabel("Email")).isVisible();

            // and after signing in again, a revoked refresh token buys nothing
            page.navigate(product + "/");
            page.getByLabel("Email").fill(email);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            page.waitForURL(java.util.regex.Pattern.compile("^" + product + "/(\\?continue)?$"));
            page.navigate(product + "/revoke");
            assertThat(page.locator("body").innerText())
                    .startsWith("revoked:200")
                    .contains("after:400", "invalid_grant");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
