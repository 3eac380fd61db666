package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.Pages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's import form as a browser without JavaScript (or htmx) sends it, for the import tests. */
final class ConsoleImports {

    /** The header htmx sends with its requests. */
    static final Map<String, String> HTMX = Map.of("HX-Request", "true");

    private static final Pattern DIGEST = Pattern.compile("name=\"checked\"\\s+value=\"([0-9a-f]{64})\"");

    private final Api api;
    private final Pages browser;

    ConsoleImports(Api api, Pages browser) {
        this.api = api;
        this.browser = browser;
    }

    /** A CSV file: the header, then one line per row, each ending with CRLF. */
    static byte[] csv(String header, String... rows) {
        StringBuilder csv = new StringBuilder(header).append("\r\n");
        Arrays.stream(rows).forEach(row -> csv.append(row).append("\r\n"));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A file of exactly this many bytes: one row whose first name fills it (and is too long to create). */
    static byte[] ofSize(int bytes) {
        String start = "email,firstName\r\nlong@example.com,";
        return (start + "x".repeat(bytes - start.length())).getBytes(StandardCharsets.UTF_8);
    }

    /** The options with one field changed. */
    static Map<String, String> with(Map<String, String> options, String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(options);
        changed.put(field, value);
        return changed;
    }

    /** The digest the dry run's Start button carries. */
    static String digest(String page) {
        Matcher found = DIGEST.matcher(page);
        assertThat(found.find()).as("a Start button in " + page).isTrue();
        return found.group(1);
    }

    HttpResponse<String> check(Map<String, String> options, byte[] csv) {
        return check(Map.of(), options, csv);
    }

    HttpResponse<String> check(Map<String, String> headers, Map<String, String> options, byte[] csv) {
        return check(headers, options, "people.csv", csv);
    }

    /** The dry run of a file of this name (an empty name: no file chosen). */
    HttpResponse<String> check(Map<String, String> headers, Map<String, String> options, String name, byte[] csv) {
        return browser.postFile("/console/imports/check", headers, options, "file", name, csv);
    }

    /** Starts the import of a file the dry run checked, and answers the path of its page. */
    String start(Map<String, String> options, byte[] csv, String digest) {
        HttpResponse<String> started = startAnswer(Map.of(), options, csv, digest);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/console/imports/[0-9a-f-]{36}\\?done=started");
        return location.substring(0, location.indexOf('?'));
    }

    HttpResponse<String> startAnswer(
            Map<String, String> headers, Map<String, String> options, byte[] csv, String digest) {
        return browser.postFile(
                "/console/imports", headers, with(options, "checked", digest), "file", "people.csv", csv);
    }

    /** Waits until the import of this page has ended (completed, failed or cancelled), as the API sees it. */
    void awaitEnd(String key, String page) {
        String id = page.substring(page.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("completed", "failed", "cancelled")
                        .contains(api.get("/v1/imports/" + id, key).field("state")));
    }
}
