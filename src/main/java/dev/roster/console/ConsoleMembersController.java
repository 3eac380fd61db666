package dev.roster.console;

import dev.roster.directory.DirectoryService;
import dev.roster.directory.Group;
import dev.roster.organization.OrganizationService;
import dev.roster.role.Role;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.user.User;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The members list: 50 at a time by keyset (oldest first or by name), searched by email or name prefix and filtered
 * by status (the deleted among them), role, group and "not signed in for N days", all in a bookmarkable URL. htmx
 * asks for the same URL and gets only the results, which it swaps in and pushes to the history.
 */
@Controller
@Hidden
class ConsoleMembersController {

    static final int PAGE_SIZE = 50;

    private final UserService users;
    private final RoleService roles;
    private final DirectoryService directory;
    private final OrganizationService organizations;
    private final Clock clock;

    ConsoleMembersController(
            UserService users,
            RoleService roles,
            DirectoryService directory,
            OrganizationService organizations,
            Clock clock) {
        this.users = users;
        this.roles = roles;
        this.directory = directory;
        this.organizations = organizations;
        this.clock = clock;
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
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String inactive,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        caller.require(Permission.USERS_READ);
        response.setHeader(HttpHeaders.VARY, "HX-Request");
        MemberFilters filters =
                new MemberFilters(Forms.blankToNull(q), Forms.blankToNull(status), null, null, null, null);
        try {
            filters = MemberFilters.of(q, status, role, group, inactive, sort);
            Page<User> page =
                    users.list(caller, null, filters.query(clock.instant()), Forms.blankToNull(cursor), PAGE_SIZE);
            model.addAttribute("members", page.data());
            model.addAttribute("next", page.nextCursor() == null ? null : filters.link(page.nextCursor()));
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("problem", Problem.of(e));
            model.addAttribute("members", List.of());
        }
        model.addAttribute("filters", filters);
        model.addAttribute("first", cursor == null ? null : filters.link(null));
        model.addAttribute("bulk", BulkActions.of(caller, filters.deleted()));
        boolean htmx = Forms.htmx(request);
        model.addAttribute("htmx", htmx);
        if (htmx) {
            return "console/members :: results";
        }
        model.addAttribute("seats", Seats.of(caller, organizations, users));
        model.addAttribute("statuses", List.of("invited", "active", "deactivated", "deleted"));
        model.addAttribute("roles", roleNames(caller));
        model.addAttribute("groups", groups(caller));
        return "console/members";
    }

    /** The organization's roles for the filter, when the member may read them; the filter is absent otherwise. */
    private List<String> roleNames(Caller caller) {
        if (!caller.grants().holds(Permission.ROLES_READ)) {
            return List.of();
        }
        return roles.list(caller, null, null, 200).data().stream()
                .map(Role::name)
                .toList();
    }

    private List<Group> groups(Caller caller) {
        if (!caller.grants().holds(Permission.GROUPS_READ)) {
            return List.of();
        }
        return directory.groups(caller, null, null, 200).data();
    }
}
