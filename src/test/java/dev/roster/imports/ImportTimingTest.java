package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * How long a 10,000-row import takes without invitations, for docs/performance.md: from the POST to the completed
 * import, through the real server and database of the test JVM. It takes minutes, so it runs only when asked:
 * {@code ./mvnw test -Dtest=ImportTimingTest -Droster.test.import-timing=true}. It prints its figures and fails if
 * the import does not create every row.
 */
@RosterTest
@EnabledIfSystemProperty(named = "roster.test.import-timing", matches = "true")
class ImportTimingTest extends ApiTestBase {

    private static final int ROWS = 10_000;

    @Test
    void tenThousandRowsWithoutInvitations() {
        measure("names only", false);
    }

    @Test
    void tenThousandRowsWithoutInvitationsEachWithAManager() {
        measure("names and a manager", true);
    }

    private void measure(String what, boolean managers) {
        String organization = fixtures.organization("enterprise");
        String key = fixtures.key(organization, "admin");
        String prefix = "timing-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> lines = IntStream.range(0, ROWS)
                .mapToObj(i -> prefix + i + "@example.com,Person,Number " + i + ","
                        + (managers && i > 0 ? prefix + (i - 1) / 10 + "@example.com" : ""))
                .toList();
        String csv = Imports.csv("email,firstName,lastName,managerEmail", lines);
        Imports imports = new Imports(api);

        long checking = System.nanoTime();
        Api.Response check = imports.post(key, "dryRun=true", csv);
        Duration dryRun = Duration.ofNanos(System.nanoTime() - checking);
        assertThat(check.json().path("valid").asInt()).isEqualTo(ROWS);

        long started = System.nanoTime();
        String id = imports.start(key, "sendInvitation=false", csv);
        Duration accepted = Duration.ofNanos(System.nanoTime() - started);
        JsonNode done = imports.await(key, id, Duration.ofMinutes(30), "completed", "failed", "cancelled");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(done.path("counts").path("created").asInt())
                .as(done.toString())
                .isEqualTo(ROWS);
        assertThat(done.path("counts").path("managersLinked").asInt()).isEqualTo(managers ? ROWS - 1 : 0);
        System.out.printf(
                "IMPORT TIMING %s: %,d rows (%,d bytes); dry run %d ms; 202 after %d ms; completed after %.1f s"
                        + " (%.0f rows/s)%n",
                what,
                ROWS,
                csv.length(),
                dryRun.toMillis(),
                accepted.toMillis(),
                took.toMillis() / 1000.0,
                ROWS * 1000.0 / took.toMillis());
    }
}
