package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** Sends CSV files to the import API and waits for imports, for the import tests. */
final class Imports {

    private final Api api;

    Imports(Api api) {
        this.api = api;
    }

    /** A CSV file: the header, then one line per row, each line ending with CRLF. */
    static String csv(String header, List<String> rows) {
        StringBuilder csv = new StringBuilder(header).append("\r\n");
        rows.forEach(row -> csv.append(row).append("\r\n"));
        return csv.toString();
    }

    /** POSTs a file as text/csv to {@code /v1/imports} with these query parameters (such as "dryRun=true"). */
    Api.Response post(String key, String query, String csv) {
        return post("/v1/imports", key, query, csv);
    }

    Api.Response post(String path, String key, String query, String csv) {
        return api.send(
                "POST", path + (query.isEmpty() ? "" : "?" + query), key, csv, Map.of("Content-Type", "text/csv"));
    }

    /** Starts an import and answers its id, checking that it was accepted. */
    String start(String key, String query, String csv) {
        Api.Response started = post(key, query, csv);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.field("id");
    }

    /** Waits until the import is in one of the states, and answers it with a page of its rows. */
    JsonNode await(String key, String id, Duration atMost, String... states) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Response got = api.get("/v1/imports/" + id, key);
            last.set(got.json());
            return List.of(states).contains(got.field("state"));
        });
        return last.get();
    }

    /** Every row of the import with this outcome filter (null for all), following the cursors. */
    List<JsonNode> rows(String key, String id, String outcome) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            String query = "?limit=200" + (outcome == null ? "" : "&outcome=" + outcome)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Response page = api.get("/v1/imports/" + id + query, key);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("rows").path("data").forEach(rows::add);
            JsonNode next = page.json().path("rows").path("nextCursor");
            cursor = next.isMissingNode() || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return rows;
    }
}
