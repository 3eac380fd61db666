package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * What the console's forms share: an action that answers with its redirect, or with its form again showing the
 * service's refusal (its status, message and each field's error) beside what was typed; encoded links; and the
 * "shown once" answer of a new secret.
 */
final class Forms {

    private Forms() {}

    /**
     * Runs a form's action. A refusal shows the form again (from {@code form}) with the refusal's status and
     * problem; a 404 is the problem page, since the object the form was about is gone or never was.
     */
    static String submit(HttpServletResponse response, Model model, Supplier<String> action, Supplier<String> form) {
        try {
            return action.get();
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("problem", Problem.of(e));
            return form.get();
        }
    }

    /** Runs a form's action and sends the browser to {@code target}; a refusal shows the form again, as above. */
    static String submit(
            HttpServletResponse response, Model model, Runnable action, String target, Supplier<String> form) {
        return submit(
                response,
                model,
                () -> {
                    action.run();
                    return ConsoleAdvice.redirect(response, target);
                },
                form);
    }

    /**
     * Puts a list's page links in the model: "First page" when this is not the first, "Next page" when another
     * follows, each keeping the list's filters.
     */
    static void pages(Model model, String path, Map<String, String> filters, String cursor, String nextCursor) {
        model.addAttribute("first", cursor == null ? null : link(path, filters));
        Map<String, String> next = new LinkedHashMap<>(filters);
        next.put("cursor", nextCursor);
        model.addAttribute("next", nextCursor == null ? null : link(path, next));
    }

    /**
     * Prepares the one answer that shows a new secret: never cached, never stored by the browser or a proxy, and
     * never in a URL (it is the POST's own answer, not a redirect).
     */
    static void showOnce(HttpServletResponse response, Model model, String secret) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        model.addAttribute("secret", secret);
    }

    /** A path with its query parameters encoded, the null ones left out. */
    static String link(String path, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    /** A whole number typed in a form; blank is null, anything else is 400 on the field. */
    static Integer number(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }

    /** A form's choices (roles, groups...) read only when the member may read them; none otherwise. */
    static <T> List<T> readable(Caller caller, Permission permission, Supplier<List<T>> read) {
        return caller.grants().holds(permission) ? read.get() : List.of();
    }

    /** Whether the request is htmx's (which swaps a part of the page), not a page load or a history restore. */
    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && request.getHeader("HX-History-Restore-Request") == null;
    }

    /** An id chosen in a form; blank is null, anything else that is no id is 400 on the field. */
    static UUID id(String field, String text) {
        String value = blankToNull(text);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "is not an id");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A message for a {@code done} parameter, from the page's fixed list: never text from the URL. */
    static String done(Map<String, String> messages, String done) {
        return done == null ? null : messages.get(done);
    }
}
