package dev.roster.console;

import dev.roster.audit.AuditEvent;
import dev.roster.audit.AuditQuery;
import dev.roster.audit.AuditService;
import dev.roster.shared.Caller;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.Page;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's audit log (audit:read), newest first in keyset pages, filtered by who acted, what they did, the
 * object's kind or id and a range of days (UTC), all in a bookmarkable URL; each event links to its object and its
 * actor. htmx swaps only the results when the filters change.
 */
@Controller
@Hidden
class ConsoleAuditController {

    private static final String PATH = "/console/audit";

    /** One event as the page shows it, with where its object and actor are. */
    record AuditRow(AuditEvent event, String targetLink, String actorLink, String changed) {}

    private final AuditService audit;

    ConsoleAuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping(PATH)
    String list(
            Caller caller,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("actor", Forms.blankToNull(actor));
        filters.put("action", Forms.blankToNull(action));
        filters.put("targetType", Forms.blankToNull(targetType));
        filters.put("target", Forms.blankToNull(target));
        filters.put("from", Forms.blankToNull(from));
        filters.put("to", Forms.blankToNull(to));
        model.addAttribute("filters", filters);
        model.addAttribute("targetTypes", AuditLinks.TARGET_TYPES);
        String position = Forms.blankToNull(cursor);
        response.setHeader(HttpHeaders.VARY, "HX-Request");
        boolean htmx = Forms.htmx(request);
        try {
            List<Instant> days = days(filters.get("from"), filters.get("to"));
            AuditQuery query = new AuditQuery(
                    filters.get("action"),
                    filters.get("actor"),
                    filters.get("targetType"),
                    filters.get("target"),
                    days.get(0),
                    days.get(1),
                    true);
            Page<AuditEvent> page = audit.list(caller, null, query, position, ConsoleMembersController.PAGE_SIZE);
            AuditLinks links = new AuditLinks(caller);
            model.addAttribute(
                    "events",
                    page.data().stream().map(event -> row(event, links)).toList());
            Forms.pages(model, PATH, filters, position, page.nextCursor());
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            // htmx swaps only a 2xx answer: the results it swaps in say what is wrong instead.
            response.setStatus(htmx ? 200 : e.status().value());
            model.addAttribute("problem", Problem.of(e));
            model.addAttribute("events", List.of());
        }
        return htmx ? "console/audit :: results" : "console/audit";
    }

    /** The instants of a range of whole days in UTC: from the start of {@code from} to the end of {@code to}. */
    private static List<Instant> days(String from, String to) {
        List<FieldViolation> problems = new ArrayList<>();
        Instant start = day("from", from, problems);
        Instant end = day("to", to, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (start != null && end != null && !start.isBefore(end.plusSeconds(86_400))) {
            throw ProblemException.invalid("to", "must not be before the first day");
        }
        List<Instant> range = new ArrayList<>();
        range.add(start);
        range.add(end == null ? null : end.plusSeconds(86_400));
        return range;
    }

    private static Instant day(String field, String value, List<FieldViolation> problems) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldViolation(field, "must be a date such as 2026-12-01"));
            return null;
        }
    }

    private static AuditRow row(AuditEvent event, AuditLinks links) {
        return new AuditRow(
                event,
                links.target(event.targetType(), event.targetId()),
                links.actor(event.actor()),
                String.join(", ", event.changes().keySet()));
    }
}
