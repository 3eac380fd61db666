package dev.roster.console;

import dev.roster.role.Role;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.shared.RosterProperties;
import dev.roster.sso.SsoProvider;
import dev.roster.sso.SsoProviderService;
import dev.roster.sso.SsoSignInService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's single sign-on (organization:read): its OpenID Connect providers with their state and the
 * redirect URI to register at the provider; for organization:manage, forms to add, change (its group-to-role
 * mappings too) and remove one. Every change is {@link SsoProviderService}'s with the member's caller, so its rules
 * (https issuer, roles the member may grant) are the API's; the client secret is never shown back.
 */
@Controller
@Hidden
class ConsoleSsoController {

    private static final String PATH = "/console/sso";

    private static final Map<String, String> DONE = Map.of(
            "added", "The provider was added.",
            "saved", "The provider was saved.",
            "deleted", "The provider was removed.");

    private final SsoProviderService providers;
    private final RoleService roles;
    private final String redirectUri;

    ConsoleSsoController(SsoProviderService providers, RoleService roles, RosterProperties properties) {
        this.providers = providers;
        this.roles = roles;
        this.redirectUri = SsoSignInService.callbackUrl(properties.publicUrl());
    }

    @GetMapping(PATH)
    String list(Caller caller, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return page(caller, ProviderForm.blank(), model);
    }

    @PostMapping(PATH)
    String add(Caller caller, @ModelAttribute("form") ProviderForm form, HttpServletResponse response, Model model) {
        return Forms.submit(
                response,
                model,
                () -> providers.create(caller, null, form.request()),
                PATH + "?done=added",
                () -> page(caller, form, model));
    }

    @GetMapping(PATH + "/{providerId}")
    String show(Caller caller, @PathVariable UUID providerId, Model model) {
        SsoProvider provider = providers.get(caller, null, providerId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        return form(caller, provider, ProviderForm.of(provider), model);
    }

    @PostMapping(PATH + "/{providerId}")
    String save(
            Caller caller,
            @PathVariable UUID providerId,
            @ModelAttribute("form") ProviderForm form,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> providers.update(caller, null, providerId, form.patch()),
                PATH + "?done=saved",
                () -> form(caller, providers.get(caller, null, providerId), form, model));
    }

    @GetMapping(PATH + "/{providerId}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID providerId, Model model) {
        SsoProvider provider = providers.get(caller, null, providerId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        model.addAttribute("confirmation", deleting(provider));
        return "console/confirm";
    }

    @PostMapping(PATH + "/{providerId}/delete")
    String delete(Caller caller, @PathVariable UUID providerId, HttpServletResponse response) {
        providers.delete(caller, null, providerId);
        return ConsoleAdvice.redirect(response, PATH + "?done=deleted");
    }

    private String page(Caller caller, ProviderForm form, Model model) {
        model.addAttribute("providers", providers.list(caller, null, null, 200).data());
        return form(caller, null, form, model);
    }

    private String form(Caller caller, SsoProvider editing, ProviderForm form, Model model) {
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("redirectUri", redirectUri);
        model.addAttribute("manage", caller.grants().holds(Permission.ORGANIZATION_MANAGE));
        List<Role> choices = Forms.readable(
                caller,
                Permission.ROLES_READ,
                () -> roles.list(caller, null, null, 200).data());
        model.addAttribute("roles", choices);
        model.addAttribute(
                "roleIds", choices.stream().map(r -> r.id().toString()).collect(Collectors.toSet()));
        return editing == null ? "console/sso" : "console/sso-provider";
    }

    static Confirmation deleting(SsoProvider provider) {
        return new Confirmation(
                "Remove the SSO provider " + provider.name() + "?",
                "Members can no longer sign in through it.",
                PATH + "/" + provider.id() + "/delete",
                "Remove",
                PATH);
    }
}
