package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.sso.Domain;
import dev.roster.sso.DomainRequest;
import dev.roster.sso.DomainService;
import dev.roster.sso.VerifyDomainRequest;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
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
 * The organization's email domains (organization:read): each domain with the TXT record to publish and, for
 * organization:manage, a Verify button that looks the record up, a button that turns "SSO only" on or off, a form
 * to claim another domain, and removing one. The SSO providers have their own page ({@link ConsoleSsoController}).
 */
@Controller
@Hidden
class ConsoleDomainsController {

    private static final String PATH = "/console/domains";

    private static final Map<String, String> DONE = Map.of(
            "added", "The domain was added. Publish its TXT record, then verify it.",
            "verified", "The domain is verified.",
            "changed", "The domain's SSO requirement was changed.",
            "deleted", "The domain was removed.");

    private final DomainService domains;

    ConsoleDomainsController(DomainService domains) {
        this.domains = domains;
    }

    @GetMapping(PATH)
    String list(Caller caller, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return page(caller, model);
    }

    @PostMapping(PATH)
    String add(
            Caller caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) boolean ssoRequired,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> domains.create(caller, null, new DomainRequest(name, ssoRequired)),
                PATH + "?done=added",
                () -> {
                    model.addAttribute("name", name);
                    model.addAttribute("ssoRequired", ssoRequired);
                    return page(caller, model);
                });
    }

    /** Looks the domain's TXT record up; a missing record or a failed lookup is shown with the service's words. */
    @PostMapping(PATH + "/{domainId}/verify")
    String verify(Caller caller, @PathVariable UUID domainId, HttpServletResponse response, Model model) {
        return Forms.submit(
                response,
                model,
                () -> domains.verify(caller, null, domainId, new VerifyDomainRequest(false)),
                PATH + "?done=verified",
                () -> page(caller, model));
    }

    /** Turns "SSO only" on or off for the domain, as the API's PATCH does. */
    @PostMapping(PATH + "/{domainId}/sso-required")
    String ssoRequired(
            Caller caller,
            @PathVariable UUID domainId,
            @RequestParam(required = false) boolean ssoRequired,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> domains.update(
                        caller,
                        null,
                        domainId,
                        new Patch<>(new DomainRequest(null, ssoRequired), Set.of("ssoRequired"))),
                PATH + "?done=changed",
                () -> page(caller, model));
    }

    @GetMapping(PATH + "/{domainId}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID domainId, Model model) {
        model.addAttribute("confirmation", deleting(domains.get(caller, null, domainId)));
        return "console/confirm";
    }

    @PostMapping(PATH + "/{domainId}/delete")
    String delete(Caller caller, @PathVariable UUID domainId, HttpServletResponse response) {
        domains.delete(caller, null, domainId);
        return ConsoleAdvice.redirect(response, PATH + "?done=deleted");
    }

    private String page(Caller caller, Model model) {
        Page<Domain> page = domains.list(caller, null, null, 200);
        model.addAttribute("domains", page.data());
        model.addAttribute("manage", caller.grants().holds(Permission.ORGANIZATION_MANAGE));
        return "console/domains";
    }

    private static Confirmation deleting(Domain domain) {
        return new Confirmation(
                "Remove the domain " + domain.name() + "?",
                "Members with an email at it are no longer sent to SSO by it.",
                PATH + "/" + domain.id() + "/delete",
                "Remove",
                PATH);
    }
}
