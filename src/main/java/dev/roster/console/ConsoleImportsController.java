package dev.roster.console;

import dev.roster.imports.ImportCheck;
import dev.roster.imports.ImportJob;
import dev.roster.imports.ImportService;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV imports from the console (users:write and users:invite, as the API): the organization's past imports, and the
 * import form, which checks a file first (the API's dry run: counts, and each row that would not be created with the
 * reason) and then starts the import of that same file with the same options. With htmx the dry run's answer comes
 * into the page under the form, which keeps the chosen file, so that starting is one button; without it the answer is
 * a page, and the file is chosen again to start.
 */
@Controller
@Hidden
class ConsoleImportsController {

    static final String LIST = "/console/imports";

    /** Rows of a dry run's answer shown on the page; the counts cover them all. */
    static final int SHOWN_ROWS = 200;

    private final ImportService imports;
    private final RoleService roles;

    ConsoleImportsController(ImportService imports, RoleService roles) {
        this.imports = imports;
        this.roles = roles;
    }

    @GetMapping(LIST)
    String list(Caller caller, @RequestParam(required = false) String cursor, Model model) {
        String position = Forms.blankToNull(cursor);
        Page<ImportJob> page = imports.list(caller, null, position, ConsoleMembersController.PAGE_SIZE);
        model.addAttribute("jobs", page.data());
        model.addAttribute("links", new AuditLinks(caller));
        Forms.pages(model, LIST, Map.of(), position, page.nextCursor());
        return "console/imports";
    }

    @GetMapping(LIST + "/new")
    String form(Caller caller, Model model) {
        require(caller);
        model.addAttribute("form", ImportForm.DEFAULT);
        return page(caller, model, false);
    }

    /** The dry run: what importing this file with these options would do, changing nothing. */
    @PostMapping(LIST + "/check")
    String check(
            Caller caller,
            @RequestParam(required = false) MultipartFile file,
            @ModelAttribute("form") ImportForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        require(caller);
        boolean htmx = Forms.htmx(request);
        try {
            byte[] csv = ImportForm.read(file);
            ImportCheck check = imports.check(caller, null, form.options(), csv);
            model.addAttribute("check", check);
            model.addAttribute(
                    "shownRows",
                    check.rows().subList(0, Math.min(SHOWN_ROWS, check.rows().size())));
            model.addAttribute("digest", form.digest(csv));
        } catch (ProblemException e) {
            refused(e, htmx, response, model);
        }
        return page(caller, model, htmx);
    }

    /**
     * Starts the import of the file the dry run checked, with the options it checked ({@code checked} is their
     * digest); a file or options that differ are refused with 409 {@code import_not_checked}.
     */
    @PostMapping(LIST)
    String start(
            Caller caller,
            @RequestParam(required = false) MultipartFile file,
            @ModelAttribute("form") ImportForm form,
            @RequestParam(required = false) String checked,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        require(caller);
        boolean htmx = Forms.htmx(request);
        try {
            byte[] csv = ImportForm.read(file);
            if (!form.digest(csv).equals(checked)) {
                throw ProblemException.conflict(
                        "import_not_checked",
                        "This file and these options are not the ones the dry run checked: check the file again,"
                                + " then start the import.");
            }
            ImportJob job = imports.start(caller, null, form.options(), csv);
            String target = LIST + "/" + job.id() + "?done=started";
            if (htmx) {
                // htmx follows a redirect inside its request; this header makes it load the page instead.
                response.setHeader("HX-Redirect", target);
                return null;
            }
            return ConsoleAdvice.redirect(response, target);
        } catch (ProblemException e) {
            refused(e, htmx, response, model);
        }
        return page(caller, model, htmx);
    }

    /**
     * A refusal, under the form: with its status for a page; as 200 for htmx, which swaps no error answer (the
     * answer says what is wrong).
     */
    private static void refused(ProblemException e, boolean htmx, HttpServletResponse response, Model model) {
        if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
            throw e;
        }
        response.setStatus(htmx ? HttpStatus.OK.value() : e.status().value());
        model.addAttribute("problem", Problem.of(e));
    }

    private String page(Caller caller, Model model, boolean htmx) {
        model.addAttribute("htmx", htmx);
        if (htmx) {
            return "console/import-new :: result";
        }
        model.addAttribute(
                "roleChoices",
                Forms.readable(
                        caller,
                        Permission.ROLES_READ,
                        () -> roles.list(caller, null, null, 200).data()));
        return "console/import-new";
    }

    /** The pages of the form need what the import service needs; it checks again on every use. */
    static void require(Caller caller) {
        caller.require(Permission.USERS_WRITE);
        caller.require(Permission.USERS_INVITE);
    }

    /** Whether the caller may import, as {@link #require} asks: the navigation's link shows only then. */
    static boolean allowed(Caller caller) {
        return caller.grants().holds(Permission.USERS_WRITE) && caller.grants().holds(Permission.USERS_INVITE);
    }
}
