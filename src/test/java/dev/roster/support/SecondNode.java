package dev.roster.support;

import dev.roster.RosterApplication;
import dev.roster.shared.database.DatabaseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return start(database.jdbcUrl(), database, settings);
    }

    /** Starts a node that reaches the test database at {@code jdbcUrl} (through a {@link TcpProxy}, say). */
    public static ConfigurableApplicationContext start(String jdbcUrl, DatabaseServer database, String... settings) {
        return new SpringApplicationBuilder(RosterApplication.class).run(arguments(jdbcUrl, database, settings));
    }

    /**
     * The command-line arguments of a node on the test database: the defaults with the test's settings in their
     * place, for {@link #start} or for a node in a process of its own.
     */
    public static String[] arguments(String jdbcUrl, DatabaseServer database, String... settings) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String setting : List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--roster.database.url=" + jdbcUrl,
                "--roster.database.username=postgres",
                "--roster.database.password=" + database.password(),
                "--roster.master-key=" + masterKey(),
                "--roster.bootstrap-key=" + Api.PLATFORM_KEY,
                "--roster.data-dir=target/test-data",
                "--roster.smtp.host=127.0.0.1",
                "--roster.smtp.port=" + MailServer.PORT,
                "--roster.smtp.starttls=false",
                "--spring.jmx.enabled=false")) {
            put(args, setting);
        }
        for (String setting : settings) {
            put(args, setting);
        }
        return args.values().toArray(String[]::new);
    }

    /** A test's setting replaces the default of the same name: a name given twice would be read as a list. */
    private static void put(Map<String, String> args, String setting) {
        int equals = setting.indexOf('=');
        args.put(equals < 0 ? setting : setting.substring(0, equals), setting);
    }

    /** A client of the node. */
    public static Api api(ConfigurableApplicationContext node) {
        return new Api(port(node));
    }

    /** The node's API port on 127.0.0.1. */
    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** A client of the node's management port (health, metrics). */
    public static Api management(ConfigurableApplicationContext node) {
        return new Api(node.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
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
