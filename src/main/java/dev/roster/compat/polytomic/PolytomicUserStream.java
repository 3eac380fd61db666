package dev.roster.compat.polytomic;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polytomic's unpaged list, {@code {"data": [users]}}, written to the response a page at a time as the pages are
 * read, so that a node holds one page of users however many the organization has. Nothing is written before the
 * first page arrives, so a refusal still gets Polytomic's error body.
 */
final class PolytomicUserStream {

    /** The users read and written at a time. */
    static final int PAGE = 200;

    private final JsonMapper json;
    private final HttpServletResponse response;
    private OutputStream out;
    private boolean first = true;

    PolytomicUserStream(JsonMapper json, HttpServletResponse response) {
        this.json = json;
        this.response = response;
    }

    void write(List<PolytomicUser> users) {
        try {
            start();
            for (PolytomicUser user : users) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(json.writeValueAsBytes(user));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void finish() throws IOException {
        start();
        out.write("]}".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void start() throws IOException {
        if (out == null) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            out = response.getOutputStream();
            out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
        }
    }
}
