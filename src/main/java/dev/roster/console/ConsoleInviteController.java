package dev.roster.console;

import dev.roster.invitation.BulkInvitationRequest;
import dev.roster.invitation.BulkInvitationResult;
import dev.roster.invitation.BulkInvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Inviting several people at once: addresses pasted and separated by commas, spaces or lines, one role for all, a
 * link or a temporary password, an expiry; then one result per address. Backed by {@link BulkInvitationService},
 * so seats, uniqueness and the caller's own roles bound it as on the API.
 */
@Controller
@Hidden
class ConsoleInviteController {

    private final BulkInvitationService invitations;

    ConsoleInviteController(BulkInvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/console/invite")
    String form(Caller caller, Model model) {
        caller.require(Permission.USERS_INVITE);
        model.addAttribute("role", "user");
        model.addAttribute("type", "link");
        model.addAttribute("days", 7);
        return "console/invite";
    }

    @PostMapping("/console/invite")
    String invite(
            Caller caller,
            @RequestParam(required = false) String emails,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer days,
            Model model) {
        List<String> addresses = emails == null
                ? List.of()
                : Arrays.stream(emails.split("[,;\\s]+"))
                        .filter(address -> !address.isBlank())
                        .toList();
        model.addAttribute("emails", emails);
        model.addAttribute("role", role);
        model.addAttribute("type", type);
        model.addAttribute("days", days);
        BulkInvitationResult result = invitations.invite(
                caller,
                null,
                new BulkInvitationRequest(
                        addresses, role == null || role.isBlank() ? null : List.of(role.strip()), null, type, days));
        model.addAttribute("result", result);
        return "console/invite";
    }
}
