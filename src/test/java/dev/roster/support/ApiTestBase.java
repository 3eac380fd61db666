package dev.roster.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The common start of an API test: a client on the server's port and the fixture factory. */
public abstract class ApiTestBase {

    static {
        MailServer.ensureStarted();
    }

    @LocalServerPort
    private int port;

    protected Api api;
    protected Fixtures fixtures;

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }
}
