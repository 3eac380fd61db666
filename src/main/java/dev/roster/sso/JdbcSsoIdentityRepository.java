package dev.roster.sso;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Linked identities, unique on (provider, subject); a user has at most one per provider (SsoAccounts). */
@Repository
class JdbcSsoIdentityRepository {

    private static final String SELECT = """
            SELECT i.id, i.provider_id, p.name AS provider_name, i.subject, i.user_id, i.email, i.created_at,
                i.created_by, i.last_sign_in_at
            FROM sso_identities i JOIN sso_providers p ON p.id = i.provider_id
            """;

    private final JdbcClient jdbc;

    JdbcSsoIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Identity> find(UUID provider, String subject) {
        return jdbc.sql(SELECT + " WHERE i.provider_id = :provider AND i.subject = :subject")
                .param("provider", provider)
                .param("subject", subject)
                .query(JdbcSsoIdentityRepository::map)
                .optional();
    }

    /**
     * The identity the user already has at the provider, under a lock on (provider, user) held until the
     * transaction ends: two first sign-ins with different subjects for one user cannot both link.
     */
    Optional<Identity> lockLinkOf(UUID provider, UserId user) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 17))")
                .param("key", provider + "/" + user.value())
                .query()
                .singleRow();
        return jdbc.sql(SELECT + " WHERE i.provider_id = :provider AND i.user_id = :user ORDER BY i.created_at LIMIT 1")
                .param("provider", provider)
                .param("user", user.value())
                .query(JdbcSsoIdentityRepository::map)
                .optional();
    }

    /** Links the subject to the user; false when another callback linked it first. */
    boolean insert(OrganizationId org, UUID id, UUID provider, String subject, UserId user, String email, String by) {
        return jdbc.sql("""
                        INSERT INTO sso_identities (id, organization_id, provider_id, subject, user_id, email,
                            created_by, last_sign_in_at)
                        VALUES (:id, :org, :provider, :subject, :user, :email, :by, now())
                        ON CONFLICT (provider_id, subject) DO NOTHING
                        """)
                        .param("id", id)
                        .param("org", org.value())
                        .param("provider", provider)
                        .param("subject", subject)
                        .param("user", user.value())
                        .param("email", email)
                        .param("by", by)
                        .update()
                == 1;
    }

    void touch(UUID id) {
        jdbc.sql("UPDATE sso_identities SET last_sign_in_at = now() WHERE id = :id")
                .param("id", id)
                .update();
    }

    List<Identity> page(OrganizationId org, UserId user, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("user", user.value());
        String sql = SELECT + " WHERE i.organization_id = :org AND i.user_id = :user"
                + Keyset.after("i.created_at", "i.id", after, fetch, params);
        return jdbc.sql(sql)
                .params(params)
                .query(JdbcSsoIdentityRepository::map)
                .list();
    }

    Optional<Identity> find(OrganizationId org, UserId user, UUID id) {
        return jdbc.sql(SELECT + " WHERE i.organization_id = :org AND i.user_id = :user AND i.id = :id")
                .param("org", org.value())
                .param("user", user.value())
                .param("id", id)
                .query(JdbcSsoIdentityRepository::map)
                .optional();
    }

    void delete(OrganizationId org, UUID id) {
        jdbc.sql("DELETE FROM sso_identities WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .update();
    }

    private static Identity map(ResultSet rs, int row) throws SQLException {
        return new Identity(
                rs.getObject("id", UUID.class),
                rs.getObject("provider_id", UUID.class),
                rs.getString("provider_name"),
                rs.getString("subject"),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("email"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "last_sign_in_at"));
    }
}
