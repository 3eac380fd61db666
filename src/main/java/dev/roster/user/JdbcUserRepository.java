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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Users, always within one organization: the organization id is the first argument of every method. */
@Repository
class JdbcUserRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /**
     * The user and, read-only, the state of its invitation (one row per user in {@code invitations}, owned by the
     * invitation feature): the user object shows them all. The names of its roles across the organization, in effect
     * and pending, are kept on its row by triggers on the role feature's assignments (V51).
     */
    private static final String COLUMNS = """
            SELECT u.id, u.organization_id, u.email, u.first_name, u.last_name, u.name, u.mobile_phone,
                u.role_names AS roles, u.pending_role_names AS pending_roles,
                u.status, u.allow_password_auth, u.send_invitation, u.mfa_enabled, u.last_login_at, u.metadata,
                u.external_id, u.created_at, u.created_by, u.updated_at, u.updated_by, u.deleted_at, u.deleted_by,
                u.sort_name, i.id AS invitation_id, i.kind AS invitation_kind, i.delivery AS invitation_delivery,
                i.expires_at AS invitation_expires_at,
                CASE WHEN i.status = 'pending' AND i.expires_at <= now() THEN 'expired' ELSE i.status END
                    AS invitation_status,
                m.id AS manager_id,
                coalesce(m.name, nullif(concat_ws(' ', m.first_name, m.last_name), '')) AS manager_name,
                m.email AS manager_email
            """;

    /** The user's invitation and manager, for {@link #COLUMNS}: join them to a user {@code u}. */
    private static final String JOINS = """
            LEFT JOIN invitations i ON i.user_id = u.id LEFT JOIN users m ON m.id = u.manager_id
            """;

    private static final String SELECT = COLUMNS + "FROM users u " + JOINS;

    /**
     * Live users of live organizations, as sign-in sees them. Read on every request a JWT makes, so it reads no
     * more than that needs: no role names (sign-in reads them once, when it issues a token).
     */
    private static final String CANDIDATES = """
            SELECT u.id, u.organization_id, u.email, u.name, u.status, u.allow_password_auth, u.mfa_enabled
            FROM users u JOIN organizations o ON o.id = u.organization_id AND o.deleted_at IS NULL
            WHERE u.deleted_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    JdbcUserRepository(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
    }

    /**
     * Inserts a user unless a live user already has its email (in the organization, or anywhere when platformWide),
     * checked in the same statement, and answers it as {@link #find} would; empty when the email is taken. Take
     * {@link #lockEmail} first. The user's row carries the names of the roles it is created with (held, or pending
     * its invitation's acceptance), sorted as the triggers of V51 sort them, so assigning those roles next in the
     * transaction leaves the row as it is (V60).
     */
    Optional<User> insert(
            OrganizationId org,
            UserId id,
            UserDraft user,
            UserStatus status,
            String actor,
            boolean platformWide,
            List<String> roleNames,
            boolean pending) {
        String[] names = roleNames.toArray(String[]::new);
        return jdbc.sql("WITH u AS (" + """
                        INSERT INTO users (id, organization_id, email, first_name, last_name, name, mobile_phone,
                            status, allow_password_auth, send_invitation, metadata, external_id, manager_id,
                            activated_at, created_by, updated_by, role_names, pending_role_names)
                        SELECT :id, :org, :email, :firstName, :lastName, :name, :mobilePhone, :status,
                            :allowPasswordAuth, :sendInvitation, CAST(:metadata AS jsonb), :externalId, :managerId,
                            CASE WHEN :status = 'active' THEN now() END, :actor, :actor,
                            ARRAY(SELECT unnest(CAST(:held AS text[])) ORDER BY 1),
                            ARRAY(SELECT unnest(CAST(:pending AS text[])) ORDER BY 1)
                        WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = :email AND deleted_at IS NULL
                                          AND (:platformWide OR organization_id = :org))
                        RETURNING *)
                        """ + COLUMNS + "FROM u " + JOINS)
                .param("id", id.value())
                .param("org", org.value())
                .params(fields(user))
                .param("status", status.code())
                .param("actor", actor)
                .param("platformWide", platformWide)
                .param("held", pending ? new String[0] : names)
                .param("pending", pending ? names : new String[0])
                .query(this::map)
                .optional();
    }

    Optional<User> find(OrganizationId org, UserId id) {
        return jdbc.sql(SELECT + " WHERE u.organization_id = :org AND u.id = :id")
                .param("org", org.value())
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    List<User> findAll(OrganizationId org, Collection<UserId> ids) {
        if (ids.size() == 1) {
            // One id is the common case (a SCIM lookup by userName); PostgreSQL plans "= ANY(array)" afresh for
            // every call, as it cannot tell how many ids a cached plan would get, but keeps the plan of "= id".
            return find(org, ids.iterator().next()).stream().toList();
        }
        return jdbc.sql(SELECT + " WHERE u.organization_id = :org AND u.id = ANY(:ids)")
                .param("org", org.value())
                .param("ids", ids.stream().map(UserId::value).toArray(UUID[]::new))
                .query(this::map)
                .list();
    }

    /** Reads and locks a user for the rest of the transaction, so that concurrent changes apply one after another. */
    Optional<User> lock(OrganizationId org, UserId id) {
        return jdbc.sql(SELECT + " WHERE u.organization_id = :org AND u.id = :id FOR UPDATE OF u")
                .param("org", org.value())
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    /** A page of the list oldest first: the rows after the cursor's (created_at, id), one query. */
    List<User> page(OrganizationId org, UserQuery query, Cursor after, int fetch) {
        return plannedForTheseValues(query, () -> {
            Map<String, Object> params = new HashMap<>();
            StringBuilder sql = new StringBuilder(SELECT).append(matching(org, query, params));
            sql.append(Keyset.after(
                    sortsItsMatches(org, query) ? "(u.created_at + interval '0 s')" : "u.created_at",
                    "u.id",
                    after,
                    fetch,
                    params));
            return jdbc.sql(sql.toString()).params(params).query(this::map).list();
        });
    }

    /** A page of the live users whose manager is {@code manager}, oldest first; {@code users_by_manager} finds them. */
    List<User> reports(OrganizationId org, UserId manager, Cursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("manager", manager.value());
        String sql = SELECT + " WHERE u.organization_id = :org AND u.manager_id = :manager AND u.deleted_at IS NULL"
                + Keyset.after("u.created_at", "u.id", after, fetch, params);
        return jdbc.sql(sql).params(params).query(this::map).list();
    }

    /** Whether the page is a search (a prefix of email or name). */
    private static boolean searching(UserQuery query) {
        return query.q() != null;
    }

    /** Above this many matches a search walks the list's order instead of sorting its matches. */
    static final int SORTED_MATCHES = 2_000;

    /**
     * Whether a search oldest first reads its matches through the prefix indexes and sorts them, rather than walking
     * the list's order and keeping the rows that match. Sorting is quick for a few matches and reads every one of
     * them when nearly everyone matches (250 ms for a prefix that all of 100,000 members share); walking is quick
     * when many match and reads the whole organization when none does (265 ms for a prefix nobody has). The planner
     * cannot tell the two apart from its statistics, so one statement first counts the matches of the email prefix
     * and of the name prefix, each up to {@link #SORTED_MATCHES} and one more, by a range of its prefix index in that
     * index's order (so at most that many entries are read, whatever the planner guesses); with few, the page is
     * ordered by an expression that no index has. Deleted users have no prefix indexes: their searches always sort.
     */
    private boolean sortsItsMatches(OrganizationId org, UserQuery query) {
        if (!searching(query)) {
            return false;
        }
        if (Boolean.TRUE.equals(query.deleted())) {
            return true;
        }
        long matches = jdbc.sql("""
                        SELECT (SELECT count(*) FROM (SELECT 1 FROM users u
                                    WHERE u.organization_id = :org AND u.deleted_at IS NULL
                                      AND u.email LIKE :prefix ESCAPE '\\'
                                    ORDER BY u.email USING ~<~ LIMIT :cap) e)
                             + (SELECT count(*) FROM (SELECT 1 FROM users u
                                    WHERE u.organization_id = :org AND u.deleted_at IS NULL
                                      AND lower(u.name) LIKE :prefix ESCAPE '\\'
                                    ORDER BY lower(u.name) USING ~<~ LIMIT :cap) n)
                        """)
                .param("org", org.value())
                .param("prefix", likePrefix(query.q()))
                .param("cap", SORTED_MATCHES + 1)
                .query(Long.class)
                .single();
        return matches <= SORTED_MATCHES;
    }

    /**
     * A page of the list by name: the rows after the cursor's (sort_name, id), in that order, one query; each with
     * its sort name, which the next page's cursor carries. The id breaks ties, so equal names page correctly.
     */
    List<Named> pageByName(OrganizationId org, UserQuery query, NameCursor after, int fetch) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder(SELECT).append(matching(org, query, params));
        // By name, a name prefix's matches sit together in the order, so walking it would read every name before
        // them: a search by name always sorts its matches.
        String key = searching(query) ? "(u.sort_name || '')" : "u.sort_name";
        if (after != null) {
            sql.append(" AND (").append(key).append(", u.id) > (:afterName, :afterId)");
            params.put("afterName", after.name());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY ").append(key).append(", u.id").append(Keyset.limit(fetch));
        return plannedForTheseValues(
                query,
                () -> jdbc.sql(sql.toString())
                        .params(params)
                        .query((rs, row) -> new Named(map(rs, row), rs.getString("sort_name")))
                        .list());
    }

    /**
     * Runs the list's query planned for its own values, not once for any: a search prefix that matches nobody reads two
     * prefix indexes, one that matches most members walks the page order, and a plan cached for the statement would
     * serve one of them badly (a 100,000-member organization took 100 ms where 1 ms does); a role held by a few or
     * by nearly everyone likewise. The setting lasts until the transaction ends, so such a query runs in one (the
     * caller's, or its own). A plain page (no search, no role) keeps the cached plan, since re-planning it would cost
     * more than running it, and needs no transaction: it is one statement.
     */
    private <T> T plannedForTheseValues(UserQuery query, Supplier<T> run) {
        if (!searching(query) && query.role() == null) {
            return run.get();
        }
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return run.get();
        });
    }

    /** A user of the list by name, with the key it is sorted by. */
    record Named(User user, String sortName) {}

    /** The list's rows from {@code offset} on, in the keyset order: PostgreSQL skips the rows before it. */
    List<User> pageAt(OrganizationId org, UserQuery query, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder(SELECT).append(matching(org, query, params));
        sql.append(" ORDER BY u.created_at, u.id").append(Keyset.limit(limit)).append(" OFFSET :offset");
        params.put("offset", offset);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** How many users the list with these filters holds, over all its pages. */
    long count(OrganizationId org, UserQuery query) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT count(*) FROM users u" + matching(org, query, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    /** The WHERE clause of the user list, one place for {@link #page}, {@link #pageByName} and {@link #count}. */
    private static String matching(OrganizationId org, UserQuery query, Map<String, Object> params) {
        boolean deleted = Boolean.TRUE.equals(query.deleted());
        StringBuilder sql = new StringBuilder(" WHERE u.organization_id = :org AND ")
                .append(deleted ? "u.deleted_at IS NOT NULL" : "u.deleted_at IS NULL");
        params.put("org", org.value());
        if (query.status() != null) {
            sql.append(" AND u.status = :status");
            params.put("status", query.status());
        }
        if (query.role() != null) {
            // The role's id first (an init plan), so that the holders come from role_assignments_holders.
            sql.append(
                    " AND EXISTS (SELECT 1 FROM role_assignments a WHERE a.user_id = u.id AND a.resource_id IS NULL"
                            + " AND NOT a.pending AND a.role_id = ANY (ARRAY(SELECT r.id FROM roles r"
                            + " WHERE lower(r.name) = lower(:role) AND (r.organization_id = :org OR r.organization_id IS NULL))))");
            params.put("role", query.role());
        }
        if (query.q() != null) {
            sql.append(" AND (u.email LIKE :prefix ESCAPE '\\' OR lower(u.name) LIKE :prefix ESCAPE '\\')");
            params.put("prefix", likePrefix(query.q()));
        }
        if (query.email() != null) {
            sql.append(" AND u.email = :email");
            params.put("email", Email.parse("email", query.email()).value());
        }
        if (query.createdAfter() != null) {
            sql.append(" AND u.created_at > :createdAfter");
            params.put("createdAfter", Rows.timestamp(query.createdAfter()));
        }
        if (query.groupId() != null) {
            sql.append(
                    " AND EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = :groupId AND gm.user_id = u.id)");
            params.put("groupId", query.groupId());
        }
        if (query.lastLoginBefore() != null) {
            sql.append(" AND (u.last_login_at IS NULL OR u.last_login_at < :lastLoginBefore)");
            params.put("lastLoginBefore", Rows.timestamp(query.lastLoginBefore()));
        }
        return sql.toString();
    }

    void update(OrganizationId org, UserId id, UserDraft user, String actor) {
        jdbc.sql("""
                        UPDATE users SET email = :email, first_name = :firstName, last_name = :lastName, name = :name,
                            mobile_phone = :mobilePhone, allow_password_auth = :allowPasswordAuth,
                            send_invitation = :sendInvitation, metadata = CAST(:metadata AS jsonb),
                            external_id = :externalId, manager_id = :managerId, updated_at = now(),
                            updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        """)
                .param("org", org.value())
                .param("id", id.value())
                .params(fields(user))
                .param("actor", actor)
                .update();
    }

    /** Moves a user to a new status; an active user keeps the time it first became active. */
    void setStatus(OrganizationId org, UserId id, UserStatus status, String actor) {
        jdbc.sql("""
                        UPDATE users SET status = :status, updated_at = now(), updated_by = :actor,
                            activated_at = CASE WHEN :status = 'active' THEN coalesce(activated_at, now())
                                                ELSE activated_at END
                        WHERE organization_id = :org AND id = :id
                        """)
                .param("org", org.value())
                .param("id", id.value())
                .param("status", status.code())
                .param("actor", actor)
                .update();
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

    void markDeleted(OrganizationId org, UserId id, String actor, boolean deleted) {
        jdbc.sql("""
                        UPDATE users SET deleted_at = CASE WHEN :deleted THEN now() END,
                            deleted_by = CASE WHEN :deleted THEN :actor END, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id
                        """)
                .param("org", org.value())
                .param("id", id.value())
                .param("deleted", deleted)
                .param("actor", actor)
                .update();
    }

    /** Makes an invited user active. */
    void activate(OrganizationId org, UserId id, String actor) {
        jdbc.sql("""
                        UPDATE users SET status = 'active', activated_at = coalesce(activated_at, now()),
                            updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND id = :id AND status = 'invited' AND deleted_at IS NULL
                        """)
                .param("org", org.value())
                .param("id", id.value())
                .param("actor", actor)
                .update();
    }

    void recordMfa(UserId id, boolean enabled) {
        jdbc.sql("UPDATE users SET mfa_enabled = :enabled, updated_at = now() WHERE id = :id")
                .param("id", id.value())
                .param("enabled", enabled)
                .update();
    }

    void recordSignIn(UserId id) {
        jdbc.sql("UPDATE users SET last_login_at = now() WHERE id = :id")
                .param("id", id.value())
                .update();
    }

    /** Live users with this email, in every organization that is not deleted. */
    List<SignInCandidate> findForSignIn(Email email) {
        return jdbc.sql(CANDIDATES + " AND u.email = :email")
                .param("email", email.value())
                .query(JdbcUserRepository::candidate)
                .list();
    }

    boolean hasDeleted(OrganizationId org, Email email) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM users
                                       WHERE organization_id = :org AND email = :email AND deleted_at IS NOT NULL)
                        """)
                .param("org", org.value())
                .param("email", email.value())
                .query(Boolean.class)
                .single();
    }

    Optional<SignInCandidate> findCandidate(UserId id) {
        return jdbc.sql(CANDIDATES + " AND u.id = :id")
                .param("id", id.value())
                .query(JdbcUserRepository::candidate)
                .optional();
    }

    private static SignInCandidate candidate(ResultSet rs, int row) throws SQLException {
        return new SignInCandidate(
                new UserId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("email"),
                rs.getString("name"),
                UserStatus.valueOf(rs.getString("status").toUpperCase()),
                rs.getBoolean("allow_password_auth"),
                rs.getBoolean("mfa_enabled"));
    }

    /**
     * Serialises changes to the organization's reporting lines until the transaction ends, so that two concurrent
     * changes cannot together close a cycle that neither would alone.
     */
    void lockReportingLines(OrganizationId org) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 11))")
                .param("key", "reporting-lines:" + org.value())
                .query()
                .singleRow();
    }

    /** Whether {@code user} is {@code manager} or anyone above {@code manager} in the reporting line. */
    boolean managesUpward(OrganizationId org, UserId manager, UserId user) {
        return jdbc.sql("""
                        WITH RECURSIVE chain(id, depth) AS (
                            SELECT id, 0 FROM users WHERE organization_id = :org AND id = :manager
                            UNION ALL
                            SELECT u.manager_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.id
                            WHERE u.manager_id IS NOT NULL AND c.depth < 1000)
                        SELECT EXISTS (SELECT 1 FROM chain WHERE id = :user)
                        """)
                .param("org", org.value())
                .param("manager", manager.value())
                .param("user", user.value())
                .query(Boolean.class)
                .single();
    }

    /** Clears the manager of everyone who reported to {@code manager}; returns who they were. */
    List<UserId> clearReportsOf(OrganizationId org, UserId manager, String actor) {
        return jdbc.sql("""
                        UPDATE users SET manager_id = NULL, updated_at = now(), updated_by = :actor
                        WHERE organization_id = :org AND manager_id = :manager
                        RETURNING id
                        """)
                .param("org", org.value())
                .param("manager", manager.value())
                .param("actor", actor)
                .query((rs, row) -> new UserId(rs.getObject("id", UUID.class)))
                .list();
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

    /** Which of these (normalised) emails a live user has, in {@code org} or, if platformWide, anywhere. */
    Set<String> takenEmails(OrganizationId org, Collection<String> emails, boolean platformWide) {
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT email FROM users
                        WHERE email = ANY(:emails) AND deleted_at IS NULL
                          AND (:platformWide OR organization_id = :org)
                        """)
                .param("emails", emails.toArray(String[]::new))
                .param("platformWide", platformWide)
                .param("org", org.value())
                .query(String.class)
                .list());
    }

    /** The live users of {@code org} with these (normalised) emails that are active or invited, by email. */
    Map<String, UserId> assignableByEmail(OrganizationId org, Collection<String> emails) {
        Map<String, UserId> found = new HashMap<>();
        jdbc.sql("""
                        SELECT email, id FROM users
                        WHERE organization_id = :org AND email = ANY(:emails) AND deleted_at IS NULL
                          AND status IN ('active', 'invited')
                        """)
                .param("org", org.value())
                .param("emails", emails.toArray(String[]::new))
                .query((rs, row) -> found.put(rs.getString("email"), new UserId(rs.getObject("id", UUID.class))))
                .list();
        return found;
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
        params.put("allowPasswordAuth", user.allowPasswordAuth());
        params.put("sendInvitation", user.sendInvitation());
        params.put("metadata", json.writeValueAsString(user.metadata()));
        params.put("externalId", user.externalId());
        params.put(
                "managerId", user.managerId() == null ? null : user.managerId().value());
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
                metadata(rs.getString("metadata")),
                rs.getString("external_id"),
                Rows.instant(rs, "created_at"),
                rs.getString("created_by"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"),
                Rows.instant(rs, "deleted_at"),
                rs.getString("deleted_by"),
                invitation(rs),
                manager(rs));
    }

    /** Most users carry no metadata: theirs is read without a parser. */
    private Map<String, Object> metadata(String text) {
        return text.equals("{}") ? Map.of() : json.readValue(text, OBJECT);
    }

    private static ManagerSummary manager(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("manager_id", UUID.class);
        return id == null
                ? null
                : new ManagerSummary(new UserId(id), rs.getString("manager_name"), rs.getString("manager_email"));
    }

    private static InvitationSummary invitation(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("invitation_id", UUID.class);
        if (id == null) {
            return null;
        }
        List<String> pending = List.of((String[]) rs.getArray("pending_roles").getArray());
        return new InvitationSummary(
                id,
                rs.getString("invitation_kind"),
                rs.getString("invitation_status"),
                rs.getString("invitation_delivery"),
                Rows.instant(rs, "invitation_expires_at"),
                pending.isEmpty() ? null : pending);
    }
}
