package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.roster.support.Accessibility;
import dev.roster.support.Chromium;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real browser (the test JVM's shared Chromium) signed in to the console as a member, in a context of its own. It
 * keeps every error the page logs (a script that failed, anything the content security policy blocked), so that a
 * test can show there was none.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final BrowserContext context;
    private final Page page;
    private final List<String> errors = new ArrayList<>();

    private ConsoleBrowser(BrowserContext context) {
        this.context = context;
        this.page = context.newPage();
        // A page's own error status (a 400 for a bad filter) is its answer; a file it loads must not fail.
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                errors.add(message.text());
            }
        });
        page.onResponse(response -> {
            if (!response.request().resourceType().equals("document") && response.status() >= 400) {
                errors.add(response.status() + " for " + response.url());
            }
        });
        page.onPageError(error -> errors.add(error));
    }

    /** A browser of this width that signed in on the hosted login with this email and password. */
    static ConsoleBrowser signedIn(int port, String email, String password, int width) {
        return signedIn(port, email, password, width, true);
    }

    /**
     * As {@link #signedIn(int, String, String, int)}, with JavaScript on or off (a page must work without it). Without
     * it nothing that runs a script in the page works: not {@link #check}, {@link #checkHere} or {@link #tabTo}.
     */
    static ConsoleBrowser signedIn(int port, String email, String password, int width, boolean javaScript) {
        Browser browser = Chromium.shared();
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://127.0.0.1:" + port)
                .setViewportSize(width, 900)
                .setJavaScriptEnabled(javaScript)
                .setExtraHTTPHeaders(Map.of(
                        "X-Forwarded-For", "2001:db8:b0e::" + Integer.toHexString(ADDRESSES.incrementAndGet()))));
        ConsoleBrowser console = new ConsoleBrowser(context);
        Page page = console.page;
        page.navigate("/login?continue=/console");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Email").press("Enter");
        page.getByLabel("Password").fill(password);
        page.getByLabel("Password").press("Enter");
        page.waitForURL("**/console/**");
        return console;
    }

    /** A browser of this width that has signed in nowhere. */
    static ConsoleBrowser anonymous(int port, int width) {
        return new ConsoleBrowser(Chromium.shared()
                .newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port)
                        .setViewportSize(width, 900)
                        .setExtraHTTPHeaders(Map.of(
                                "X-Forwarded-For",
                                "2001:db8:b0f::" + Integer.toHexString(ADDRESSES.incrementAndGet())))));
    }

    /** A browser of this width that signed in on the operator's sign-in with this platform or partner key. */
    static ConsoleBrowser operator(int port, String key, int width) {
        ConsoleBrowser console = anonymous(port, width);
        Page page = console.page;
        page.navigate("/console/operator/sign-in");
        page.getByLabel("Platform or partner key").fill(key);
        page.getByLabel("Platform or partner key").press("Enter");
        page.waitForURL("**/console/operator/organizations");
        return console;
    }

    /** A new browser with this one's cookies and an empty cache, as a member's first visit. */
    ConsoleBrowser withEmptyCache(int port) {
        BrowserContext fresh =
                Chromium.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port));
        fresh.addCookies(context.cookies());
        return new ConsoleBrowser(fresh);
    }

    /**
     * Presses Tab (as a keyboard user would, no click) until the focused element matches the CSS selector; fails
     * when 200 presses never reach it.
     */
    void tabTo(String selector) {
        for (int i = 0; i < 200; i++) {
            page.keyboard().press("Tab");
            if (focusedMatches(selector)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector + " on " + page.url());
    }

    /** Whether the focused element matches the CSS selector. */
    boolean focusedMatches(String selector) {
        return (Boolean) page.evaluate(
                "selector => document.activeElement !== null && document.activeElement.matches(selector)", selector);
    }

    Page page() {
        return page;
    }

    /**
     * Opens the path and checks the page as it is then: no axe-core violation, and no sideways scroll at this
     * browser's width.
     */
    void check(String path, String state) {
        page.navigate(path);
        checkHere(state);
    }

    /** Checks the page as it is now (after a form was sent, a dialog opened), as {@link #check} does. */
    void checkHere(String state) {
        Accessibility.assertAccessible(page, state);
        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue())
                .as(state + ": sideways scroll")
                .isLessThanOrEqualTo(0);
    }

    /** Fails when the page logged an error: a blocked script, style or request, or a script that threw. */
    void assertNoErrors() {
        assertThat(errors).as("errors the console's pages logged").isEmpty();
    }

    @Override
    public void close() {
        context.close();
    }
}
