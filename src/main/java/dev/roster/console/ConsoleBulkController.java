package dev.roster.console;

import dev.roster.invitation.InvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.User;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One action on the members selected in the list: deactivate, delete, restore or resend. Each member goes through
 * the service with the signed-in member's caller, in its own transaction, so one refusal stops nobody else; the
 * answer lists what happened to each. Deleting asks for a confirmation first (a dialog with JavaScript, this page
 * without).
 */
@Controller
@Hidden
class ConsoleBulkController {

    private static final int MAX = 100;

    private static final Map<String, String> DONE = Map.of(
            "deactivate", "Deactivated",
            "delete", "Deleted",
            "restore", "Restored",
            "resend", "Invitation sent again");

    private final UserService users;
    private final InvitationService invitations;

    ConsoleBulkController(UserService users, InvitationService invitations) {
        this.users = users;
        this.invitations = invitations;
    }

    @PostMapping("/console/members/bulk")
    String bulk(
            Caller caller,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) List<String> ids,
            @RequestParam(required = false) String confirmed,
            Model model) {
        if (action == null || !DONE.containsKey(action)) {
            throw ProblemException.invalid("action", "must be deactivate, delete, restore or resend");
        }
        List<UserId> selected = parse(ids);
        Map<UserId, User> known =
                users.getAll(caller, null, selected).stream().collect(Collectors.toMap(User::id, Function.identity()));
        model.addAttribute("action", action);
        if (action.equals("delete") && !"true".equals(confirmed)) {
            model.addAttribute(
                    "members",
                    selected.stream().filter(known::containsKey).map(known::get).toList());
            return "console/bulk-confirm";
        }
        List<BulkResult> results = new ArrayList<>();
        for (UserId id : selected) {
            User member = known.get(id);
            String label = member == null ? id.toString() : member.email();
            try {
                apply(caller, action, id);
                results.add(new BulkResult(id.value(), label, true, DONE.get(action)));
            } catch (ProblemException e) {
                results.add(new BulkResult(id.value(), label, false, e.status().value() + ": " + e.getMessage()));
            }
        }
        model.addAttribute("results", results);
        model.addAttribute("succeeded", results.stream().filter(BulkResult::ok).count());
        return "console/bulk";
    }

    private void apply(Caller caller, String action, UserId id) {
        switch (action) {
            case "deactivate" -> users.deactivate(caller, null, id);
            case "delete" -> users.delete(caller, null, id);
            case "restore" -> users.restore(caller, null, id);
            default -> invitations.resend(caller, null, id, null);
        }
    }

    private static List<UserId> parse(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw ProblemException.invalid("ids", "select at least one member");
        }
        if (ids.size() > MAX) {
            throw ProblemException.invalid("ids", "select at most " + MAX + " members at once");
        }
        LinkedHashSet<UserId> parsed = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                parsed.add(new UserId(UUID.fromString(id.strip())));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("ids", "must be member ids");
            }
        }
        return List.copyOf(parsed);
    }

    /** What happened to one selected member. */
    record BulkResult(UUID id, String member, boolean ok, String outcome) {}
}
