package dev.roster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The hosted pages as a browser without JavaScript uses them: GETs and form POSTs, a cookie when given, and no
 * redirect followed, so that a test sees each answer. For what a real browser proves, use Playwright.
 */
public final class Pages {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;
    private final String clientAddress;

    public Pages(int port, String clientAddress) {
        this.base = "http://127.0.0.1:" + port;
        this.clientAddress = clientAddress;
    }

    public HttpResponse<String> get(String path, String cookie) {
        return send("GET", path, cookie, null);
    }

    /** Posts a form, url-encoded as a browser sends it. */
    public HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
        return send("POST", path, cookie, form);
    }

    private HttpResponse<String> send(String method, String path, String cookie, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            StringBuilder body = new StringBuilder();
            form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
