package dev.roster.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system Chromium under Playwright, headless, for browser tests: either {@link #shared()}, one browser for the
 * whole test JVM, or {@link #launch()}, one to close after the test class.
 */
public final class Chromium implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private static Chromium shared;

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("Browser tests need Chromium at " + EXECUTABLE + " (.ci/run installs it)");
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
        return new Chromium(playwright, browser);
    }

    /**
     * The test JVM's one browser, launched on first use and closed when the JVM exits; each test opens its own
     * context (cookies, storage) in it and closes that. Tests run one after another on one thread, as Playwright
     * needs.
     */
    public static synchronized Browser shared() {
        if (shared == null) {
            Chromium chromium = launch();
            Runtime.getRuntime().addShutdownHook(new Thread(chromium::close, "chromium-close"));
            shared = chromium;
        }
        return shared.browser();
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
