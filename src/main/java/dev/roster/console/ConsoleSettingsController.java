package dev.roster.console;

import dev.roster.organization.Organization;
import dev.roster.organization.OrganizationService;
import dev.roster.organization.UpdateOrganizationRequest;
import dev.roster.shared.Caller;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's settings (organization:read): its name, plan and seats and when invited roles take effect,
 * which only the platform operator or the owning partner changes; and, for organization:manage, whether every
 * member needs a second factor and the name and logo its login pages show. Links lead to domains and SSO, and to
 * SCIM tokens.
 */
@Controller
@Hidden
class ConsoleSettingsController {

    private static final String PATH = "/console/settings";

    private static final Map<String, String> DONE = Map.of("saved", "The settings were saved.");

    private final OrganizationService organizations;

    ConsoleSettingsController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GetMapping(PATH)
    String show(Caller caller, @RequestParam(required = false) String done, Model model) {
        Organization org = organizations.get(caller, null);
        model.addAttribute("done", Forms.done(DONE, done));
        return page(caller, org, org.mfaRequired(), org.displayName(), org.logoUrl(), model);
    }

    @PostMapping(PATH)
    String save(
            Caller caller,
            @RequestParam(required = false) boolean mfaRequired,
            @RequestParam(required = false) String displayName,
            @RequestParam(required = false) String logoUrl,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> organizations.update(
                        caller,
                        null,
                        new Patch<>(
                                new UpdateOrganizationRequest(
                                        null,
                                        null,
                                        null,
                                        null,
                                        mfaRequired,
                                        Forms.blankToNull(displayName),
                                        Forms.blankToNull(logoUrl)),
                                Set.of("mfaRequired", "displayName", "logoUrl"))),
                PATH + "?done=saved",
                () -> page(caller, organizations.get(caller, null), mfaRequired, displayName, logoUrl, model));
    }

    private static String page(
            Caller caller, Organization org, boolean mfaRequired, String displayName, String logoUrl, Model model) {
        model.addAttribute("org", org);
        model.addAttribute("mfaRequired", mfaRequired);
        model.addAttribute("displayName", displayName);
        model.addAttribute("logoUrl", logoUrl);
        model.addAttribute("manage", caller.grants().holds(Permission.ORGANIZATION_MANAGE));
        model.addAttribute("tokens", caller.grants().holds(Permission.KEYS_MANAGE));
        return "console/settings";
    }
}
