package dev.roster.login;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Chromium;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's path in a real browser (the system Chromium, driven by Playwright): open the emailed link, choose a
 * password, sign in.
 */
@RosterTest
class InvitationPageBrowserTest extends ApiTestBase {

    private static Chromium chromium;
    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void anInviteeOpensTheEmailedLinkChoosesAPasswordAndSignsIn() {
        // given an invitation email
        Tenant tenant = fixtures.tenant("starter");
        String email = Fixtures.uniqueEmail("browser");
        fixtures.user(tenant.adminKey(), email);
        String link =
                local(MailServer.find(MailServer.await(email, 1).get(0), "(\\S+/invitations/accept\\?token=\\S+)"));

        try (Page page = browser.newPage()) {
            // when the invitee opens it and accepts
            Response opened = page.navigate(link);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING))
                    .containsText("Join Org ");
            assertThat(page.getByText(email)).isVisible();
            page.getByLabel("First name").fill("Grace");
            page.getByLabel("Last name").fill("Hopper");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                    .fill("too short");
            page.getByLabel("Password again").fill("too short");
            page.evaluate("document.querySelectorAll('input').forEach(i => i.removeAttribute('minlength'))");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                    .containsText("12");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                    .fill("a long enough password");
            page.getByLabel("Password again").fill("a long enough password");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();

            // then the account is ready, and the invitee signs in with the new password
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING))
                    .hasText("You are in");
            page.getByText("Sign in").click();
            page.getByLabel("Email").fill(email);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            page.getByLabel("Password").fill("a long enough password");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            assertThat(page.locator("#signed-in-email")).hasText(email);
            assertThat(page.locator("h1")).hasText("Welcome, Grace");

            // and the used link says so
            Response reused = page.navigate(link);
            assertThat(reused.status()).isEqualTo(410);
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING))
                    .hasText("This invitation was already used");
        }
    }

    @Test
    void anExpiredLinkSaysSoClearly() {
        Tenant tenant = fixtures.tenant("starter");
        String email = Fixtures.uniqueEmail("expired-browser");
        fixtures.user(tenant.adminKey(), email);
        String link =
                local(MailServer.find(MailServer.await(email, 1).get(0), "(\\S+/invitations/accept\\?token=\\S+)"));
        jdbc.sql("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = :e")
                .param("e", email)
                .update();

        try (Page page = browser.newPage()) {
            Response opened = page.navigate(link);

            assertThat(opened.status()).isEqualTo(410);
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING))
                    .hasText("This invitation has expired");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                    .containsText("ask for a new one");
        }
    }

    private String local(String link) {
        return link.replace(RosterTest.PUBLIC_URL, "http://127.0.0.1:" + port);
    }
}
