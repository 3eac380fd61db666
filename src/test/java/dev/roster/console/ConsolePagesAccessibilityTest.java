package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.roster.support.Api;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's organization pages beyond members (roles, environments, groups, positions, API keys, webhooks, the
 * audit log, settings, domains, single sign-on, SCIM tokens) and the operator's pages, in each state (a list, an
 * empty list, a refusal or field error, an open dialog, a secret shown once) at 1280 and 320 px: no axe-core
 * violation of WCAG 2.2 A/AA, nothing the content security policy blocked, no sideways scroll.
 */
@RosterTest
class ConsolePagesAccessibilityTest extends ConsoleTestBase {

    @LocalServerPort
    int port;

    @Test
    void everyOrganizationPageAndStateHasNoAccessibilityViolation() {
        // given an admin, a custom role, a group, a domain and a webhook endpoint with a delivery
        Tenant tenant = fixtures.tenant("enterprise");
        String email = Fixtures.uniqueEmail("axe-pages");
        fixtures.member(tenant.adminKey(), email, "admin", ConsoleBrowsers.PASSWORD);
        String role = api.post(
                        "/v1/roles",
                        tenant.adminKey(),
                        Map.of("name", "Support " + UUID.randomUUID(), "permissions", List.of("users:read")))
                .field("id");
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Engineering", "type", "Department"))
                .field("id");
        api.post(
                "/v1/domains",
                tenant.adminKey(),
                Map.of("name", "axe-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org"));
        String endpoint = api.post(
                        "/v1/webhook-endpoints",
                        tenant.adminKey(),
                        Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("user.created")))
                .json()
                .get("endpoint")
                .get("id")
                .asString();
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("axe-hooked"));

        for (int width : new int[] {1280, 320}) {
            try (ConsoleBrowser console = ConsoleBrowser.signedIn(port, email, ConsoleBrowsers.PASSWORD, width)) {
                Page page = console.page();
                String at = " at " + width + " px";
                console.check("/console/roles", "roles" + at);
                console.check("/console/roles/" + role, "custom role" + at);
                openDialog(console, "a[data-confirm]", "role's delete dialog" + at);
                console.check("/console/roles/new", "new role form" + at);
                page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
                        .fill("admin");
                page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
                        .press("Enter");
                page.waitForSelector("[role=alert]");
                console.checkHere("role refused" + at);
                console.check("/console/environments", "no environment" + at);
                console.check("/console/groups", "groups" + at);
                console.check("/console/groups/" + group, "group" + at);
                console.check("/console/positions", "no position" + at);
                console.check("/console/api-keys", "API keys" + at);
                openDialog(console, "a[data-confirm]", "key's revoke dialog" + at);
                console.check("/console/api-keys/" + UUID.randomUUID() + "/revoke", "revoke question page" + at);
                page.navigate("/console/api-keys");
                page.locator("#name").fill("axe " + width);
                page.locator("#name").press("Enter");
                page.waitForSelector("#secret");
                console.checkHere("API key shown once" + at);
                console.check("/console/webhooks", "webhooks" + at);
                console.check("/console/webhooks/new", "new webhook form" + at);
                console.check("/console/webhooks/" + endpoint, "endpoint and deliveries" + at);
                openDialog(console, "a[data-confirm]", "endpoint's delete dialog" + at);
                page.navigate("/console/webhooks/new");
                page.locator("#url").fill("http://127.0.0.1:9/other");
                page.locator("#events-all").check();
                page.locator("#url").press("Enter");
                page.waitForSelector("#secret");
                console.checkHere("webhook secret shown once" + at);
                console.check("/console/audit", "audit log" + at);
                page.evaluate("window.sameDocument = true");
                page.locator("#action").fill("group.created");
                page.locator("#action").press("Enter");
                page.waitForURL("**action=group.created**");
                page.waitForSelector("#audit-results:has-text('1 events on this page.')");
                assertThat(page.evaluate("window.sameDocument === true"))
                        .as("no page load")
                        .isEqualTo(true);
                assertThat(page.locator("#audit-results").count()).isEqualTo(1);
                console.checkHere("audit log filtered in place by htmx" + at);
                console.check("/console/audit?from=yesterday", "audit filter error" + at);
                console.check("/console/audit?action=nothing.happened", "no audit event" + at);
                console.check("/console/settings", "settings" + at);
                page.locator("#logoUrl").fill("http://example.com/logo.png");
                page.locator("#logoUrl").press("Enter");
                page.waitForSelector("[role=alert]");
                console.checkHere("settings field error" + at);
                console.check("/console/domains", "domains" + at);
                console.check("/console/sso", "single sign-on" + at);
                page.locator("#name").fill("Okta " + width);
                page.locator("#issuer").fill("http://idp.example.com");
                page.locator("#name").press("Enter");
                page.waitForSelector("#issuer-error:not(:empty)");
                console.checkHere("SSO provider field error" + at);
                page.locator("#issuer").fill("https://idp.example.com");
                page.locator("#clientSecret").fill("axe-secret");
                page.getByLabel("Group of row 1").fill("auditors");
                page.getByLabel("Role of row 1").selectOption(new SelectOption().setIndex(1));
                page.locator("#name").press("Enter");
                page.waitForSelector("text=The provider was added.");
                console.checkHere("SSO providers" + at);
                openDialog(console, "a[data-confirm]", "SSO provider's remove dialog" + at);
                page.locator("a:text-is('Edit')").first().click();
                page.waitForSelector("#edit-heading");
                console.checkHere("SSO provider's edit form" + at);
                console.check("/console/scim-tokens", "no SCIM token" + at);
                page.locator("#name").fill("Okta");
                page.locator("#name").press("Enter");
                page.waitForSelector("#secret");
                console.checkHere("SCIM token shown once" + at);
                console.assertNoErrors();
            }
        }
    }

    @Test
    void everyOperatorPageAndStateHasNoAccessibilityViolation() {
        String org = fixtures.organization("starter");
        for (int width : new int[] {1280, 320}) {
            String at = " at " + width + " px";
            try (ConsoleBrowser anonymous = ConsoleBrowser.anonymous(port, width)) {
                Page page = anonymous.page();
                anonymous.check("/console/operator/sign-in", "operator sign-in" + at);
                page.getByLabel("Platform or partner key").fill("roster_platform_wrong");
                page.getByLabel("Platform or partner key").press("Enter");
                page.waitForSelector("[role=alert]");
                anonymous.checkHere("operator sign-in refused" + at);
            }
            try (ConsoleBrowser console = ConsoleBrowser.operator(port, Api.PLATFORM_KEY, width)) {
                console.check("/console/operator/organizations", "organizations" + at);
                console.check("/console/operator/organizations/" + org, "organization" + at);
                openDialog(console, "a[data-confirm]", "organization's delete dialog" + at);
                console.check("/console/operator/partner-keys", "partner keys" + at);
                console.check("/console/operator/platform-keys", "platform keys" + at);
                console.assertNoErrors();
            }
        }
    }

    /** Opens the first confirmation dialog of the page with the keyboard and checks the page with it open. */
    private static void openDialog(ConsoleBrowser console, String link, String state) {
        console.tabTo(link);
        console.page().keyboard().press("Enter");
        console.page().waitForSelector("#confirm-dialog[open]");
        console.checkHere(state);
        console.page().keyboard().press("Escape");
    }
}
