package dev.roster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the server under test, speaking JSON with a bearer key. */
public final class Api {

    public static final String PLATFORM_KEY = "test-platform-key-0123456789abcdef0123456789";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final AtomicLong CLIENTS = new AtomicLong();

    private final String base;

    /**
     * The address this client says it sends from, in {@code X-Forwarded-For}: a documentation-range IPv6 address
     * (never connected to) of its own, which the test server believes because it trusts loopback as its proxy. Tests
     * then do not share the per-address limits of the sign-in surfaces.
     */
    private final String clientAddress;

    public Api(int port) {
        this("http://127.0.0.1:" + port);
    }

    public Api(String base) {
        this.base = base;
        long client = CLIENTS.incrementAndGet();
        this.clientAddress = "2001:db8::%x:%x".formatted(client >>> 16, client & 0xffff);
    }

    public Response get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    public Response post(String path, String key, Object body) {
        return send("POST", path, key, body, Map.of());
    }

    public Response patch(String path, String key, Object body) {
        return send("PATCH", path, key, body, Map.of());
    }

    public Response delete(String path, String key) {
        return send("DELETE", path, key, null, Map.of());
    }

    /** Sends any request; a String body goes as it is, anything else as JSON (application/json unless a header says). */
    public Response send(String method, String path, String key, Object body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch("X-Forwarded-For"::equalsIgnoreCase)) {
            request.header("X-Forwarded-For", clientAddress);
        }
        String text = body == null ? null : body instanceof String raw ? raw : JSON.writeValueAsString(body);
        request.method(
                method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            return new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers, raw text and the body as JSON. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String text() {
            return raw.body();
        }

        public JsonNode json() {
            return raw.body() == null || raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
        }

        public String field(String name) {
            JsonNode node = json().path(name);
            return node.isNull() || node.isMissingNode() ? null : node.asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
