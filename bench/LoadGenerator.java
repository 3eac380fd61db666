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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's driver. {@code roster} and {@code keycloak} seed one system, warm it up and drive each of its
 * scenarios for a fixed time at each client count over keep-alive HTTP/1.1 ({@link LeanHttp}), measuring requests/s,
 * latency percentiles and the CPU per request of the server, of its PostgreSQL and of this generator;
 * {@code compare} reads both result files and prints the side-by-side table. Loopback only. Run it through
 * bench/run, which starts PostgreSQL, Roster and Keycloak one after the other.
 */
public class LoadGenerator {

    static final AtomicLong SEQUENCE = new AtomicLong();
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    final Map<String, String> args;
    final String url;
    final long serverPid;
    final long postgresPid;
    final Duration step;
    final Duration stepWarmUp;
    final int[] clientCounts;
    /** Run before each measured step. */
    Settle settle = () -> {};
    /** The users of the organization (or realm) both systems list and read: 30,000 unless told. */
    final int compared;
    final Map<String, Map<Integer, Result>> results = new LinkedHashMap<>();

    LoadGenerator(Map<String, String> args) {
        this.args = args;
        url = args.get("url");
        serverPid = Long.parseLong(args.get("pid"));
        postgresPid = Long.parseLong(args.get("pg-pid"));
        step = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "5")));
        stepWarmUp = Duration.ofSeconds(Long.parseLong(args.getOrDefault("step-warm-up", "3")));
        clientCounts = Arrays.stream(args.getOrDefault("clients", "1,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        compared = Integer.parseInt(args.getOrDefault("compared", "30000"));
        if (!URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("The benchmark targets loopback only");
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 1; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        switch (argv[0]) {
            case "roster" -> {
                SmtpSink.start(Integer.parseInt(args.get("smtp-port")));
                new RosterBench(new LoadGenerator(args)).run();
            }
            case "keycloak" -> new KeycloakBench(new LoadGenerator(args)).run();
            case "compare" -> Compare.main(args);
            default -> throw new IllegalArgumentException("roster, keycloak or compare");
        }
    }

    // ---- scenarios and their measurement ----

    /** One request of a scenario, made by one client on its own connection. */
    interface Scenario {
        void call(Client client) throws Exception;
    }

    /** Waits until the system has finished what earlier requests left it to do (Roster: sending queued email). */
    interface Settle {
        void run() throws Exception;
    }

    /** A client thread's connection and whatever a scenario keeps between its requests (a cursor, an offset). */
    static final class Client {
        final LeanHttp http;
        String cursor;
        long position;

        Client(String url) {
            http = new LeanHttp(url);
        }
    }

    /**
     * @param serverMicros the server's CPU (all its threads, GC and JIT included) per request
     * @param postgresMicros the CPU of the PostgreSQL server (postmaster and every backend) per request
     * @param clientMicros this generator's own CPU per request
     */
    record Result(long requests, double rps, double p50, double p95, double p99, double serverMicros,
            double postgresMicros, double clientMicros) {

        double totalMicros() {
            return serverMicros + postgresMicros;
        }
    }

    /** Drives the scenario at each client count and prints and keeps each step's figures. */
    void measure(String name, Scenario scenario, int... counts) throws Exception {
        Map<Integer, Result> byClients = new LinkedHashMap<>();
        for (int clients : counts.length == 0 ? clientCounts : counts) {
            // The same step unmeasured first: a scenario measured right after another would otherwise pay for the
            // just-in-time compilation of code the shared warm-up ran too seldom, and for the previous step's garbage.
            drive(scenario, clients, stepWarmUp);
            settle.run();
            Result r = drive(scenario, clients, step);
            byClients.put(clients, r);
            System.out.printf("%-44s %2d clients %7.0f req/s  p50 %6.2f  p95 %6.2f  p99 %6.2f ms"
                            + "  CPU us/req: server %5.0f + postgres %5.0f = %5.0f  (generator %4.0f)%n",
                    name, clients, r.rps, r.p50, r.p95, r.p99, r.serverMicros, r.postgresMicros, r.totalMicros(),
                    r.clientMicros);
        }
        results.put(name, byClients);
    }

    Result drive(Scenario scenario, int clients, Duration duration) throws Exception {
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        long[] deadline = new long[1];
        for (int i = 0; i < clients; i++) {
            long[] samples = new long[1_000_000];
            latencies.add(samples);
            Thread thread = new Thread(() -> {
                int n = 0;
                Client client = new Client(url);
                try {
                    scenario.call(client); // opens the connection before the clock starts
                    ready.countDown();
                    start.await();
                    while (System.nanoTime() < deadline[0] && n < samples.length - 1) {
                        long t0 = System.nanoTime();
                        scenario.call(client);
                        samples[++n] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    failures.add(e);
                    ready.countDown();
                } finally {
                    client.http.close();
                }
                samples[0] = n;
            });
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long serverBefore = ticks(serverPid);
        long postgresBefore = postgresTicks();
        long clientBefore = clientNanos();
        long t0 = System.nanoTime();
        deadline[0] = t0 + duration.toNanos();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long serverTicks = ticks(serverPid) - serverBefore;
        long postgresTicks = postgresTicks() - postgresBefore;
        long clientNanos = clientNanos() - clientBefore;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A request failed", failures.get(0));
        }
        long total = latencies.stream().mapToLong(s -> s[0]).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] samples : latencies) {
            System.arraycopy(samples, 1, all, k, (int) samples[0]);
            k += (int) samples[0];
        }
        Arrays.sort(all);
        long n = Math.max(1, total);
        double tick = 1_000_000.0 / clockTicksPerSecond();
        return new Result(total, total / seconds, pct(all, 50), pct(all, 95), pct(all, 99), serverTicks * tick / n,
                postgresTicks * tick / n, clientNanos / 1000.0 / n);
    }

    /** The same number of requests for every system, spread over its scenarios, from 4 clients. */
    void warmUp(Map<String, Scenario> scenarios, int requests) throws Exception {
        long t0 = System.nanoTime();
        List<Scenario> all = new ArrayList<>(scenarios.values());
        AtomicLong left = new AtomicLong(requests);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> {
                Client client = new Client(url);
                try {
                    for (long n; (n = left.decrementAndGet()) >= 0; ) {
                        all.get((int) (n % all.size())).call(client);
                    }
                } catch (Exception e) {
                    failures.add(e);
                } finally {
                    client.http.close();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A warm-up request failed", failures.get(0));
        }
        System.out.printf("Warmed up with %,d requests in %.1f s%n", requests, (System.nanoTime() - t0) / 1e9);
    }

    /** Runs {@code task(i)} for i in [0, count) on {@code clients} threads, each with its own connection. */
    void parallel(int count, int clients, IndexedTask task) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread thread = new Thread(() -> {
                Client client = new Client(url);
                try {
                    for (long i; (i = next.getAndIncrement()) < count; ) {
                        task.run(client, (int) i);
                    }
                } catch (Exception e) {
                    failures.add(e);
                } finally {
                    client.http.close();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A setup request failed", failures.get(0));
        }
    }

    interface IndexedTask {
        void run(Client client, int index) throws Exception;
    }

    // ---- HTTP helpers ----

    static LeanHttp.Response expect(LeanHttp.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException(response.status() + " " + response.body());
        }
        return response;
    }

    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet() + "@bench.example.com";
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // ---- measurements ----

    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU ticks of this run's PostgreSQL: its postmaster and every process it started (backends, WAL writer...). */
    long postgresTicks() throws IOException {
        long sum = ticks(postgresPid);
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path dir : processes.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postgresPid) {
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        return sum;
    }

    static long clockTicksPerSecond() {
        return 100; // USER_HZ on Linux
    }

    static long clientNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + serverPid + "/status"))) {
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

    /**
     * Writes every step as a tab-separated line ({@code system scenario clients rps p50 p95 p99 server postgres
     * generator}) and the facts of the run ({@code # name value}), which {@code compare} reads.
     */
    void write(String system, Map<String, String> facts) throws IOException {
        Path out = Path.of(args.get("out"));
        Files.createDirectories(out.getParent());
        StringBuilder text = new StringBuilder();
        facts.forEach((name, value) -> text.append("# ").append(name).append('\t').append(value).append('\n'));
        for (var scenario : results.entrySet()) {
            for (var step : scenario.getValue().entrySet()) {
                Result r = step.getValue();
                text.append(String.format("%s\t%s\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\t%.1f%n", system,
                        scenario.getKey(), step.getKey(), r.rps, r.p50, r.p95, r.p99, r.serverMicros, r.postgresMicros,
                        r.clientMicros));
            }
        }
        Files.writeString(out, text);
        System.out.println("Wrote " + out);
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
