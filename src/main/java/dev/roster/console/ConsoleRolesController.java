package dev.roster.console;

import dev.roster.role.Role;
import dev.roster.role.RoleHolders;
import dev.roster.role.RoleRequest;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's roles (roles:read): the built-in and custom ones with who holds each, and, for a member with
 * roles:manage, creating, changing and deleting custom roles with the permission catalog's checkboxes. Every rule
 * (no one grants more than they hold, a role in use cannot go) is the role service's.
 */
@Controller
@Hidden
class ConsoleRolesController {

    private static final String LIST = "/console/roles";

    private static final Map<String, String> DONE = Map.of(
            "created", "The role was created.",
            "saved", "The role was saved; members and keys holding it have its permissions from their next request.",
            "deleted", "The role was deleted.");

    /** A role of the list with who holds it. */
    record RoleRow(Role role, long members, long keys) {}

    private final RoleService roles;

    ConsoleRolesController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping(LIST)
    String list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        String position = Forms.blankToNull(cursor);
        Page<Role> page = roles.list(caller, null, position, ConsoleMembersController.PAGE_SIZE);
        Map<UUID, RoleHolders> holders = roles.holders(caller, null);
        model.addAttribute(
                "roles",
                page.data().stream()
                        .map(role -> {
                            RoleHolders held = holders.getOrDefault(role.id(), RoleHolders.NONE);
                            return new RoleRow(role, held.members(), held.keys());
                        })
                        .toList());
        Forms.pages(model, LIST, Map.of(), position, page.nextCursor());
        model.addAttribute("manage", caller.grants().holds(Permission.ROLES_MANAGE));
        model.addAttribute("members", caller.grants().holds(Permission.USERS_READ));
        model.addAttribute("keyList", caller.grants().holds(Permission.KEYS_MANAGE));
        model.addAttribute("done", Forms.done(DONE, done));
        return "console/roles";
    }

    @GetMapping(LIST + "/new")
    String newRole(Caller caller, Model model) {
        caller.require(Permission.ROLES_MANAGE);
        return form(caller, null, "", "", List.of(), model);
    }

    @PostMapping(LIST)
    String create(
            Caller caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> permissions,
            HttpServletResponse response,
            Model model) {
        List<String> chosen = permissions == null ? List.of() : permissions;
        return Forms.submit(
                response,
                model,
                () -> {
                    Role role =
                            roles.create(caller, null, new RoleRequest(name, Forms.blankToNull(description), chosen));
                    return ConsoleAdvice.redirect(response, rolePage(role.id(), "created"));
                },
                () -> form(caller, null, name, description, chosen, model));
    }

    @GetMapping(LIST + "/{roleId}")
    String show(Caller caller, @PathVariable UUID roleId, @RequestParam(required = false) String done, Model model) {
        Role role = roles.get(caller, null, roleId);
        model.addAttribute("done", Forms.done(DONE, done));
        return form(caller, role, role.name(), role.description(), role.permissions(), model);
    }

    @PostMapping(LIST + "/{roleId}")
    String update(
            Caller caller,
            @PathVariable UUID roleId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> permissions,
            HttpServletResponse response,
            Model model) {
        List<String> chosen = permissions == null ? List.of() : permissions;
        return Forms.submit(
                response,
                model,
                () -> roles.update(
                        caller,
                        null,
                        roleId,
                        new Patch<>(
                                new RoleRequest(name, Forms.blankToNull(description), chosen),
                                Set.of("name", "description", "permissions"))),
                rolePage(roleId, "saved"),
                () -> form(caller, roles.get(caller, null, roleId), name, description, chosen, model));
    }

    @GetMapping(LIST + "/{roleId}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID roleId, Model model) {
        Role role = roles.get(caller, null, roleId);
        caller.require(Permission.ROLES_MANAGE);
        model.addAttribute("confirmation", deleting(role));
        return "console/confirm";
    }

    /** Deletes a custom role; one still held is refused (409 role_in_use) and its page says so. */
    @PostMapping(LIST + "/{roleId}/delete")
    String delete(Caller caller, @PathVariable UUID roleId, HttpServletResponse response, Model model) {
        return Forms.submit(response, model, () -> roles.delete(caller, null, roleId), LIST + "?done=deleted", () -> {
            Role role = roles.get(caller, null, roleId);
            return form(caller, role, role.name(), role.description(), role.permissions(), model);
        });
    }

    /** The role's page: its form when the member may change it, else what it grants; a new role's form without one. */
    private String form(Caller caller, Role role, String name, String description, List<String> checked, Model model) {
        boolean manage = caller.grants().holds(Permission.ROLES_MANAGE);
        model.addAttribute("role", role);
        model.addAttribute("name", name);
        model.addAttribute("description", description);
        model.addAttribute("areas", PermissionArea.of(caller, checked));
        model.addAttribute("editable", manage && (role == null || !role.builtIn()));
        if (role != null) {
            RoleHolders held = roles.holders(caller, null).getOrDefault(role.id(), RoleHolders.NONE);
            model.addAttribute("holders", held);
            model.addAttribute("deleting", manage && !role.builtIn() ? deleting(role) : null);
        }
        model.addAttribute("members", caller.grants().holds(Permission.USERS_READ));
        model.addAttribute("keyList", caller.grants().holds(Permission.KEYS_MANAGE));
        return "console/role";
    }

    private static Confirmation deleting(Role role) {
        return new Confirmation(
                "Delete the role " + role.name() + "?",
                "Only a role that no member and no API key holds can be deleted.",
                LIST + "/" + role.id() + "/delete",
                "Delete",
                LIST + "/" + role.id());
    }

    private static String rolePage(UUID id, String done) {
        return LIST + "/" + id + "?done=" + done;
    }
}
