package dev.roster.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.shared.database.DatabaseServer;
import dev.roster.support.ApiTestBase;
import dev.roster.support.MailServer;
import dev.roster.support.OwnDatabase;
import dev.roster.support.RosterTest;
import dev.roster.support.SecondNode;
import dev.roster.support.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that shuts down gives back the mail it claimed and had not started, so that another node sends it at
 * once rather than after the claim runs out. The nodes run on a database of their own on the test server, so that
 * the test server's dispatcher cannot claim the messages first.
 */
@RosterTest
class OutboxShutdownTest extends ApiTestBase {

    @Autowired
    DatabaseServer database;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNodeShuttingDownGivesBackTheMailItClaimedAndAnotherNodeSendsItAtOnce() throws Exception {
        try (OwnDatabase own = new OwnDatabase(database, jdbc);
                SilentServer silentSmtp = new SilentServer()) {
            // given three queued messages, and a node whose SMTP server never answers, holding all three
            List<String> recipients = List.of(address("first"), address("second"), address("third"));
            ConfigurableApplicationContext stuck = SecondNode.start(
                    own.jdbcUrl(),
                    database,
                    "--roster.smtp.port=" + silentSmtp.port(),
                    "--roster.mail.poll-interval=PT0.1S");
            JdbcClient other = own.jdbc();
            other.sql("""
                            INSERT INTO outbox_messages (id, kind, recipient, subject, text_body)
                            SELECT gen_random_uuid(), 'test', r, 'Shutdown', 'Hello' FROM unnest(CAST(:to AS text[])) r
                            """).param("to", recipients.toArray(String[]::new)).update();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> other.sql("SELECT count(*) FROM outbox_messages WHERE locked_until > now()")
                                    .query(Integer.class)
                                    .single()
                            == 3);

            // when that node shuts down while it is still sending the first
            stuck.close();

            // then the two it had not started are free again, their try not counted, and the first keeps its claim
            List<Map<String, Object>> rows = other.sql(
                            "SELECT recipient, attempts, locked_until IS NOT NULL AS locked FROM outbox_messages")
                    .query()
                    .listOfRows();
            assertThat(rows).filteredOn(row -> row.get("locked").equals(true)).hasSize(1);
            assertThat(rows)
                    .filteredOn(row -> row.get("locked").equals(false))
                    .hasSize(2)
                    .allSatisfy(row -> assertThat(row.get("attempts")).isEqualTo(0));

            // and another node sends those two within seconds, not after the two-minute claim
            List<String> released = rows.stream()
                    .filter(row -> row.get("locked").equals(false))
                    .map(row -> row.get("recipient").toString())
                    .toList();
            try (ConfigurableApplicationContext next =
                    SecondNode.start(own.jdbcUrl(), database, "--roster.mail.poll-interval=PT0.1S")) {
                released.forEach(
                        recipient -> assertThat(MailServer.await(recipient, 1)).hasSize(1));
            }
        }
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@shutdown.example.com";
    }
}
