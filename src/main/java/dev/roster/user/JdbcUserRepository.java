package dev.roster.user;

import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Keyset;
import dev.roster.shared.database.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Users, always within one organization: the organization id is the first argument of every method. */
@Repository
class JdbcUserRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, organization_id, email, first_name, last_name, name, mobile_phone, roles, status, allow_password_auth,
            send_invitation, mfa_enabled, last_login_at, metadata, external_id, created_at, created_by, updated_at,
            updated_by, deleted_at, deleted_by
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcUserRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    User insert(OrganizationId org, UserId id, UserDraft user, UserStatus status, String actor) {
        return jdbc.sql("""
                        INSERT INTO users (id, organization_id, email, first_name, last_name, name, mobile_phone, roles,
                            status, allow_password_auth, send_invitation, metadata, external_id, activated_at,
                            created_by, updated_by)
                        VALUES (:id, :org, :email, :firstName, :lastName, :name, :mobilePhone, :roles, :status,
                            :allowPasswordAuth, :sendInvitation, CAST(:metadata AS jsonb), :externalId,
                            CASE WHEN :status = 'active' THEN now() END, :actor, :actor)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id.value())
                .param("org", org.value())
                .params(fields(user))
                .param("status", status.code())
                .param("actor", actor)
                .query(this::map)
                .single();
    }

    Optional<User> find(OrganizationId org, UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    /** Reads and locks a user for the rest of the transaction, so that concurrent changes apply one after another. */
    Optional<User> lock(OrganizationId org, UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE organization_id = :org AND id = :id FOR UPDATE")
                .param("org", org.value())
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    List<User> page(OrganizationId org, UserQuery query, Cursor after, int fetch) {
        boolean deleted = Boolean.TRUE.equals(query.deleted());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM users WHERE organization_id = :org AND ")
                .append(deleted ? "deleted_at IS NOT NULL" : "deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        if (query.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", query.status());
        }
        if (query.role() != null) {
            sql.append(" AND roles @> ARRAY[CAST(:role AS text)]");
            params.put("role", query.role());
        }
        if (query.q() != null) {
            sql.append(" AND (email LIKE :prefix ESCAPE '\\' OR lower(name) LIKE :prefix ESCAPE '\\')");
            params.put("prefix", likePrefix(query.q()));
        }
        if (query.createdAfter() != null) {
            sql.append(" AND created_at > :createdAfter");
            params.put("createdAfter", Rows.timestamp(query.createdAfter()));
        }
        sql.append(Keyset.after("created_at", after, fetch, params));
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    User update(OrganizationId org, UserId id, UserDraft user, String actor) {
        return jdbc.sql("""
                        UPDATE users SET email = :email, first_name = :firstName, last_name = :lastName, name = :name,
                            mobile_phone = :mobilePhone, roles = :roles, allow_password_auth = :allowPasswordAuth,
                            send_invitation = :sendInvitation, metadata = CAST(:metadata AS jsonb),
                            external_id = :externalId, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("org", org.value())
                .param("id", id.value())
                .params(fields(user))
                .param("actor", actor)
                .query(this::map)
                .single();
    }

    /** Moves a user to a new status; an active user keeps the time it first became active. */
    User setStatus(OrganizationId org, UserId id, UserStatus status, String actor) {
        return jdbc.sql("""
                        UPDATE users SET status = :status, updated_at = now(), updated_by = :actor,
                            activated_at = CASE WHEN :status = 'active' THEN coalesce(activated_at, now())
                                                ELSE activated_at END
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("org", org.value())
                .param("id", id.value())
                .param("status", status.code())
                .param("actor", actor)
                .query(this::map)
                .single();
    }

    /** The status a reactivated user returns to: active if it ever was, invited otherwise. */
    UserStatus statusBeforeDeactivation(OrganizationId org, UserId id) {
        boolean everActive = jdbc.sql(
                        "SELECT activated_at IS NOT NULL FROM users WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id.value())
                .query(Boolean.class)
                .single();
        return everActive ? UserStatus.ACTIVE : UserStatus.INVITED;
    }

    User markDeleted(OrganizationId org, UserId id, String actor, boolean deleted) {
        return jdbc.sql("""
                        UPDATE users SET deleted_at = CASE WHEN :deleted THEN now() END,
                            deleted_by = CASE WHEN :deleted THEN :actor END, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("org", org.value())
                .param("id", id.value())
                .param("deleted", deleted)
                .param("actor", actor)
                .query(this::map)
                .single();
    }

    void markAllDeleted(OrganizationId org, String actor) {
        jdbc.sql("""
                        UPDATE users SET deleted_at = now(), deleted_by = :actor, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND deleted_at IS NULL
                        """).param("org", org.value()).param("actor", actor).update();
    }

    /**
     * Serialises every change that claims this email until the transaction ends, on any node: whoever checks
     * {@link #emailTaken} next sees the outcome of the one before.
     */
    void lockEmail(Email email) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:email, 7))")
                .param("email", email.value())
                .query()
                .singleRow();
    }

    /** Whether a live user other than {@code except} has this email, in {@code org} or, if platformWide, anywhere. */
    boolean emailTaken(OrganizationId org, Email email, UserId except, boolean platformWide) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM users
                                       WHERE email = :email AND deleted_at IS NULL
                                         AND (:platformWide OR organization_id = :org)
                                         AND id <> :except)
                        """)
                .param("email", email.value())
                .param("platformWide", platformWide)
                .param("org", org.value())
                .param("except", except == null ? new UUID(0, 0) : except.value())
                .query(Boolean.class)
                .single();
    }

    private Map<String, Object> fields(UserDraft user) {
        Map<String, Object> params = new HashMap<>();
        params.put("email", user.email().value());
        params.put("firstName", user.firstName());
        params.put("lastName", user.lastName());
        params.put("name", user.name());
        params.put("mobilePhone", user.mobilePhone());
        params.put("roles", user.roles().toArray(String[]::new));
        params.put("allowPasswordAuth", user.allowPasswordAuth());
        params.put("sendInvitation", user.sendInvitation());
        params.put("metadata", json.writeValueAsString(user.metadata()));
        params.put("externalId", user.externalId());
        return params;
    }

    private static String likePrefix(String q) {
        return q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private User map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new User(
                new UserId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("name"),
                rs.getString("mobile_phone"),
                List.copyOf(Arrays.asList((String[]) roles.getArray())),
                UserStatus.valueOf(rs.getString("status").toUpperCase()),
                rs.getBoolean("allow_password_auth"),
                rs.getBoolean("send_invitation"),
                rs.getBoolean("mfa_enabled"),
                Rows.instant(rs, "last_login_at"),
                json.readValue(rs.getString("metadata"), OBJECT),
                rs.getString("external_id"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"),
                Rows.instant(rs, "deleted_at"),
                rs.getString("deleted_by"));
    }
}
