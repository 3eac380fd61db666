import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Roster's scenarios: the ones Keycloak runs too (create, get by id, a first page and random pages of a
 * 30,000-user organization), and Roster's own (invitation email, creates spread over 100 organizations or into a
 * seat-limited one, list and lookup in organizations from 1,000 to 1,000,000 users, the cost of authenticating an
 * API key or a JWT, a SCIM userName lookup). Users for the lists are seeded straight into the database.
 */
final class RosterBench {

    static final int PAGE = 20;

    final LoadGenerator bench;
    final String platformKey;
    final String jdbc;
    final String dbUser;
    final String dbPassword;
    final int largest;

    record Tenant(String id, String key) {}

    RosterBench(LoadGenerator bench) {
        this.bench = bench;
        platformKey = bench.args.get("key");
        jdbc = bench.args.get("jdbc");
        dbUser = bench.args.get("db-user");
        dbPassword = bench.args.get("db-password");
        largest = Integer.parseInt(bench.args.getOrDefault("largest", "1000000"));
    }

    void run() throws Exception {
        System.out.printf("Roster: %s, %d cores, %s per step%n", bench.url, Runtime.getRuntime().availableProcessors(),
                bench.step);
        Tenant plain = tenant("{\"plan\":\"enterprise\"");
        Tenant inviting = tenant("{\"plan\":\"enterprise\"");
        Tenant limited = tenant("{\"plan\":\"enterprise\",\"seatLimit\":1000000");
        List<Tenant> spread = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            spread.add(tenant("{\"plan\":\"enterprise\""));
        }
        Tenant compared = tenant("{\"plan\":\"enterprise\"");
        Map<Integer, Tenant> sized = new LinkedHashMap<>();
        long seedStart = System.nanoTime();
        List<String> comparedIds = seed(compared, bench.compared);
        List<String> pages = pageCursors(compared);
        Map<Integer, List<String>> sizedIds = new LinkedHashMap<>();
        for (int size : new int[] {1_000, 100_000, largest}) {
            Tenant tenant = tenant("{\"plan\":\"enterprise\"");
            sized.put(size, tenant);
            sizedIds.put(size, seed(tenant, size));
        }
        long seeded = bench.compared + sized.keySet().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("Seeded %,d users in %d organizations in %.1f s%n", seeded, 1 + sized.size(),
                (System.nanoTime() - seedStart) / 1e9);
        String jwt = applicationToken(compared);
        String scimToken = LoadGenerator.field(LoadGenerator.expect(post(
                        "/v1/scim-tokens", sized.get(100_000).key, "{\"name\":\"bench\"}"), 201).body(), "token");
        List<String> scimUserNames = emails(sized.get(100_000), 1_000);

        String size = String.format("%,d users", bench.compared);
        Map<String, LoadGenerator.Scenario> compare = new LinkedHashMap<>();
        compare.put("create user (no email)", c -> create(c, plain, false));
        compare.put("get user by id", c -> get(c, "/v1/users/" + any(comparedIds), compared.key));
        compare.put("list 20, first page (" + size + ")", c -> get(c, "/v1/users?limit=20", compared.key));
        compare.put("list 20, random page (" + size + ")", c -> {
            String cursor = any(pages);
            get(c, cursor == null ? "/v1/users?limit=20" : "/v1/users?limit=20&cursor=" + cursor, compared.key);
        });

        Map<String, LoadGenerator.Scenario> own = new LinkedHashMap<>();
        own.put("create + invitation email", c -> create(c, inviting, true));
        own.put("create, 100 organizations", c -> create(c, spread.get((int) (c.position++ % spread.size())), false));
        own.put("create, seat-limited organization", c -> create(c, limited, false));
        for (var organization : sized.entrySet()) {
            Tenant tenant = organization.getValue();
            int users = organization.getKey();
            String deep = cursorNear(tenant, users - users / 100);
            String label = String.format("%,d users", users);
            own.put("list 20, first page (" + label + ")", c -> get(c, "/v1/users?limit=20", tenant.key));
            own.put("list 20, deep cursor (" + label + ")", c -> get(c, "/v1/users?limit=20&cursor=" + deep,
                    tenant.key));
            List<String> ids = sizedIds.get(users);
            own.put("get user by id (" + label + ")", c -> get(c, "/v1/users/" + any(ids), tenant.key));
        }
        own.put("SCIM userName eq (100,000 users)", c -> get(c, "/scim/v2/Users?filter="
                + URLEncoder.encode("userName eq \"" + any(scimUserNames) + "\"", StandardCharsets.UTF_8),
                scimToken));
        // Both documents are small and served from memory; the permission catalog needs a credential, the key set
        // none: the difference is what authenticating the credential costs.
        own.put("no credential, GET /.well-known/jwks.json", c -> get(c, "/.well-known/jwks.json", null));
        own.put("API key, GET /v1/permissions", c -> get(c, "/v1/permissions", compared.key));
        own.put("JWT, GET /v1/permissions", c -> get(c, "/v1/permissions", jwt));

