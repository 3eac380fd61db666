package dev.roster.mail;

import dev.roster.shared.operations.QueueGauges;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcOutboxRepository {

    private final JdbcClient jdbc;

    JdbcOutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Mail mail) {
        jdbc.sql("""
                        INSERT INTO outbox_messages (id, organization_id, kind, recipient, subject, text_body, html_body)
                        VALUES (:id, :org, :kind, :recipient, :subject, :text, :html)
                        """)
                .param("id", id)
                .param(
                        "org",
                        mail.organizationId() == null
                                ? null
                                : mail.organizationId().value())
                .param("kind", mail.kind())
                .param("recipient", mail.recipient())
                .param("subject", mail.subject())
                .param("text", mail.textBody())
                .param("html", mail.htmlBody())
                .update();
    }

    /**
     * Claims up to {@code limit} due messages for {@code lease}, in one statement: rows another node holds are
     * skipped, and a claim whose node dies runs out so that another node sends the message.
     */
    List<OutboxMessage> claim(int limit, Duration lease) {
        return jdbc.sql("""
                        UPDATE outbox_messages SET attempts = attempts + 1,
                            locked_until = now() + make_interval(secs => :leaseSeconds)
                        WHERE id IN (SELECT id FROM outbox_messages
                                     WHERE status = 'pending' AND next_attempt_at <= now()
                                       AND (locked_until IS NULL OR locked_until < now())
                                     ORDER BY next_attempt_at
                                     LIMIT :limit
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING id, recipient, subject, text_body, html_body, attempts
                        """)
                .param("leaseSeconds", lease.toSeconds())
                .param("limit", limit)
                .query((rs, row) -> new OutboxMessage(
                        rs.getObject("id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("text_body"),
                        rs.getString("html_body"),
                        rs.getInt("attempts")))
                .list();
    }

    /**
     * Gives back claims this node will not use (it is shutting down): the messages are due again at once for any
     * node, and the claim's try is not counted.
     */
    void release(List<UUID> ids) {
        jdbc.sql("""
                        UPDATE outbox_messages SET locked_until = NULL, attempts = greatest(attempts - 1, 0)
                        WHERE id = ANY(:ids) AND status = 'pending'
                        """).param("ids", ids.toArray(UUID[]::new)).update();
    }

    /** How many messages wait to be sent, and how long the oldest has waited. */
    QueueGauges.Snapshot queue() {
        return jdbc.sql("""
                        SELECT count(*) AS depth,
                            coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age
                        FROM outbox_messages WHERE status = 'pending'
                        """)
                .query((rs, row) -> new QueueGauges.Snapshot(rs.getLong("depth"), rs.getDouble("age")))
                .single();
    }

    /** Marks a message sent and drops its bodies: links and passwords in them must not outlive their delivery. */
    void markSent(UUID id) {
        jdbc.sql("""
                        UPDATE outbox_messages SET status = 'sent', sent_at = now(), locked_until = NULL,
                            text_body = NULL, html_body = NULL, last_error = NULL
                        WHERE id = :id
                        """).param("id", id).update();
    }

    void retryLater(UUID id, Duration delay, String error) {
        jdbc.sql("""
                        UPDATE outbox_messages SET locked_until = NULL, last_error = :error,
                            next_attempt_at = now() + make_interval(secs => :delaySeconds)
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("delaySeconds", (double) delay.toMillis() / 1000)
                .param("error", error)
                .update();
    }

    void markDead(UUID id, String error) {
        jdbc.sql("""
                        UPDATE outbox_messages SET status = 'dead', locked_until = NULL, last_error = :error,
                            text_body = NULL, html_body = NULL
                        WHERE id = :id
                        """).param("id", id).param("error", error).update();
    }

    /**
     * Messages of one kind queued for an organization since {@code window} ago, counted up to {@code cap}: a
     * limit check never reads more rows than its limit.
     */
    int countRecentForOrganization(java.util.UUID organizationId, String kind, Duration window, int cap) {
        return jdbc.sql("""
                        SELECT count(*) FROM (SELECT 1 FROM outbox_messages
                                              WHERE organization_id = :org AND kind = :kind
                                                AND created_at > now() - make_interval(secs => :windowSeconds)
                                              LIMIT :cap) recent
                        """)
                .param("org", organizationId)
                .param("kind", kind)
                .param("windowSeconds", window.toSeconds())
                .param("cap", cap)
                .query(Integer.class)
                .single();
    }

    /** Messages of one kind an organization queued for a recipient since {@code window} ago. */
    int countRecent(java.util.UUID organizationId, String kind, String recipient, Duration window, int cap) {
        return jdbc.sql("""
                        SELECT count(*) FROM (SELECT 1 FROM outbox_messages
                                              WHERE kind = :kind AND recipient = :recipient AND organization_id = :org
                                                AND created_at > now() - make_interval(secs => :windowSeconds)
                                              LIMIT :cap) recent
                        """)
                .param("org", organizationId)
                .param("kind", kind)
                .param("recipient", recipient)
                .param("windowSeconds", window.toSeconds())
                .param("cap", cap)
                .query(Integer.class)
                .single();
    }
}
