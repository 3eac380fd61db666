import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Roster's load generator. Seeds organizations, warms up, then drives each scenario for a fixed time at 1, 4 and
 * 16 concurrent clients over keep-alive HTTP with unique request bodies, and measures the database's own ceiling
 * on the same machine through JDBC. Loopback only. Run it through bench/run.
 */
public class LoadGenerator {

    static final int[] CLIENTS = {1, 4, 16};
    static final AtomicLong SEQUENCE = new AtomicLong();

    final String url;
    final String platformKey;
    final long pid;
    final String jdbc;
    final Duration step;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final String run = Long.toString(System.currentTimeMillis(), 36);

    LoadGenerator(Map<String, String> args) {
        url = args.get("url");
        platformKey = args.get("key");
        pid = Long.parseLong(args.get("pid"));
        jdbc = args.get("jdbc");
        step = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "5")));
        if (!URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("The benchmark targets loopback only");
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        SmtpSink.start(Integer.parseInt(args.get("smtp-port")));
        new LoadGenerator(args).runAll(Path.of(args.get("out")));
    }

    void runAll(Path out) throws Exception {
        System.out.printf("Roster benchmark: %s, %d cores, %s per step%n", url, Runtime.getRuntime().availableProcessors(),
                step);
        Tenant plain = tenant("enterprise");
        Tenant inviting = tenant("enterprise");
        Tenant small = tenant("enterprise");
        Tenant large = tenant("enterprise");
        long seedStart = System.nanoTime();
        List<String> smallIds = seed(small, 1_000);
        seed(large, 100_000);
        System.out.printf("Seeded 1,000 and 100,000 users in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
        String deepCursor = cursorNear(large, 99_000);
        String smallDeepCursor = cursorNear(small, 990);

        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("create user (no email)", () -> post("/v1/users", plain.key,
                "{\"email\":\"" + unique("c") + "\",\"sendInvitation\":false}", 201));
        scenarios.put("create + invite (SMTP sink)", () -> post("/v1/users", inviting.key,
                "{\"email\":\"" + unique("i") + "\"}", 201));
        scenarios.put("get user by id", () -> get("/v1/users/" + smallIds.get(ThreadLocalRandom.current()
                .nextInt(smallIds.size())), small.key, 200));
        scenarios.put("list 20, first page, 100k org", () -> get("/v1/users?limit=20", large.key, 200));
        scenarios.put("list 20, deep cursor, 100k org", () -> get("/v1/users?limit=20&cursor=" + deepCursor,
                large.key, 200));
        scenarios.put("list 20, first page, 1k org", () -> get("/v1/users?limit=20", small.key, 200));
        scenarios.put("list 20, deep cursor, 1k org", () -> get("/v1/users?limit=20&cursor=" + smallDeepCursor,
                small.key, 200));
        // The JWKS document is public and read from memory: with a key, the difference is the key's authentication.
        scenarios.put("API key auth, trivial endpoint", () -> get("/.well-known/jwks.json", small.key, 200));
        scenarios.put("no key, same endpoint (baseline)", () -> get("/.well-known/jwks.json", null, 200));

        warmUp(scenarios, 10_000);
        drainOutbox();

        Map<String, Map<Integer, Result>> results = new LinkedHashMap<>();
        for (var scenario : scenarios.entrySet()) {
            Map<Integer, Result> byClients = new LinkedHashMap<>();
            for (int clients : CLIENTS) {
                drainOutbox();
                Result result = drive(scenario.getValue(), clients);
                byClients.put(clients, result);
                System.out.printf("%-34s %2d clients %7.0f req/s  p50 %6.2f  p95 %6.2f  p99 %6.2f ms"
                                + "  CPU us/req: roster %5.0f  postgres %4.0f  client %4.0f%n",
                        scenario.getKey(), clients, result.rps, result.p50, result.p95, result.p99, result.cpuMicros,
                        result.postgresMicros, result.clientMicros);
            }
            results.put(scenario.getKey(), byClients);
        }

        Map<String, Map<Integer, Result>> ceiling = databaseCeiling();
        long rssKiB = rssKiB();
        printRatios(results, ceiling);
        System.out.printf("Roster RSS after the run: %d MiB%n", rssKiB / 1024);
        Files.createDirectories(out.getParent());
        Files.writeString(out, json(results, ceiling, rssKiB));
        System.out.println("Wrote " + out);
    }

    // ---- scenarios ----

    interface Scenario {
        void call() throws Exception;
    }

    record Tenant(String id, String key) {}

    /**
     * @param cpuMicros Roster's CPU (all its threads, GC and JIT included) per request
     * @param postgresMicros the PostgreSQL server processes' CPU per request
     * @param clientMicros this load generator's own CPU per request
     */
    record Result(long requests, double rps, double p50, double p95, double p99, double cpuMicros,
            double postgresMicros, double clientMicros) {}

    Result drive(Scenario scenario, int clients) throws Exception {
        long cpuBefore = cpuTicks();
        long postgresBefore = postgresTicks();
        long clientBefore = clientNanos();
        long deadline = System.nanoTime() + step.toNanos();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Exception> failures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            Thread thread = new Thread(() -> {
                int n = 0;
                try {
                    start.await();
                    while (System.nanoTime() < deadline && n < samples.length - 1) {
                        long t0 = System.nanoTime();
                        scenario.call();
                        samples[++n] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                samples[0] = n;
            });
            threads.add(thread);
            thread.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A request failed", failures.get(0));
        }
        long cpuTicks = cpuTicks() - cpuBefore;
        long postgresTicks = postgresTicks() - postgresBefore;
        long clientNanos = clientNanos() - clientBefore;
        long total = latencies.stream().mapToLong(s -> s[0]).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] samples : latencies) {
            System.arraycopy(samples, 1, all, k, (int) samples[0]);
            k += (int) samples[0];
        }
        Arrays.sort(all);
        long n = Math.max(1, total);
        return new Result(total, total / seconds, pct(all, 50), pct(all, 95), pct(all, 99),
                cpuTicks * 10_000.0 / n, postgresTicks * 10_000.0 / n, clientNanos / 1000.0 / n);
    }

    void warmUp(Map<String, Scenario> scenarios, int requests) throws Exception {
        long t0 = System.nanoTime();
        List<Scenario> all = new ArrayList<>(scenarios.values());
        Thread[] threads = new Thread[4];
        AtomicLong left = new AtomicLong(requests);
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    while (left.decrementAndGet() >= 0) {
                        all.get((int) (left.get() % all.size())).call();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A warm-up request failed", failures.get(0));
        }
        System.out.printf("Warmed up with %,d requests in %.1f s%n", requests, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Waits until Roster has sent every queued email, so that one scenario's mail does not spend CPU in the next
     * scenario's measurement.
     */
    void drainOutbox() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement p = c.prepareStatement(
                        "SELECT count(*) FROM outbox_messages WHERE status = 'pending'")) {
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

    // ---- the database's own ceiling ----

    Map<String, Map<Integer, Result>> databaseCeiling() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_ceiling");
            s.execute("CREATE TABLE bench_ceiling (id uuid PRIMARY KEY, organization_id uuid NOT NULL, email text NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE UNIQUE INDEX ON bench_ceiling (organization_id, email)");
            s.execute("INSERT INTO bench_ceiling SELECT gen_random_uuid(), gen_random_uuid(), 'seed' || g FROM"
                    + " generate_series(1, 1000) g");
        }
        List<UUID> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT id FROM bench_ceiling")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        UUID org = UUID.randomUUID();
        Map<String, Map<Integer, Result>> ceiling = new LinkedHashMap<>();
        ceiling.put("JDBC one-row insert per transaction", new LinkedHashMap<>());
        ceiling.put("JDBC primary-key select", new LinkedHashMap<>());
        for (int clients : CLIENTS) {
            ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
                try {
                    return DriverManager.getConnection(jdbc, "postgres", "");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Result insert = drive(() -> {
                try (PreparedStatement p = connections.get().prepareStatement(
                        "INSERT INTO bench_ceiling (id, organization_id, email) VALUES (?, ?, ?)")) {
                    p.setObject(1, UUID.randomUUID());
                    p.setObject(2, org);
                    p.setString(3, unique("db"));
                    p.executeUpdate();
                }
            }, clients);
            Result select = drive(() -> {
                try (PreparedStatement p = connections.get().prepareStatement("SELECT * FROM bench_ceiling WHERE id = ?")) {
                    p.setObject(1, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                    }
                }
            }, clients);
            ceiling.get("JDBC one-row insert per transaction").put(clients, insert);
            ceiling.get("JDBC primary-key select").put(clients, select);
            System.out.printf("%-34s %2d clients %9.0f rows/s   |  PK select %9.0f/s%n", "database ceiling: insert",
                    clients, insert.rps, select.rps);
        }
        return ceiling;
    }

    void printRatios(Map<String, Map<Integer, Result>> results, Map<String, Map<Integer, Result>> ceiling) {
        System.out.println();
        System.out.println("Roster as a share of the database's own ceiling (same concurrency):");
        for (int clients : CLIENTS) {
            double insert = ceiling.get("JDBC one-row insert per transaction").get(clients).rps;
            double select = ceiling.get("JDBC primary-key select").get(clients).rps;
            System.out.printf("  %2d clients: create %.2f x insert, create+invite %.2f x insert, get %.2f x select%n",
                    clients,
                    results.get("create user (no email)").get(clients).rps / insert,
                    results.get("create + invite (SMTP sink)").get(clients).rps / insert,
                    results.get("get user by id").get(clients).rps / select);
        }
        double authCpu = results.get("API key auth, trivial endpoint").get(16).cpuMicros
                - results.get("no key, same endpoint (baseline)").get(16).cpuMicros;
        System.out.printf("API-key authentication: about %.1f us of Roster CPU per request (16 clients, over baseline)%n",
                authCpu);
        double deep = results.get("list 20, deep cursor, 100k org").get(16).p95;
        double small = results.get("list 20, deep cursor, 1k org").get(16).p95;
        System.out.printf("List p95 at 16 clients, deep cursor: 100k org %.2f ms vs 1k org %.2f ms (%.2f x)%n", deep,
                small, deep / small);
    }

    // ---- HTTP ----

    void post(String path, String key, String body, int expected) throws Exception {
        send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), expected);
    }

    void get(String path, String key, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        send(request, expected);
    }

    String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    Tenant tenant(String plan) throws Exception {
        String org = field(send(HttpRequest.newBuilder(URI.create(url + "/v1/organizations"))
                .header("Authorization", "Bearer " + platformKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench " + unique("o") + "\",\"plan\":\"" + plan
                        + "\"}")), 201), "id");
        String key = field(send(HttpRequest.newBuilder(URI.create(url + "/v1/organizations/" + org + "/api-keys"))
                .header("Authorization", "Bearer " + platformKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"role\":\"admin\"}")), 201), "key");
        return new Tenant(org, key);
    }

    /** Seeds users straight into the database (one statement), with ids spread over time like real ones. */
    List<String> seed(Tenant tenant, int count) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement p = c.prepareStatement("""
                        WITH seeded AS (
                            INSERT INTO users (id, organization_id, email, first_name, last_name, name, status,
                                send_invitation, activated_at, created_at, created_by, updated_at, updated_by)
                            SELECT gen_random_uuid(), ?, 'seed' || g || '-' || ? || '@example.com', 'First' || g,
                                'Last' || g, 'Seed User ' || g, 'active', false, now(),
                                now() - make_interval(secs => ? - g), 'bench', now(), 'bench'
                            FROM generate_series(1, ?) g
                            RETURNING id, organization_id, created_at)
                        INSERT INTO role_assignments (id, organization_id, user_id, role_id, created_at, created_by)
                        SELECT gen_random_uuid(), organization_id, id, '00000000-0000-4000-8000-000000000002',
                            created_at, 'bench'
                        FROM seeded
                        """)) {
            p.setObject(1, UUID.fromString(tenant.id));
            p.setString(2, run + tenant.id.substring(0, 8));
            p.setInt(3, count);
            p.setInt(4, count);
            p.executeUpdate();
            try (PreparedStatement seats = c.prepareStatement(
                    "UPDATE organizations SET seats_used = seats_used + ? WHERE id = ?")) {
                seats.setInt(1, count);
                seats.setObject(2, UUID.fromString(tenant.id));
                seats.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE users");
                s.execute("ANALYZE role_assignments");
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM users WHERE organization_id = ?")) {
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

    /** The API's cursor after the n-th user (the same encoding Roster uses: opaque to clients). */
    String cursorNear(Tenant tenant, int n) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
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
                String raw = rs.getLong("s") + "." + rs.getLong("nanos") + "." + rs.getString("id");
                return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    String unique(String prefix) {
        return prefix + "-" + run + "-" + SEQUENCE.incrementAndGet() + "@bench.example.com";
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // ---- measurements ----

    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU ticks of every PostgreSQL server process on this machine (the embedded one is the only one). */
    long postgresTicks() {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path dir : processes.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("postgres")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    static long clientNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    String json(Map<String, Map<Integer, Result>> results, Map<String, Map<Integer, Result>> ceiling, long rss) {
        StringBuilder out = new StringBuilder("{\n  \"cores\": " + Runtime.getRuntime().availableProcessors()
                + ",\n  \"secondsPerStep\": " + step.toSeconds() + ",\n  \"rosterRssKiB\": " + rss + ",\n  \"scenarios\": {");
        append(out, results);
        out.append("\n  },\n  \"databaseCeiling\": {");
        append(out, ceiling);
        return out.append("\n  }\n}\n").toString();
    }

    static void append(StringBuilder out, Map<String, Map<Integer, Result>> results) {
        String sep = "";
        for (var scenario : results.entrySet()) {
            out.append(sep).append("\n    \"").append(scenario.getKey()).append("\": {");
            String inner = "";
            for (var r : scenario.getValue().entrySet()) {
                Result v = r.getValue();
                out.append(inner).append(String.format(
                        "\n      \"%d\": {\"requests\": %d, \"rps\": %.1f, \"p50ms\": %.3f, \"p95ms\": %.3f, \"p99ms\": %.3f,"
                                + " \"rosterCpuMicrosPerRequest\": %.1f, \"postgresCpuMicrosPerRequest\": %.1f,"
                                + " \"clientCpuMicrosPerRequest\": %.1f}",
                        r.getKey(), v.requests, v.rps, v.p50, v.p95, v.p99, v.cpuMicros, v.postgresMicros,
                        v.clientMicros));
                inner = ",";
            }
            out.append("\n    }");
            sep = ",";
        }
    }

    /**
     * Steady load for the fault scenarios (reliability/): a fixed number of closed-loop clients, each calling one
     * request after another until stopped, with every answer journaled (start, end, status, body), so that a
     * scenario can tell which requests were refused during a fault and check what the answered ones left behind.
     */
    public static final class Steady {

        /** One request: when it started and ended (System.nanoTime), its status (-1 for no answer) and body. */
        public record Call(String label, long startNanos, long endNanos, int status, String body) {}

        public interface Request {
            Call call(HttpClient http) throws Exception;
        }

        final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        final List<Call> journal = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();
        volatile boolean stopped;

        /** Starts {@code clients} threads, each calling {@code request} until {@link #stop()}. */
        public Steady(int clients, Request request) {
            for (int i = 0; i < clients; i++) {
                Thread thread = new Thread(() -> {
                    while (!stopped) {
                        long t0 = System.nanoTime();
                        try {
                            journal.add(request.call(http));
                        } catch (Exception e) {
                            journal.add(new Call(e.getClass().getSimpleName(), t0, System.nanoTime(), -1, ""));
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException interrupted) {
                                return;
                            }
                        }
                    }
                }, "steady-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        /** Stops the clients after their current request and answers everything they journaled. */
        public List<Call> stop() throws InterruptedException {
            stopped = true;
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            synchronized (journal) {
                return new ArrayList<>(journal);
            }
        }

        public List<Call> snapshot() {
            synchronized (journal) {
                return new ArrayList<>(journal);
            }
        }

        /** A POST with a bearer key and a JSON body, journaled under {@code label}. */
        public static Call post(HttpClient http, String url, String key, String body, String label) throws Exception {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Call(label, t0, System.nanoTime(), response.statusCode(), response.body());
        }
    }

    /**
     * A minimal SMTP server on loopback that accepts every message and hands its recipients to a listener (the
     * benchmark discards them; the fault scenarios count them). Closing the returned socket refuses connections.
     */
    public static final class SmtpSink {
        static void start(int port) throws IOException {
            start(port, recipients -> {});
        }

        public static ServerSocket start(int port, java.util.function.Consumer<List<String>> received)
                throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread session = new Thread(() -> serve(socket, received));
                        session.setDaemon(true);
                        session.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        }

        static void serve(Socket socket, java.util.function.Consumer<List<String>> received) {
            try (socket;
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII));
                    OutputStream out = socket.getOutputStream()) {
                reply(out, "220 sink");
                List<String> recipients = new ArrayList<>();
                boolean data = false;
                for (String line; (line = in.readLine()) != null; ) {
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            // Handed over before the answer: a message the server accepted is a message received.
                            received.accept(List.copyOf(recipients));
                            recipients.clear();
                            reply(out, "250 queued");
                        }
                        continue;
                    }
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (verb) {
                        case "EHLO", "HELO" -> reply(out, "250 sink");
                        case "RCPT" -> {
                            recipients.add(line.substring(line.indexOf(':') + 1).trim().replaceAll("^<|>$", "")
                                    .toLowerCase());
                            reply(out, "250 ok");
                        }
                        case "DATA" -> {
                            data = true;
                            reply(out, "354 go on");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "250 ok");
                    }
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
