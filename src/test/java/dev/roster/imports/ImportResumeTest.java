package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.OwnDatabase;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import dev.roster.support.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;

/**
 * An import survives its node: rows another node claimed and never finished are taken up once the claim runs out,
 * and no row is done twice, even when its claim ran out while its node was still at work on it.
 */
@RosterTest
class ImportResumeTest extends ApiTestBase {

    private static final Duration LONG = Duration.ofMinutes(3);

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseServer database;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcImportRepository importRepository;

    @Autowired
    JdbcImportRowRepository rowRepository;

    @Autowired
    ImportRowProcessor processor;

    @Autowired
    ImportProperties properties;

    @Test
    void rowsWhoseClaimRanOutWhileTheirWorkerWasBusyAreDoneOnce() throws Exception {
        // given an import whose worker is stuck in its first row, holding the claims of the next ones
        String organization = fixtures.organization("enterprise");
        String key = fixtures.key(organization, "admin");
        Imports imports = new Imports(api);
        List<String> emails = emails("claim", 40);
        String id;
        try (EmailLock lock = new EmailLock(dataSource, emails.get(0))) {
            id = imports.start(key, "sendInvitation=false", Imports.csv("email", emails));
            lock.awaitWaiting(1);
            assertThat(claimed(id)).isGreaterThan(1);

            // when those claims run out and a second worker takes the rows up while the first is still busy
            jdbc.sql("UPDATE import_rows SET locked_until = now() - interval '1 second'"
                            + " WHERE import_id = :id AND row_number > 2")
                    .param("id", UUID.fromString(id))
                    .update();
            new ImportWorker(importRepository, rowRepository, processor, properties).pass();
            assertThat(count(id, "created")).isEqualTo(39);
        }

        // then the first worker finishes its row, finds the others done, and the import completes: each row once
        JsonNode done = imports.await(key, id, LONG, "completed", "failed");
        assertThat(done.path("counts").path("created").asInt())
                .as(done.toString())
                .isEqualTo(40);
        assertThat(done.path("counts").path("alreadyMember").asInt()).isZero();
        assertThat(done.path("counts").path("failed").asInt()).isZero();
        assertThat(imports.rows(key, id, null))
                .extracting(row -> row.path("userId").asString())
                .doesNotHaveDuplicates()
                .hasSize(40);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE organization_id = :org")
                        .param("org", UUID.fromString(organization))
                        .query(Long.class)
                        .single())
                .isEqualTo(40);
    }

    @Test
    void aNodeThatDiesMidImportLeavesItsRowsToAnotherNode() throws Exception {
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (OwnDatabase own = new OwnDatabase(database, jdbc);
                TcpProxy relay = TcpProxy.to(target.getHost(), target.getPort())) {
            // given a node, reaching its database through a relay, that works on an import of 300 rows in
            // claims of 10 for 15 seconds, and is held in the middle of row 51
            String proxied =
                    own.jdbcUrl().replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + relay.port());
            ConfigurableApplicationContext dying = SecondNode.start(
                    proxied,
                    database,
                    "--roster.imports.claim-lease=PT15S",
                    "--roster.imports.batch-size=10",
                    "--roster.imports.poll-interval=PT0.2S");
            Api first = SecondNode.api(dying);
            String organization = first.post(
                            "/v1/organizations", Api.PLATFORM_KEY, Map.of("name", "Resumed", "plan", "enterprise"))
                    .field("id");
            String key = first.post(
                            "/v1/organizations/" + organization + "/api-keys",
                            Api.PLATFORM_KEY,
                            Map.of("name", "importer", "role", "admin"))
                    .field("key");
            List<String> emails = emails("resume", 300);
            SimpleDriverDataSource ownData = new SimpleDriverDataSource(
                    new org.postgresql.Driver(), own.jdbcUrl(), "postgres", database.password());
            String id;
            try (EmailLock lock = new EmailLock(ownData, emails.get(50))) {
                id = new Imports(first).start(key, "sendInvitation=false", Imports.csv("email", emails));
                lock.awaitWaiting(1);

                // when the node dies: its database connections drop, and it goes without giving anything back
                relay.cut();
                assertThat(own.jdbc()
                                .sql(
                                        "SELECT count(*) FROM import_rows WHERE outcome = 'pending' AND locked_until > now()")
                                .query(Long.class)
                                .single())
                        .as("rows the dead node holds")
                        .isEqualTo(10);
                dying.close();
            }
            JdbcClient ownJdbc = own.jdbc();

            // then another node, started later, takes up every row, those the dead node held once their claims run out
            try (ConfigurableApplicationContext next =
                    SecondNode.start(own.jdbcUrl(), database, "--roster.imports.poll-interval=PT0.2S")) {
                Imports second = new Imports(SecondNode.api(next));
                JsonNode done = second.await(key, id, LONG, "completed", "failed");
                assertThat(done.path("counts").path("created").asInt())
                        .as(done.toString())
                        .isEqualTo(300);
                assertThat(done.path("counts").path("alreadyMember").asInt()).isZero();
                assertThat(second.rows(key, id, null))
                        .extracting(row -> row.path("userId").asString())
                        .doesNotHaveDuplicates()
                        .hasSize(300);
            }
            assertThat(ownJdbc.sql("SELECT count(*) FROM users")
                            .query(Long.class)
                            .single())
                    .isEqualTo(300);
            assertThat(ownJdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.created'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(300);
            assertThat(ownJdbc.sql("SELECT attempts FROM import_rows WHERE row_number = 52")
                            .query(Integer.class)
                            .single())
                    .as("row 51 was claimed by the dead node and again by the next")
                    .isEqualTo(2);
        }
    }

    private static List<String> emails(String name, int count) {
        String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        return IntStream.range(0, count)
                .mapToObj(i -> prefix + i + "@example.com")
                .toList();
    }

    private long claimed(String id) {
        return jdbc.sql("SELECT count(*) FROM import_rows WHERE import_id = :id AND locked_until > now()")
                .param("id", UUID.fromString(id))
                .query(Long.class)
                .single();
    }

    private long count(String id, String outcome) {
        return jdbc.sql("SELECT count(*) FROM import_rows WHERE import_id = :id AND outcome = :outcome")
                .param("id", UUID.fromString(id))
                .param("outcome", outcome)
                .query(Long.class)
                .single();
    }
}
