package dev.roster.support;

import dev.roster.RosterApplication;
import dev.roster.shared.database.DatabaseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another Roster process on the test server's database, as a second node behind a load balancer would be, with
 * the defaults an operator gets plus the settings a test gives. It shares the first node's master key.
 */
public final class SecondNode {

    private SecondNode() {}

    /** Starts a node; close it when the test is done. */
    public static ConfigurableApplicationContext start(DatabaseServer database, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--roster.database.url=" + database.jdbcUrl(),
                "--roster.database.username=postgres",
                "--roster.database.password=" + database.password(),
                "--roster.master-key=" + masterKey(),
                "--roster.bootstrap-key=" + Api.PLATFORM_KEY,
                "--roster.data-dir=target/test-data",
                "--roster.smtp.host=127.0.0.1",
                "--roster.smtp.port=" + MailServer.PORT,
                "--roster.smtp.starttls=false",
                "--spring.jmx.enabled=false"));
        for (String setting : settings) {
            // A setting the test gives replaces the default of the same name (a fixed port instead of any).
            args.removeIf(arg -> arg.startsWith(setting.substring(0, setting.indexOf('=') + 1)));
            args.add(setting);
        }
        return new SpringApplicationBuilder(RosterApplication.class).run(args.toArray(String[]::new));
    }

    /** A client of the node. */
    public static Api api(ConfigurableApplicationContext node) {
        return new Api(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    /** The master key the test server generated under its data directory. */
    private static String masterKey() {
        try {
            return Files.readString(Path.of("target/test-data/master-key")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
