package dev.roster.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosted pages as a browser without JavaScript uses them: GETs and form POSTs, no redirect followed (so that a
 * test sees each answer), cookies kept as a browser keeps them, and each form sent with the CSRF token of the last
 * page that had one. For what a real browser proves, use Playwright.
 */
public final class Pages {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final String clientAddress;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public Pages(int port, String clientAddress) {
        this.base = "http://127.0.0.1:" + port;
        this.clientAddress = clientAddress;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    /** A GET with one more cookie than the jar holds, as a cookie set for another path. */
    public HttpResponse<String> get(String path, String cookie) {
        return send("GET", path, cookie, null);
    }

    /**
     * Posts a form, url-encoded as a browser sends it, with the CSRF token of the last page that had a form (the
     * sign-in page's, when no page was opened yet: a browser would have opened one).
     */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, null, form);
    }

    public HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
        if (csrf == null) {
            get("/login");
        }
        Map<String, String> withToken = new LinkedHashMap<>(form);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        return send("POST", path, cookie, withToken);
    }

    /** Posts a form whose fields may repeat (several checkboxes of one name), with the CSRF token as {@link #post}. */
    public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
        if (csrf == null) {
            get("/login");
        }
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> field : fields) {
            body.append('&')
                    .append(field.getKey())
                    .append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return sendBody("POST", path, null, body.toString());
    }

    /**
     * Posts a form with a file, multipart as a browser sends a form of {@code enctype="multipart/form-data"}, with the
     * CSRF token as {@link #post}; {@code headers} are sent too (such as htmx's {@code HX-Request}).
     */
    public HttpResponse<String> postFile(
            String path,
            Map<String, String> headers,
            Map<String, String> form,
            String fileField,
            String fileName,
            byte[] file) {
        return postMultipart(path, headers, form, fileField, fileName, file, false);
    }

    /** As {@link #postFile}, but chunked, without a Content-Length, as no browser sends a form but any client may. */
    public HttpResponse<String> postFileChunked(
            String path, Map<String, String> form, String fileField, String fileName, byte[] file) {
        return postMultipart(path, Map.of(), form, fileField, fileName, file, true);
    }

    private HttpResponse<String> postMultipart(
            String path,
            Map<String, String> headers,
            Map<String, String> form,
            String fileField,
            String fileName,
            byte[] file,
            boolean chunked) {
        if (csrf == null) {
            get("/login");
        }
        String boundary = "----RosterTestBoundary" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", csrf);
        withToken.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        byte[] bytes = body.toByteArray();
        return exchange(
                "POST",
                path,
                all,
                chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** A GET with these headers besides the cookies (such as htmx's {@code HX-Request}). */
    public HttpResponse<String> getWith(String path, Map<String, String> headers) {
        return exchange("GET", path, headers, HttpRequest.BodyPublishers.noBody());
    }

    /** Posts a form as another site's page would: without the token, with whatever cookies the browser has. */
    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
        return send("POST", path, null, form);
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private HttpResponse<String> send(String method, String path, String cookie, Map<String, String> form) {
        if (form == null) {
            return sendBody(method, path, cookie, null);
        }
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return sendBody(method, path, cookie, body.toString());
    }

    private HttpResponse<String> sendBody(String method, String path, String cookie, String form) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        if (form == null) {
            return exchange(method, path, headers, HttpRequest.BodyPublishers.noBody());
        }
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return exchange(method, path, headers, HttpRequest.BodyPublishers.ofString(form));
    }

    /** Sends a request with the browser's cookies (after a Cookie header of {@code headers}, if any). */
    private HttpResponse<String> exchange(
            String method, String path, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress);
        StringBuilder jar = new StringBuilder(headers.getOrDefault("Cookie", ""));
        cookies.forEach((name, value) ->
                jar.append(jar.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.toString());
        }
        headers.forEach((name, value) -> {
            if (!name.equals("Cookie")) {
                request.header(name, value);
            }
        });
        request.method(method, body);
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        keep(response);
        return response;
    }

    private void keep(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).strip();
            if (header.contains("Max-Age=0") || pair.substring(equals + 1).isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(equals + 1));
            }
        }
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
    }
}
