package dev.roster.console;

import dev.roster.directory.DirectoryService;
import dev.roster.invitation.BulkInvitationRequest;
import dev.roster.invitation.BulkInvitationResult;
import dev.roster.invitation.BulkInvitationService;
import dev.roster.organization.OrganizationService;
import dev.roster.role.EnvironmentService;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.user.RoleAssignmentRequest;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Inviting several people at once: addresses pasted and separated by commas, spaces or lines, a role across the
 * organization and one on an environment, groups, a link or a temporary password, an expiry; then one result per
 * address. Backed by {@link BulkInvitationService}, so seats, uniqueness and the caller's own roles bound it as on
 * the API. When the plan's seats are all taken the form says so and its button is disabled.
 */
@Controller
@Hidden
class ConsoleInviteController {

    private final BulkInvitationService invitations;
    private final OrganizationService organizations;
    private final UserService users;
    private final RoleService roles;
    private final EnvironmentService environments;
    private final DirectoryService directory;

    ConsoleInviteController(
            BulkInvitationService invitations,
            OrganizationService organizations,
            UserService users,
            RoleService roles,
            EnvironmentService environments,
            DirectoryService directory) {
        this.invitations = invitations;
        this.organizations = organizations;
        this.users = users;
        this.roles = roles;
        this.environments = environments;
        this.directory = directory;
    }

    @GetMapping("/console/invite")
    String form(Caller caller, Model model) {
        caller.require(Permission.USERS_INVITE);
        model.addAttribute("form", InviteForm.EMPTY);
        return page(caller, model);
    }

    @PostMapping("/console/invite")
    String invite(
            Caller caller,
            @RequestParam(required = false) String emails,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String environmentRole,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) List<String> groupIds,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer days,
            Model model) {
        InviteForm form = new InviteForm(emails, role, environmentRole, environment, groupIds, type, days);
        model.addAttribute("form", form);
        List<String> addresses = emails == null
                ? List.of()
                : Arrays.stream(emails.split("[,;\\s]+"))
                        .filter(address -> !address.isBlank())
                        .toList();
        BulkInvitationResult result = invitations.invite(
                caller,
                null,
                new BulkInvitationRequest(
                        addresses,
                        form.role() == null ? (form.onEnvironment() ? List.of() : null) : List.of(form.role()),
                        form.onEnvironment()
                                ? List.of(new RoleAssignmentRequest(
                                        id("environmentRole", environmentRole), id("environment", environment)))
                                : null,
                        type,
                        days,
                        form.groupIds().isEmpty()
                                ? null
                                : form.groupIds().stream()
                                        .map(text -> id("groupIds", text))
                                        .toList()));
        model.addAttribute("result", result);
        return page(caller, model);
    }

    private String page(Caller caller, Model model) {
        model.addAttribute("seats", Seats.of(caller, organizations, users));
        model.addAttribute(
                "roleChoices",
                Forms.readable(
                        caller,
                        Permission.ROLES_READ,
                        () -> roles.list(caller, null, null, 200).data()));
        model.addAttribute(
                "environmentChoices",
                Forms.readable(
                        caller,
                        Permission.ENVIRONMENTS_READ,
                        () -> environments.list(caller, null, null, 200).data()));
        model.addAttribute(
                "groupChoices",
                Forms.readable(
                        caller,
                        Permission.GROUPS_READ,
                        () -> directory.groups(caller, null, null, 200).data()));
        return "console/invite";
    }

    private static UUID id(String field, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (RuntimeException e) {
            throw ProblemException.invalid(field, "is not an id");
        }
    }

    /** What the form holds, to show again with the results. */
    record InviteForm(
            String emails,
            String role,
            String environmentRole,
            String environment,
            List<String> groupIds,
            String type,
            Integer days) {

        static final InviteForm EMPTY = new InviteForm(null, "user", null, null, List.of(), "link", 7);

        InviteForm {
            role = Forms.blankToNull(role);
            environmentRole = Forms.blankToNull(environmentRole);
            environment = Forms.blankToNull(environment);
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }

        /** Whether a role on an environment was chosen (both the role and the environment). */
        public boolean onEnvironment() {
            return environmentRole != null && environment != null;
        }
    }
}
