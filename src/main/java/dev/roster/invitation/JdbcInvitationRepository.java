package dev.roster.invitation;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invitations, one per user. The token hash is matched here and never read back. */
@Repository
class JdbcInvitationRepository {

    /**
     * A pending invitation past its expiry reads as expired. The roles waiting for acceptance are read from the role
     * feature's assignments.
     */
    private static final String COLUMNS = """
            id, organization_id, user_id, email, kind, delivery, expires_at, send_count, created_at,
            created_by, accepted_at, revoked_at,
            CASE WHEN status = 'pending' AND expires_at <= now() THEN 'expired' ELSE status END AS status,
            ARRAY(SELECT r.name FROM role_assignments a JOIN roles r ON r.id = a.role_id
                  WHERE a.user_id = invitations.user_id AND a.pending ORDER BY r.name) AS pending_roles
            """;

    private final JdbcClient jdbc;

    JdbcInvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the user's invitation, or renews it in place: new token, new expiry, pending again, queued. */
    Invitation save(
            UUID id,
            OrganizationId org,
            UserId user,
            String email,
            String kind,
            byte[] tokenHash,
            Instant expiresAt,
            UUID messageId,
            String actor) {
        return jdbc.sql("""
                        INSERT INTO invitations (id, organization_id, user_id, email, kind, token_hash, status, delivery,
                            message_id, expires_at, created_by)
                        VALUES (:id, :org, :user, :email, :kind, :tokenHash, 'pending', 'queued', :message, :expiresAt,
                            :actor)
                        ON CONFLICT (user_id) DO UPDATE SET token_hash = :tokenHash, status = 'pending',
                            delivery = 'queued', message_id = :message, expires_at = :expiresAt, email = :email,
                            send_count = invitations.send_count + 1, revoked_at = NULL, revoked_by = NULL,
                            expiry_announced = false,
                            updated_at = now()
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("org", org.value())
                .param("user", user.value())
                .param("email", email)
                .param("kind", kind)
                .param("tokenHash", tokenHash)
                .param("expiresAt", Rows.timestamp(expiresAt))
                .param("message", messageId)
                .param("actor", actor)
                .query(JdbcInvitationRepository::map)
                .single();
    }

    Optional<Invitation> find(OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(JdbcInvitationRepository::map)
                .optional();
    }

    /** Finds and locks the invitation a token belongs to, so that concurrent accepts queue and one wins. */
    Optional<Invitation> lockByToken(byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE token_hash = :hash FOR UPDATE")
                .param("hash", tokenHash)
                .query(JdbcInvitationRepository::map)
                .optional();
    }

    Optional<Invitation> findByToken(byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(JdbcInvitationRepository::map)
                .optional();
    }

    Optional<Invitation> lockByUser(OrganizationId org, UserId user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE organization_id = :org AND user_id = :user"
                        + " FOR UPDATE")
                .param("org", org.value())
                .param("user", user.value())
                .query(JdbcInvitationRepository::map)
                .optional();
    }

    Optional<Invitation> lockByUser(UserId user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE user_id = :user FOR UPDATE")
                .param("user", user.value())
                .query(JdbcInvitationRepository::map)
                .optional();
    }

    List<Invitation> page(OrganizationId org, String status, String email, Cursor after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invitations WHERE organization_id = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        if (status != null) {
            sql.append(
                    switch (status) {
                        case "pending" -> " AND status = 'pending' AND expires_at > now()";
                        case "expired" -> " AND status = 'pending' AND expires_at <= now()";
                        default -> " AND status = :status";
                    });
            params.put("status", status);
        }
        if (email != null) {
            sql.append(" AND email = :email");
            params.put("email", email);
        }
        sql.append(Keyset.after("created_at", after, fetch, params));
        return jdbc.sql(sql.toString())
                .params(params)
                .query(JdbcInvitationRepository::map)
                .list();
    }

    /**
     * Ends the invitation: accepted or revoked. The token's hash stays so that its link can say why it no longer
     * works (410), until a resend replaces it.
     */
    void finish(UUID id, String status, String actor) {
        jdbc.sql("""
                        UPDATE invitations SET status = :status, updated_at = now(),
                            accepted_at = CASE WHEN :status = 'accepted' THEN now() END,
                            revoked_at = CASE WHEN :status = 'revoked' THEN now() END,
                            revoked_by = CASE WHEN :status = 'revoked' THEN :actor END
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("actor", actor)
                .update();
    }

    /**
     * Marks up to {@code limit} pending invitations that have just expired as announced and returns them; nodes
     * sweeping at once skip each other's rows, so each expiry is announced once.
     */
    List<Invitation> claimNewlyExpired(int limit) {
        return jdbc.sql("""
                        UPDATE invitations SET expiry_announced = true
                        WHERE id IN (SELECT id FROM invitations
                                     WHERE status = 'pending' AND expires_at <= now() AND NOT expiry_announced
                                     ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("limit", limit)
                .query(JdbcInvitationRepository::map)
                .list();
    }

    /** The user's pending invitation, locked, if it has one. */
    Optional<Invitation> lockPendingOf(OrganizationId org, UserId user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE organization_id = :org AND user_id = :user"
                        + " AND status = 'pending' FOR UPDATE")
                .param("org", org.value())
                .param("user", user.value())
                .query(JdbcInvitationRepository::map)
                .optional();
    }

    void recordDelivery(UUID messageId, boolean sent) {
        jdbc.sql("UPDATE invitations SET delivery = :delivery WHERE message_id = :message")
                .param("message", messageId)
                .param("delivery", sent ? "sent" : "failed")
                .update();
    }

    private static Invitation map(ResultSet rs, int row) throws SQLException {
        List<String> pending = List.of((String[]) rs.getArray("pending_roles").getArray());
        return new Invitation(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("email"),
                rs.getString("kind"),
                rs.getString("status"),
                rs.getString("delivery"),
                Rows.instant(rs, "expires_at"),
                rs.getInt("send_count"),
                pending.isEmpty() ? null : pending,
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "accepted_at"),
                Rows.instant(rs, "revoked_at"));
    }
}
