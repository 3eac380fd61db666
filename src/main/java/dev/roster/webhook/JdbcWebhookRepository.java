package dev.roster.webhook;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import dev.roster.shared.operations.QueueGauges;
import dev.roster.shared.secret.SealedColumn;
import dev.roster.shared.secret.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook endpoints and deliveries. Signing secrets are stored sealed under the master key. */
@Repository
class JdbcWebhookRepository {

    private static final String ENDPOINT =
            "id, organization_id, url, events, enabled, created_at, created_by, updated_at, updated_by";
    private static final String DELIVERY = "id, endpoint_id, event_id, event_type, status, attempts, last_status_code,"
            + " last_error, next_attempt_at, created_at, delivered_at";

    /** A claimed delivery with what it takes to send it. */
    record Due(UUID id, String url, String secret, UUID eventId, String payload, int attempts) {}

    private final JdbcClient jdbc;
    private final SecretBox box;

    JdbcWebhookRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    @Bean
    static SealedColumn sealedWebhookSecrets() {
        return new SealedColumn("webhook_endpoints", "secret");
    }

    WebhookEndpoint insertEndpoint(
            UUID id,
            OrganizationId org,
            String url,
            List<String> events,
            boolean enabled,
            String secret,
            String actor) {
        return jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, organization_id, url, events, enabled, secret, created_by,
                            updated_by)
                        VALUES (:id, :org, :url, :events, :enabled, :secret, :actor, :actor)
                        RETURNING %s
                        """.formatted(ENDPOINT))
                .param("id", id)
                .param("org", org.value())
                .param("url", url)
                .param("events", events.toArray(String[]::new))
                .param("enabled", enabled)
                .param("secret", box.seal(secret))
                .param("actor", actor)
                .query(JdbcWebhookRepository::endpoint)
                .single();
    }

    WebhookEndpoint updateEndpoint(
            OrganizationId org, UUID id, String url, List<String> events, boolean enabled, String actor) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET url = :url, events = :events, enabled = :enabled,
                            updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(ENDPOINT))
                .param("org", org.value())
                .param("id", id)
                .param("url", url)
                .param("events", events.toArray(String[]::new))
                .param("enabled", enabled)
                .param("actor", actor)
                .query(JdbcWebhookRepository::endpoint)
                .single();
    }

    void rotateSecret(OrganizationId org, UUID id, String secret, String actor) {
        jdbc.sql("""
                        UPDATE webhook_endpoints SET secret = :secret, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        """)
                .param("org", org.value())
                .param("id", id)
                .param("secret", box.seal(secret))
                .param("actor", actor)
                .update();
    }

    Optional<WebhookEndpoint> findEndpoint(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + ENDPOINT + " FROM webhook_endpoints WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcWebhookRepository::endpoint)
                .optional();
    }

    List<WebhookEndpoint> endpoints(OrganizationId org, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        String sql = "SELECT " + ENDPOINT + " FROM webhook_endpoints WHERE organization_id = :org"
                + Keyset.after("created_at", after, fetch, params);
        return jdbc.sql(sql)
                .params(params)
                .query(JdbcWebhookRepository::endpoint)
                .list();
    }

    /** The organization's enabled endpoints. */
    List<WebhookEndpoint> enabledEndpoints(OrganizationId org) {
        return jdbc.sql("SELECT " + ENDPOINT + " FROM webhook_endpoints WHERE organization_id = :org AND enabled")
                .param("org", org.value())
                .query(JdbcWebhookRepository::endpoint)
                .list();
    }

    void deleteEndpoint(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM webhook_endpoints WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    /**
     * Queues a delivery to an endpoint that is still there and enabled (a list of endpoints read a moment ago may
     * name one just deleted or disabled: that one gets nothing, rather than failing the change).
     */
    void insertDelivery(
            UUID id, OrganizationId org, UUID endpoint, UUID event, String type, String orderingKey, String payload) {
        jdbc.sql("""
                        INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, event_type,
                            ordering_key, payload)
                        SELECT :id, :org, e.id, :event, :type, :orderingKey, :payload FROM webhook_endpoints e
                        WHERE e.id = :endpoint AND e.organization_id = :org AND e.enabled
                        FOR KEY SHARE
                        """)
                .param("id", id)
                .param("org", org.value())
                .param("endpoint", endpoint)
                .param("event", event)
                .param("type", type)
                .param("orderingKey", orderingKey)
                .param("payload", payload)
                .update();
    }

    /**
     * Claims due deliveries that are each the oldest pending one of their object at their endpoint, so that one
     * object's events arrive in the order they happened; rows other nodes hold are skipped.
     */
    List<Due> claim(int limit, Duration lease) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries d SET attempts = d.attempts + 1,
                            locked_until = now() + make_interval(secs => :lease)
                        FROM webhook_endpoints e
                        WHERE e.id = d.endpoint_id AND d.id IN (
                            SELECT c.id FROM webhook_deliveries c
                            WHERE c.status = 'pending' AND c.next_attempt_at <= now()
                              AND (c.locked_until IS NULL OR c.locked_until < now())
                              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                                              WHERE p.endpoint_id = c.endpoint_id AND p.ordering_key = c.ordering_key
                                                AND p.status = 'pending' AND p.sequence < c.sequence)
                            ORDER BY c.sequence
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, e.url, e.secret, d.event_id, d.payload, d.attempts
                        """)
                .param("lease", lease.toSeconds())
                .param("limit", limit)
                .query((rs, row) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getString("url"),
                        box.open(rs.getString("secret")),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("payload"),
                        rs.getInt("attempts")))
                .list();
    }

    /**
     * Gives back claims this node will not use (it is shutting down): the deliveries are due again at once for any
     * node, and the claim's try is not counted.
     */
    void release(List<UUID> ids) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET locked_until = NULL, attempts = greatest(attempts - 1, 0)
                        WHERE id = ANY(:ids) AND status = 'pending'
                        """).param("ids", ids.toArray(UUID[]::new)).update();
    }

    /** How many deliveries wait to be sent, and how long the oldest has waited. */
    QueueGauges.Snapshot queue() {
        return jdbc.sql("""
                        SELECT count(*) AS depth,
                            coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age
                        FROM webhook_deliveries WHERE status = 'pending'
                        """)
                .query((rs, row) -> new QueueGauges.Snapshot(rs.getLong("depth"), rs.getDouble("age")))
                .single();
    }

    void delivered(UUID id, int statusCode) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), locked_until = NULL,
                            last_status_code = :code, last_error = NULL
                        WHERE id = :id
                        """).param("id", id).param("code", statusCode).update();
    }

    void failedAttempt(UUID id, Integer statusCode, String error, Duration retryIn) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET locked_until = NULL, last_status_code = :code, last_error = :error,
                            status = CASE WHEN CAST(:retry AS double precision) IS NULL THEN 'failed' ELSE 'pending' END,
                            next_attempt_at = CASE WHEN CAST(:retry AS double precision) IS NULL THEN next_attempt_at
                                ELSE now() + make_interval(secs => CAST(:retry AS double precision)) END
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("code", statusCode)
                .param("error", error)
                .param("retry", retryIn == null ? null : retryIn.toMillis() / 1000.0)
                .update();
    }

    List<WebhookDelivery> deliveries(OrganizationId org, UUID endpoint, String status, Cursor after, int fetch) {
        StringBuilder sql =
                new StringBuilder("SELECT " + DELIVERY + " FROM webhook_deliveries WHERE organization_id = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        if (endpoint != null) {
            sql.append(" AND endpoint_id = :endpoint");
            params.put("endpoint", endpoint);
        }
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status);
        }
        sql.append(Keyset.after("created_at", after, fetch, params));
        return jdbc.sql(sql.toString())
                .params(params)
                .query(JdbcWebhookRepository::delivery)
                .list();
    }

    Optional<WebhookDelivery> findDelivery(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + DELIVERY + " FROM webhook_deliveries WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcWebhookRepository::delivery)
                .optional();
    }

    /** Sends a delivery again from now on, whatever became of it: a new round of tries. */
    void redeliver(OrganizationId org, UUID id) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(),
                            locked_until = NULL
                        WHERE organization_id = :org AND id = :id
                        """).param("org", org.value()).param("id", id).update();
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("url"),
                List.of((String[]) rs.getArray("events").getArray()),
                rs.getBoolean("enabled"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(
                rs.getObject("id", UUID.class),
                rs.getObject("endpoint_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                (Integer) rs.getObject("last_status_code"),
                rs.getString("last_error"),
                Rows.instant(rs, "next_attempt_at"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "delivered_at"));
    }
}
