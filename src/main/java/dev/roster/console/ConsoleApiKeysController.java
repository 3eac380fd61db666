package dev.roster.console;

import dev.roster.auth.ApiKey;
import dev.roster.auth.ApiKeyService;
import dev.roster.auth.CreateApiKeyRequest;
import dev.roster.role.Role;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's API keys (keys:manage): the list, a new key whose secret the answer shows once, and revoking
 * one after a confirmation.
 */
@Controller
@Hidden
class ConsoleApiKeysController {

    private static final Map<String, String> DONE = Map.of("revoked", "The key was revoked; requests with it fail.");

    private final ApiKeyService keys;
    private final RoleService roles;

    ConsoleApiKeysController(ApiKeyService keys, RoleService roles) {
        this.keys = keys;
        this.roles = roles;
    }

    @GetMapping("/console/api-keys")
    String list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return page(caller, Forms.blankToNull(cursor), model);
    }

    @PostMapping("/console/api-keys")
    String create(
            Caller caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String role,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> KeysPage.ORGANIZATION.shown(
                        keys.createOrganizationKey(
                                caller, null, new CreateApiKeyRequest(name, Forms.blankToNull(role), null)),
                        response,
                        model),
                () -> {
                    model.addAttribute("name", name);
                    model.addAttribute("role", role);
                    return page(caller, null, model);
                });
    }

    @GetMapping("/console/api-keys/{keyId}/revoke")
    String confirmRevoke(Caller caller, @PathVariable UUID keyId, Model model) {
        caller.require(Permission.KEYS_MANAGE);
        model.addAttribute("confirmation", KeysPage.ORGANIZATION.revoking(keyId.toString()));
        return "console/confirm";
    }

    @PostMapping("/console/api-keys/{keyId}/revoke")
    String revoke(Caller caller, @PathVariable UUID keyId, HttpServletResponse response) {
        keys.revokeOrganizationKey(caller, null, keyId);
        return ConsoleAdvice.redirect(response, "/console/api-keys?done=revoked");
    }

    private String page(Caller caller, String cursor, Model model) {
        Page<ApiKey> page = keys.listOrganizationKeys(caller, null, cursor, ConsoleMembersController.PAGE_SIZE);
        model.addAttribute("page", KeysPage.ORGANIZATION);
        model.addAttribute("keys", page.data());
        Forms.pages(model, KeysPage.ORGANIZATION.path(), Map.of(), cursor, page.nextCursor());
        model.addAttribute("roles", roleNames(caller));
        return "console/keys";
    }

    /** The roles a key may carry, for the form's choice; null when the member may not read roles (it types one). */
    private List<String> roleNames(Caller caller) {
        if (!caller.grants().holds(Permission.ROLES_READ)) {
            return null;
        }
        return roles.list(caller, null, null, 200).data().stream()
                .map(Role::name)
                .toList();
    }
}
