package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasks done with the keyboard alone, in a real browser (no click anywhere): creating an API key, copying its secret
 * and revoking it through the confirmation dialog, and redelivering a webhook delivery that failed.
 */
@RosterTest
class ConsoleAdminKeyboardTest extends ConsoleTestBase {

    @LocalServerPort
    int port;

    @Test
    void anApiKeyIsCreatedCopiedAndRevokedWithTheKeyboardAlone() {
        // given a signed-in admin on the keys page
        Tenant tenant = fixtures.tenant("business");
        String email = Fixtures.uniqueEmail("keyboard");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, 1280)) {
            Page page = console.page();
            page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
            page.navigate("/console/api-keys");

            // when it types a name, picks the user role and presses Create key
            console.tabTo("#name");
            page.keyboard().type("Keyboard CI");
            console.tabTo("#role");
            page.keyboard().type("user");
            assertThat(page.locator("#role").inputValue()).isEqualTo("user");
            console.tabTo("form[action='/console/api-keys'] button[type=submit]");
            page.keyboard().press("Enter");
            page.waitForSelector("#secret");

            // then the answer shows the secret once, and the Copy button puts it on the clipboard and says so
            String secret = page.locator("#secret").textContent();
            assertThat(secret).startsWith("roster_org_");
            console.tabTo("button[data-copy]");
            page.keyboard().press("Enter");
            page.waitForSelector("#copy-status:text-is('Copied to the clipboard.')");
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(secret);
            assertThat(api.get("/v1/permissions", secret).status()).isEqualTo(200);

            // when it goes back to the list and opens Revoke on that key
            console.tabTo("a[href='/console/api-keys']:not([aria-current])");
            page.keyboard().press("Enter");
            page.waitForSelector("a[aria-label='Revoke the key Keyboard CI']");
            console.tabTo("a[aria-label='Revoke the key Keyboard CI']");
            page.keyboard().press("Enter");

            // then a dialog asks, with the focus on Cancel, kept inside it, and Escape closes it back to the link
            assertThat(page.locator("#confirm-dialog").isVisible()).isTrue();
            assertThat(page.locator("#confirm-title").textContent()).isEqualTo("Revoke the key Keyboard CI?");
            assertThat(console.focusedMatches("#confirm-cancel")).isTrue();
            page.keyboard().press("Tab");
            assertThat(console.focusedMatches("#confirm-button")).isTrue();
            page.keyboard().press("Tab");
            assertThat(console.focusedMatches("#confirm-cancel"))
                    .as("Tab wraps inside the dialog")
                    .isTrue();
            page.keyboard().press("Shift+Tab");
            assertThat(console.focusedMatches("#confirm-button"))
                    .as("Shift+Tab wraps back")
                    .isTrue();
            page.keyboard().press("Escape");
            assertThat(page.locator("#confirm-dialog").isVisible()).isFalse();
            assertThat(console.focusedMatches("a[aria-label='Revoke the key Keyboard CI']"))
                    .isTrue();

            // when it opens the dialog again and confirms
            page.keyboard().press("Enter");
            page.keyboard().press("Tab");
            page.keyboard().press("Enter");
            page.waitForURL("**/console/api-keys?done=revoked");

            // then the key is revoked and refused
            assertThat(page.locator("[role=status]").first().textContent()).contains("The key was revoked");
            assertThat(api.get("/v1/permissions", secret).status()).isEqualTo(401);
            console.assertNoErrors();
        }
    }

    @Test
    void aFailedWebhookDeliveryIsRedeliveredWithTheKeyboardAlone() {
        // given an endpoint whose receiver answered 500 until the delivery failed, and is now fixed
        Tenant tenant = fixtures.tenant("business");
        String email = Fixtures.uniqueEmail("hooks");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        try (Receiver receiver = new Receiver();
                ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, 1280)) {
            String endpoint = api.post(
                            "/v1/webhook-endpoints",
                            tenant.adminKey(),
                            Map.of("url", receiver.url(), "events", List.of("user.created")))
                    .json()
                    .get("endpoint")
                    .get("id")
                    .asString();
            fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("hooked"));
            String failed = "/console/webhooks/" + endpoint + "?status=failed";
            Page page = console.page();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                page.navigate(failed);
                return page.locator("td:text-is('failed')").count() == 1;
            });
            String button = "button[id^='redeliver-']";
            String delivery = page.locator(button).getAttribute("id").substring("redeliver-".length());
            receiver.answer(204);

            // when the admin tabs to Redeliver and presses Enter
            console.tabTo(button);
            page.keyboard().press("Enter");

            // then htmx swaps the row in place, the focus stays on its button, and the delivery gets through
            page.waitForSelector("#delivery-" + delivery + " .hint");
            assertThat(page.locator("#delivery-" + delivery).textContent()).contains("Queued again");
            assertThat(console.focusedMatches("#redeliver-" + delivery)).isTrue();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> api.get("/v1/webhook-deliveries?status=delivered", tenant.adminKey())
                            .text()
                            .contains(delivery));
            console.assertNoErrors();
        }
    }
}
