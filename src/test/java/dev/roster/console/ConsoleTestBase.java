package dev.roster.console;

import dev.roster.support.ApiTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The start of a console test: the API client and fixtures, and browsers for the pages. */
abstract class ConsoleTestBase extends ApiTestBase {

    @LocalServerPort
    private int port;

    protected ConsoleBrowsers browsers;

    @BeforeEach
    void openBrowsers() {
        browsers = new ConsoleBrowsers(port, fixtures);
    }
}
