package dev.roster.console;

import dev.roster.invitation.InvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.User;
import dev.roster.user.UserQuery;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The members pages: the organization's members 50 at a time (keyset pages, search by email or name prefix, a status
 * filter that includes the deleted, all in a bookmarkable URL), and one member's page with the actions the signed-in member may take on it.
 */
@Controller
@Hidden
class ConsoleMembersController {

    static final int PAGE_SIZE = 50;

    /** What a {@code done} parameter says after an action, from a fixed list: never text from the URL. */
    private static final Map<String, String> DONE = Map.of(
            "deactivated", "The member was deactivated and signed out everywhere.",
            "reactivated", "The member was reactivated.",
            "resent", "The invitation was sent again with a new link and a new expiry.",
            "revoked", "The invitation was revoked; its link no longer works.",
            "restored", "The member was restored and holds a seat again.");

    private final UserService users;
    private final InvitationService invitations;

    ConsoleMembersController(UserService users, InvitationService invitations) {
        this.users = users;
        this.invitations = invitations;
    }

    /** The console starts at the members, or at the member's own page for one who may not list them. */
    @GetMapping("/console")
    String start(Caller caller, HttpServletResponse response) {
        boolean lists = caller.grants().holds(Permission.USERS_READ);
        return ConsoleAdvice.redirect(response, lists ? "/console/members" : "/console/members/" + caller.keyId());
    }

    @GetMapping("/console/members")
    String list(
            Caller caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletResponse response) {
        String search = blankToNull(q);
        String state = blankToNull(status);
        model.addAttribute("q", search);
        model.addAttribute("status", state);
        model.addAttribute("statuses", List.of("invited", "active", "deactivated", "deleted"));
        model.addAttribute("first", cursor == null ? null : link(search, state, null));
        try {
            // Deleted users are a list of their own in the API (deleted=true), a status among the others here.
            boolean deleted = "deleted".equals(state);
            UserQuery query = new UserQuery(deleted ? null : state, null, search, null, null, deleted ? true : null);
            Page<User> page = users.list(caller, null, query, blankToNull(cursor), PAGE_SIZE);
            model.addAttribute("members", page.data());
            model.addAttribute("next", page.nextCursor() == null ? null : link(search, state, page.nextCursor()));
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("problem", Problem.of(e));
            model.addAttribute("members", List.of());
        }
        return "console/members";
    }

    @GetMapping("/console/members/{userId}")
    String show(Caller caller, @PathVariable UserId userId, @RequestParam(required = false) String done, Model model) {
        User member = users.get(caller, null, userId);
        model.addAttribute("member", member);
        model.addAttribute("actions", MemberActions.of(caller, member));
        model.addAttribute("done", doneMessage(done));
        return "console/member";
    }

    @PostMapping("/console/members/{userId}/deactivate")
    String deactivate(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        users.deactivate(caller, null, userId);
        return ConsoleAdvice.redirect(response, memberPage(userId, "deactivated"));
    }

    @PostMapping("/console/members/{userId}/reactivate")
    String reactivate(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        users.reactivate(caller, null, userId);
        return ConsoleAdvice.redirect(response, memberPage(userId, "reactivated"));
    }

    @PostMapping("/console/members/{userId}/restore")
    String restore(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        users.restore(caller, null, userId);
        return ConsoleAdvice.redirect(response, memberPage(userId, "restored"));
    }

    /** Sends the invitation again; back to the invitations page when it was sent from there. */
    @PostMapping("/console/members/{userId}/invitation/resend")
    String resend(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String back,
            HttpServletResponse response) {
        invitations.resend(caller, null, userId, null);
        String target = "invitations".equals(back) ? "/console/invitations?done=resent" : memberPage(userId, "resent");
        return ConsoleAdvice.redirect(response, target);
    }

    static String memberPage(UserId userId, String done) {
        return "/console/members/" + userId.value() + "?done=" + done;
    }

    static String doneMessage(String done) {
        return done == null ? null : DONE.get(done);
    }

    /** A members page's bookmarkable URL: the search, the filter and the position, each encoded. */
    private static String link(String q, String status, String cursor) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        addParameter(query, "q", q);
        addParameter(query, "status", status);
        addParameter(query, "cursor", cursor);
        return "/console/members" + query;
    }

    private static void addParameter(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