        Map<String, LoadGenerator.Scenario> all = new LinkedHashMap<>(compare);
        all.putAll(own);
        bench.warmUp(all, Integer.parseInt(bench.args.getOrDefault("warm-up", "30000")));
        bench.settle = this::drainOutbox;
        for (var scenario : compare.entrySet()) {
            bench.measure(scenario.getKey(), scenario.getValue());
        }
        for (var scenario : own.entrySet()) {
            bench.measure(scenario.getKey(), scenario.getValue(), 16);
        }
        long rss = bench.rssKiB();
        System.out.printf("Roster RSS after the run: %d MiB%n", rss / 1024);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("rssMiB", Long.toString(rss / 1024));
        facts.put("startupSeconds", bench.args.getOrDefault("startup-seconds", "?"));
        facts.put("seededUsers", Long.toString(seeded));
        bench.write("roster", facts);
    }

    // ---- requests ----

    void create(LoadGenerator.Client c, Tenant tenant, boolean invite) throws Exception {
        String body = "{\"email\":\"" + LoadGenerator.unique(invite ? "i" : "c") + "\""
                + (invite ? "" : ",\"sendInvitation\":false") + "}";
        LoadGenerator.expect(c.http.post("/v1/users", tenant.key, "application/json", body), 201);
    }

    static void get(LoadGenerator.Client c, String path, String credential) throws Exception {
        LoadGenerator.expect(c.http.get(path, credential), 200);
    }

    static <T> T any(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    LeanHttp.Response post(String path, String key, String body) throws Exception {
        try (LeanHttp http = new LeanHttp(bench.url)) {
            return http.post(path, key, "application/json", body);
        }
    }

    /** An organization made with the platform key (the JSON object's start is given) and its admin API key. */
    Tenant tenant(String organization) throws Exception {
        String org = LoadGenerator.field(LoadGenerator.expect(post("/v1/organizations", platformKey,
                organization + ",\"name\":\"Bench " + LoadGenerator.unique("o") + "\"}"), 201).body(), "id");
        String key = LoadGenerator.field(LoadGenerator.expect(post("/v1/organizations/" + org + "/api-keys",
                platformKey, "{\"name\":\"bench\",\"role\":\"admin\"}"), 201).body(), "key");
        return new Tenant(org, key);
    }

    /** A client_credentials access token (a Roster JWT) of an application acting in the organization as admin. */
    String applicationToken(Tenant tenant) throws Exception {
        String created = LoadGenerator.expect(post("/v1/applications", platformKey,
                "{\"name\":\"bench\",\"type\":\"confidential\",\"redirectUris\":[\"http://127.0.0.1:9/cb\"],"
                        + "\"clientCredentials\":{\"organizationId\":\"" + tenant.id + "\",\"role\":\"admin\"}}"),
                201).body();
        String basic = Base64.getEncoder().encodeToString((LoadGenerator.field(created, "clientId") + ":"
                + LoadGenerator.field(created, "clientSecret")).getBytes(StandardCharsets.UTF_8));
        try (LeanHttp http = new LeanHttp(bench.url)) {
            LeanHttp.Response token = http.send("POST", "/oauth2/token", "Basic " + basic,
                    "application/x-www-form-urlencoded", "grant_type=client_credentials");
            return LoadGenerator.field(LoadGenerator.expect(token, 200).body(), "access_token");
        }
    }

    // ---- the database: seeding, cursors, the outbox ----

    Connection connect() throws Exception {
        return DriverManager.getConnection(jdbc, dbUser, dbPassword);
    }

    /**
     * Seeds users straight into the database (one statement), created one second apart like real ones, each with
     * the built-in user role.
     */
    List<String> seed(Tenant tenant, int count) throws Exception {
        try (Connection c = connect();
                Statement session = c.createStatement();
                PreparedStatement p = c.prepareStatement("""
                        WITH seeded AS (
                            INSERT INTO users (id, organization_id, email, first_name, last_name, name, status,
                                send_invitation, role_names, activated_at, created_at, created_by, updated_at,
                                updated_by)
                            SELECT gen_random_uuid(), ?, 'seed' || g || '-' || ? || '@example.com', 'First' || g,
                                'Last' || g, 'Seed User ' || g, 'active', false, '{user}', now(),
                                now() - make_interval(secs => ? - g), 'bench', now(), 'bench'
                            FROM generate_series(1, ?) g
                            RETURNING id, organization_id, created_at)
                        INSERT INTO role_assignments (id, organization_id, user_id, role_id, created_at, created_by)
                        SELECT gen_random_uuid(), organization_id, id, '00000000-0000-4000-8000-000000000002',
                            created_at, 'bench'
                        FROM seeded
                        """)) {
            // The rows carry what the triggers would compute (the role names); a million trigger calls would only
            // make seeding slow. The session's replica role skips them.
            session.execute("SET session_replication_role = replica");
            p.setObject(1, UUID.fromString(tenant.id));
            p.setString(2, LoadGenerator.RUN + tenant.id.substring(0, 8));
            p.setInt(3, count);
            p.setInt(4, count);
            p.executeUpdate();
            session.execute("SET session_replication_role = DEFAULT");
            try (PreparedStatement seats =
                    c.prepareStatement("UPDATE organization_seats SET used = used + ? WHERE organization_id = ?")) {
                seats.setInt(1, count);
                seats.setObject(2, UUID.fromString(tenant.id));
                seats.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE users");
                s.execute("VACUUM ANALYZE role_assignments");
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id FROM users WHERE organization_id = ? ORDER BY random() LIMIT 100000")) {
                q.setObject(1, UUID.fromString(tenant.id));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        }
    }

    List<String> emails(Tenant tenant, int count) throws Exception {
        List<String> emails = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement(
                        "SELECT email FROM users WHERE organization_id = ? ORDER BY random() LIMIT ?")) {
            q.setObject(1, UUID.fromString(tenant.id));
            q.setInt(2, count);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
            }
        }
        return emails;
    }

    /** The cursor of every page of 20 (null for the first), as the API would hand them out one after the other. */
    List<String> pageCursors(Tenant tenant) throws Exception {
        List<String> cursors = new ArrayList<>();
        cursors.add(null);
        try (Connection c = connect();
                PreparedStatement p = c.prepareStatement("""
                        SELECT s, nanos, id FROM (
                            SELECT extract(epoch FROM date_trunc('second', created_at))::bigint AS s,
                                (extract(microseconds FROM created_at)::bigint % 1000000) * 1000 AS nanos, id,
                                row_number() OVER (ORDER BY created_at, id) AS n
                            FROM users WHERE organization_id = ? AND deleted_at IS NULL) page
                        WHERE n % 20 = 0 ORDER BY n
                        """)) {
            p.setObject(1, UUID.fromString(tenant.id));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    cursors.add(cursor(rs));
                }
            }
        }
        cursors.remove(cursors.size() - 1); // the last page's cursor leads to an empty page
        return cursors;
    }

    /** The API's cursor after the n-th user (the same encoding Roster uses: opaque to clients). */
    String cursorNear(Tenant tenant, int n) throws Exception {
        try (Connection c = connect();
                PreparedStatement p = c.prepareStatement("""
                        SELECT extract(epoch FROM date_trunc('second', created_at))::bigint AS s,
                            (extract(microseconds FROM created_at)::bigint % 1000000) * 1000 AS nanos, id
                        FROM users WHERE organization_id = ? AND deleted_at IS NULL
                        ORDER BY created_at, id OFFSET ? LIMIT 1
                        """)) {
            p.setObject(1, UUID.fromString(tenant.id));
            p.setInt(2, n);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return cursor(rs);
            }
        }
    }

    static String cursor(ResultSet rs) throws Exception {
        String raw = rs.getLong("s") + "." + rs.getLong("nanos") + "." + rs.getString("id");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Waits until Roster has sent every queued email, so that one scenario's mail does not spend CPU in the next
     * scenario's measurement.
     */
    void drainOutbox() throws Exception {
        try (Connection c = connect();
                PreparedStatement p =
                        c.prepareStatement("SELECT count(*) FROM outbox_messages WHERE status = 'pending'")) {
            for (int i = 0; i < 600; i++) {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("The outbox did not drain within a minute");
    }
}
