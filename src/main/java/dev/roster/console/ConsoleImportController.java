package dev.roster.console;

import dev.roster.imports.ImportCounts;
import dev.roster.imports.ImportJob;
import dev.roster.imports.ImportService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One import's page: its state, progress and counts (which htmx asks for again every two seconds while it runs, and
 * a Refresh link reloads without JavaScript), its rows a page at a time in file order, filtered by outcome, and
 * Cancel while it is queued or running.
 */
@Controller
@Hidden
class ConsoleImportController {

    private static final String PAGE = ConsoleImportsController.LIST + "/{importId}";

    /** The states of an import that has not ended. */
    private static final Set<String> RUNNING = Set.of("queued", "running");

    /** Rows a page. */
    static final int ROWS = 50;

    /** The row outcomes the filter offers, with their labels; the same labels name each row's outcome. */
    static final Map<String, String> OUTCOMES = outcomes();

    private static final Map<String, String> DONE = Map.of(
            "started", "The import started: its rows are created in the background, and this page follows it.",
            "cancelled", "The import was cancelled: rows not processed yet stay so.");

    private final ImportService imports;

    ConsoleImportController(ImportService imports) {
        this.imports = imports;
    }

    /**
     * The page; htmx's poll ({@code HX-Request}) gets only the progress, and {@code shown} (the state its page
     * shows) says whether the state changed, to announce it; when the import has ended, the poll brings the rows'
     * first page again too, since their outcomes changed while the page showed them.
     */
    @GetMapping(PAGE)
    String show(
            Caller caller,
            @PathVariable UUID importId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            @RequestParam(required = false) String shown,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        response.setHeader(HttpHeaders.VARY, "HX-Request");
        String filter = Forms.blankToNull(outcome);
        String position = Forms.blankToNull(cursor);
        boolean poll = Forms.htmx(request);
        ImportJob job = imports.get(caller, null, importId, filter, position, poll ? 1 : ROWS);
        boolean announce = !job.state().equals(shown);
        boolean ended = !RUNNING.contains(job.state());
        if (poll && announce && ended) {
            job = imports.get(caller, null, importId, filter, position, ROWS);
        }
        model.addAttribute("job", job);
        model.addAttribute("state", sentence(job));
        model.addAttribute("outcome", filter);
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("readsMembers", caller.grants().holds(Permission.USERS_READ));
        model.addAttribute("poll", Forms.link(pathOf(importId), withState(filter, position, job.state())));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("outcome", filter);
        Forms.pages(model, pathOf(importId), filters, position, job.rows().nextCursor());
        if (poll) {
            model.addAttribute("announce", announce);
            model.addAttribute("rowsAgain", announce && ended);
            return "fragments/import :: poll";
        }
        model.addAttribute("done", Forms.done(DONE, done));
        model.addAttribute("links", new AuditLinks(caller));
        model.addAttribute("cancelling", cancelling(importId));
        return "console/import";
    }

    @GetMapping(PAGE + "/cancel")
    String confirmCancel(Caller caller, @PathVariable UUID importId, Model model) {
        imports.get(caller, null, importId, null, null, 1);
        model.addAttribute("confirmation", cancelling(importId));
        return "console/confirm";
    }

    @PostMapping(PAGE + "/cancel")
    String cancel(Caller caller, @PathVariable UUID importId, HttpServletResponse response) {
        imports.cancel(caller, null, importId);
        return ConsoleAdvice.redirect(response, pathOf(importId) + "?done=cancelled");
    }

    /** The import's state in a sentence, for the page's status region. */
    static String sentence(ImportJob job) {
        ImportCounts counts = job.counts();
        return switch (job.state()) {
            case "queued" -> "The import is queued.";
            case "running" -> "The import is running.";
            case "completed" ->
                "The import is complete: " + counts.invited() + " invited, " + counts.created()
                        + " created without an invitation, " + counts.alreadyMember() + " already members, "
                        + counts.failed() + " failed.";
            case "cancelled" -> "The import was cancelled.";
            default ->
                "The import stopped: "
                        + (job.error() == null ? job.state() : job.error().message());
        };
    }

    private static String pathOf(UUID importId) {
        return ConsoleImportsController.LIST + "/" + importId;
    }

    /** The poll's parameters: the rows shown (to bring them again at the end) and the state shown. */
    private static Map<String, String> withState(String outcome, String cursor, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("outcome", outcome);
        parameters.put("cursor", cursor);
        parameters.put("shown", state);
        return parameters;
    }

    private static Confirmation cancelling(UUID importId) {
        String page = pathOf(importId);
        return new Confirmation(
                "Cancel this import?",
                "Rows not processed yet are left so, and nobody more is created or invited; a row being processed"
                        + " finishes first. Members already created stay.",
                page + "/cancel",
                "Cancel the import",
                page);
    }

    private static Map<String, String> outcomes() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        outcomes.put("failed", "Failed (the row or its manager)");
        outcomes.put("invited", "Invited");
        outcomes.put("created", "Created without an invitation");
        outcomes.put("already_member", "Already a member");
        outcomes.put("not_processed", "Not processed");
        outcomes.put("pending", "Waiting");
        return Collections.unmodifiableMap(outcomes);
    }
}
