package dev.roster.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A webhook receiver on loopback that records what it gets and answers as a test tells it to. A test class holds
 * one as {@code @RegisterExtension static final Receiver receiver = Receiver.started();}, and it stops after the
 * class.
 */
public final class Receiver implements AutoCloseable, AfterAllCallback {

    public record Received(String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CountDownLatch hold = holds.get(path);
            if (hold != null) {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicInteger failures = failuresLeft.get(path);
            int status = failures != null && failures.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(
                        path,
                        Map.of(
                                "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                                "webhook-timestamp",
                                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                                "webhook-signature",
                                        exchange.getRequestHeaders().getFirst("webhook-signature")),
                        body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** A started receiver, for a static field initializer. */
    public static Receiver started() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code count} deliveries to this path are answered 503. */
    public void failNext(String path, int count) {
        failuresLeft.put(path, new AtomicInteger(count));
    }

    /** Deliveries to this path wait until the latch opens. */
    public void hold(String path, CountDownLatch latch) {
        holds.put(path, latch);
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
