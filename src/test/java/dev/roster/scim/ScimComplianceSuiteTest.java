package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs SAP's SCIM 2.0 compliance suite (com.sap.scimono:scimono-compliance-tests 0.0.24 from Maven Central, which
 * Roster did not write) against a Roster node on loopback, with a SCIM token as the Basic password, and writes
 * the suite's own counts to target/scimono/run/summary.txt.
 */
@RosterTest
class ScimComplianceSuiteTest extends ApiTestBase {

    private static final Path JAR = Path.of("target/scimono/scimono-compliance-tests.jar");
    private static final Pattern SUITE = Pattern.compile("<testsuite[^>]*?tests=\"(\\d+)\"[^>]*?>", Pattern.DOTALL);

    @Autowired
    private DatabaseServer database;

    /**
     * The suite checks that meta.location is the address it called, so it runs against a second node on this
     * database whose public URL is its own loopback address (the test server's is a name that resolves nowhere).
     */
    @Test
    void sapsScimComplianceSuiteRunsAgainstRosterWithBasicAuth() throws Exception {
        assertThat(JAR)
                .as("copied by maven-dependency-plugin at generate-test-resources")
                .exists();
        Tenant tenant = fixtures.tenant("enterprise");
        String token = Scim.token(api, tenant.adminKey());
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (ConfigurableApplicationContext node =
                SecondNode.start(database, "--server.port=" + port, "--roster.public-url=http://127.0.0.1:" + port)) {
            run(port, token);
        }
    }

    private void run(int port, String token) throws Exception {
        Path run = Path.of("target/scimono/run");
        Files.createDirectories(run);
        try (Stream<Path> old = Files.list(run)) {
            old.forEach(file -> file.toFile().delete());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process suite = new ProcessBuilder(
                        java,
                        // Its Jersey client sends PATCH by reflection into HttpURLConnection.
                        "--add-opens=java.base/java.net=ALL-UNNAMED",
                        "--add-opens=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                        "--add-opens=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "scim.service.url=http://127.0.0.1:" + port + "/scim/v2",
                        "auth.type=Basic",
                        "basic.auth.user=scimono",
                        "basic.auth.password=" + token)
                .directory(run.toFile())
                .redirectErrorStream(true)
                .redirectOutput(run.resolve("output.txt").toFile())
                .start();
        assertThat(suite.waitFor(15, TimeUnit.MINUTES)).as("the suite finishes").isTrue();

        Counts counts = counts(run);
        String summary = "scimono-compliance-tests 0.0.24: tests=" + counts.tests + " failures=" + counts.failures
                + " errors=" + counts.errors + " skipped=" + counts.skipped + " passed="
                + (counts.tests - counts.failures - counts.errors - counts.skipped) + "\n"
                + String.join("\n", counts.failed)
                + "\n";
        Files.writeString(run.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        System.out.println(summary);

        assertThat(counts.tests).as(summary).isGreaterThan(50);
    }

    private record Counts(int tests, int failures, int errors, int skipped, List<String> failed) {}

    private static Counts counts(Path run) throws IOException {
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        List<String> failed = new ArrayList<>();
        File[] reports = run.toFile().listFiles((dir, name) -> name.endsWith(".xml"));
        for (File report : reports == null ? new File[0] : reports) {
            String xml = Files.readString(report.toPath(), StandardCharsets.UTF_8);
            Matcher suite = SUITE.matcher(xml);
            while (suite.find()) {
                String head = suite.group();
                tests += attribute(head, "tests");
                failures += attribute(head, "failures");
                errors += attribute(head, "errors");
                skipped += attribute(head, "skipped");
            }
            Matcher testcase = Pattern.compile(
                            "<testcase[^>]*?name=\"([^\"]*)\"[^>]*?classname=\"([^\"]*)\"[^>]*?>\\s*<(failure|error)",
                            Pattern.DOTALL)
                    .matcher(xml);
            while (testcase.find()) {
                failed.add(testcase.group(3) + " " + testcase.group(2) + "." + testcase.group(1));
            }
        }
        return new Counts(tests, failures, errors, skipped, failed);
    }

    private static int attribute(String head, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"(\\d+)\"").matcher(head);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
