package dev.roster.console;

import dev.roster.scim.CreatedScimToken;
import dev.roster.scim.ScimTokenService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's SCIM tokens (keys:manage): the live ones, a new one whose secret the answer shows once with
 * the SCIM base URL to paste beside it, and revoking one after a confirmation.
 */
@Controller
@Hidden
class ConsoleScimTokensController {

    private static final String PATH = "/console/scim-tokens";

    private static final Map<String, String> DONE =
            Map.of("revoked", "The token was revoked; the directory using it is refused from now on.");

    private final ScimTokenService tokens;

    ConsoleScimTokensController(ScimTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping(PATH)
    String list(Caller caller, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return page(caller, model);
    }

    @PostMapping(PATH)
    String create(
            Caller caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String expiresInDays,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> shown(
                        tokens.create(caller, null, name, Forms.number("expiresInDays", expiresInDays)),
                        response,
                        model),
                () -> {
                    model.addAttribute("name", name);
                    model.addAttribute("expiresInDays", expiresInDays);
                    return page(caller, model);
                });
    }

    @GetMapping(PATH + "/{tokenId}/revoke")
    String confirmRevoke(Caller caller, @PathVariable UUID tokenId, Model model) {
        caller.require(Permission.KEYS_MANAGE);
        model.addAttribute("confirmation", revoking(tokenId));
        return "console/confirm";
    }

    @PostMapping(PATH + "/{tokenId}/revoke")
    String revoke(Caller caller, @PathVariable UUID tokenId, HttpServletResponse response) {
        tokens.revoke(caller, null, tokenId);
        return ConsoleAdvice.redirect(response, PATH + "?done=revoked");
    }

    private String page(Caller caller, Model model) {
        model.addAttribute("tokens", tokens.list(caller, null));
        return "console/scim-tokens";
    }

    static Confirmation revoking(UUID tokenId) {
        return new Confirmation(
                "Revoke this SCIM token?",
                "The directory that uses it can no longer provision members; this cannot be undone.",
                PATH + "/" + tokenId + "/revoke",
                "Revoke",
                PATH);
    }

    private static String shown(CreatedScimToken token, HttpServletResponse response, Model model) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("Name", token.name());
        facts.put("SCIM base URL", token.baseUrl());
        facts.put("Expires", token.expiresAt() == null ? "Never" : token.expiresAt());
        facts.put("Prefix", token.prefix());
        Forms.showOnce(response, model, token.token());
        model.addAttribute(
                "shown", new ShownOnce("SCIM token created", "The token", facts, PATH, "Back to the SCIM tokens"));
        return "console/secret";
    }
}
