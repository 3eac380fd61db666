package dev.roster.console;

import dev.roster.organization.CreateOrganizationRequest;
import dev.roster.organization.Organization;
import dev.roster.organization.OrganizationService;
import dev.roster.organization.Plan;
import dev.roster.organization.UpdateOrganizationRequest;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's organizations: every one for the platform key, those it created for a partner key, in keyset pages;
 * creating one on a plan, changing its name, plan, seat override and when invited roles take effect, and deleting it
 * after a confirmation. The organization service makes every rule (a partner reaches only its own).
 */
@Controller
@Hidden
class ConsoleOrganizationsController {

    private static final String LIST = ConsoleOperatorController.HOME;
    private static final List<String> PLANS =
            Arrays.stream(Plan.values()).map(Plan::code).toList();

    private static final Map<String, String> DONE = Map.of(
            "created", "The organization was created.",
            "saved", "The organization was saved.",
            "deleted", "The organization was deleted with its members and keys.");

    private final OrganizationService organizations;

    ConsoleOrganizationsController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GetMapping(LIST)
    String list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return list(caller, Forms.blankToNull(cursor), model);
    }

    @PostMapping(LIST)
    String create(
            Caller caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String plan,
            @RequestParam(required = false) String seatLimit,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> {
                    Organization created = organizations.create(
                            caller, new CreateOrganizationRequest(name, plan, Forms.number("seatLimit", seatLimit)));
                    return ConsoleAdvice.redirect(response, LIST + "/" + created.id() + "?done=created");
                },
                () -> {
                    model.addAttribute("name", name);
                    model.addAttribute("plan", plan);
                    model.addAttribute("seatLimit", seatLimit);
                    return list(caller, null, model);
                });
    }

    @GetMapping(LIST + "/{organizationId}")
    String show(
            Caller caller,
            @PathVariable OrganizationId organizationId,
            @RequestParam(required = false) String done,
            Model model) {
        Organization org = organizations.get(caller, organizationId);
        model.addAttribute("done", Forms.done(DONE, done));
        return page(
                org,
                org.name(),
                org.plan().code(),
                org.seatLimitOverride() == null ? null : org.seatLimitOverride().toString(),
                org.rolesTakeEffect(),
                model);
    }

    @PostMapping(LIST + "/{organizationId}")
    String update(
            Caller caller,
            @PathVariable OrganizationId organizationId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String plan,
            @RequestParam(required = false) String seatLimit,
            @RequestParam(required = false) String rolesTakeEffect,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> organizations.update(
                        caller,
                        organizationId,
                        new Patch<>(
                                new UpdateOrganizationRequest(
                                        name,
                                        plan,
                                        Forms.number("seatLimit", seatLimit),
                                        rolesTakeEffect,
                                        null,
                                        null,
                                        null),
                                Set.of("name", "plan", "seatLimit", "rolesTakeEffect"))),
                LIST + "/" + organizationId + "?done=saved",
                () -> page(organizations.get(caller, organizationId), name, plan, seatLimit, rolesTakeEffect, model));
    }

    @GetMapping(LIST + "/{organizationId}/delete")
    String confirmDelete(Caller caller, @PathVariable OrganizationId organizationId, Model model) {
        model.addAttribute("confirmation", deleting(organizations.get(caller, organizationId)));
        return "console/confirm";
    }

    @PostMapping(LIST + "/{organizationId}/delete")
    String delete(Caller caller, @PathVariable OrganizationId organizationId, HttpServletResponse response) {
        organizations.delete(caller, organizationId);
        return ConsoleAdvice.redirect(response, LIST + "?done=deleted");
    }

    private String list(Caller caller, String cursor, Model model) {
        Page<Organization> page = organizations.list(caller, cursor, ConsoleMembersController.PAGE_SIZE);
        model.addAttribute("organizations", page.data());
        model.addAttribute("plans", PLANS);
        Forms.pages(model, LIST, Map.of(), cursor, page.nextCursor());
        return "console/organizations";
    }

    private static String page(
            Organization org, String name, String plan, String seatLimit, String rolesTakeEffect, Model model) {
        model.addAttribute("org", org);
        model.addAttribute("name", name);
        model.addAttribute("plan", plan);
        model.addAttribute("seatLimit", seatLimit);
        model.addAttribute("rolesTakeEffect", rolesTakeEffect);
        model.addAttribute("plans", PLANS);
        model.addAttribute("deleting", deleting(org));
        return "console/organization";
    }

    private static Confirmation deleting(Organization org) {
        return new Confirmation(
                "Delete the organization " + org.name() + "?",
                "Its members, keys and settings go with it, its members can no longer sign in, and this cannot be"
                        + " undone.",
                LIST + "/" + org.id() + "/delete",
                "Delete organization",
                LIST + "/" + org.id());
    }
}
