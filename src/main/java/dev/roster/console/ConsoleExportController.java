package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.user.User;
import dev.roster.user.UserQuery;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The members list as CSV: every page of the current search, filters and order, written as it is read (200 members a
 * query, by the same cursors as the pages), so a 100,000-member export never sits in memory. Cells are quoted, and
 * one that a spreadsheet would run as a formula gets a leading apostrophe.
 */
@Controller
@Hidden
class ConsoleExportController {

    private static final int CHUNK = 200;

    private final UserService users;
    private final Clock clock;

    ConsoleExportController(UserService users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/console/members/export.csv")
    void export(
            Caller caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String inactive,
            @RequestParam(required = false) String sort,
            HttpServletResponse response)
            throws IOException {
        UserQuery query =
                MemberFilters.of(q, status, role, group, inactive, sort).query(clock.instant());
        // The first page is read before anything is written, so that a refusal is still a page of its own.
        Page<User> page = users.list(caller, null, query, null, CHUNK);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"members.csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write("id,email,first_name,last_name,status,roles,created_at,last_login_at\r\n");
        while (true) {
            for (User user : page.data()) {
                row(
                        out,
                        user.id().toString(),
                        user.email(),
                        user.firstName(),
                        user.lastName(),
                        user.deletedAt() != null ? "deleted" : user.status().code(),
                        String.join(" ", user.roles()),
                        String.valueOf(user.createdAt()),
                        user.lastLoginAt() == null ? "" : user.lastLoginAt().toString());
            }
            if (page.nextCursor() == null) {
                break;
            }
            page = users.list(caller, null, query, page.nextCursor(), CHUNK);
        }
        out.flush();
    }

    private static void row(Writer out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    /** A quoted CSV cell; text a spreadsheet would take for a formula (= + - @, tab, return) is defused. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
