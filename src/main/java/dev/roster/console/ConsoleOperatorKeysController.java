package dev.roster.console;

import dev.roster.auth.ApiKey;
import dev.roster.auth.ApiKeyService;
import dev.roster.auth.CreatePartnerKeyRequest;
import dev.roster.auth.CreatePlatformKeyRequest;
import dev.roster.auth.CreatedApiKey;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The platform operator's partner keys and platform keys: the lists, a new key whose secret the answer shows once,
 * and revoking one after a confirmation (the key service refuses to revoke the last live platform key). Only a
 * platform key's session gets them; the service refuses anyone else.
 */
@Controller
@Hidden
class ConsoleOperatorKeysController {

    private static final String PARTNER = "/console/operator/partner-keys";
    private static final String PLATFORM = "/console/operator/platform-keys";

    private static final Map<String, String> DONE = Map.of("revoked", "The key was revoked; requests with it fail.");

    private final ApiKeyService keys;

    ConsoleOperatorKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping(PARTNER)
    String partnerKeys(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return list(KeysPage.PARTNER, keys.listPartnerKeys(caller, Forms.blankToNull(cursor), 50), cursor, model);
    }

    @PostMapping(PARTNER)
    String createPartnerKey(
            Caller caller, @RequestParam(required = false) String name, HttpServletResponse response, Model model) {
        return create(
                KeysPage.PARTNER,
                () -> keys.createPartnerKey(caller, new CreatePartnerKeyRequest(name)),
                () -> partnerKeys(caller, null, null, model),
                name,
                response,
                model);
    }

    @GetMapping(PLATFORM)
    String platformKeys(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return list(KeysPage.PLATFORM, keys.listPlatformKeys(caller, Forms.blankToNull(cursor), 50), cursor, model);
    }

    @PostMapping(PLATFORM)
    String createPlatformKey(
            Caller caller, @RequestParam(required = false) String name, HttpServletResponse response, Model model) {
        return create(
                KeysPage.PLATFORM,
                () -> keys.createPlatformKey(caller, new CreatePlatformKeyRequest(name)),
                () -> platformKeys(caller, null, null, model),
                name,
                response,
                model);
    }

    @GetMapping(PARTNER + "/{keyId}/revoke")
    String confirmPartnerKeyRevoke(Caller caller, @PathVariable UUID keyId, Model model) {
        return confirmRevoke(caller, KeysPage.PARTNER, keyId, model);
    }

    @GetMapping(PLATFORM + "/{keyId}/revoke")
    String confirmPlatformKeyRevoke(Caller caller, @PathVariable UUID keyId, Model model) {
        return confirmRevoke(caller, KeysPage.PLATFORM, keyId, model);
    }

    @PostMapping(PARTNER + "/{keyId}/revoke")
    String revokePartnerKey(Caller caller, @PathVariable UUID keyId, HttpServletResponse response) {
        keys.revokePartnerKey(caller, keyId);
        return ConsoleAdvice.redirect(response, PARTNER + "?done=revoked");
    }

    /** Revokes a platform key; the last live one is refused (409 last_platform_key) and the list says so. */
    @PostMapping(PLATFORM + "/{keyId}/revoke")
    String revokePlatformKey(Caller caller, @PathVariable UUID keyId, HttpServletResponse response, Model model) {
        return Forms.submit(
                response,
                model,
                () -> keys.revokePlatformKey(caller, keyId),
                PLATFORM + "?done=revoked",
                () -> platformKeys(caller, null, null, model));
    }

    private static String confirmRevoke(Caller caller, KeysPage page, UUID keyId, Model model) {
        if (!caller.isPlatform()) {
            throw ProblemException.forbidden(
                    "Only platform keys manage " + page.title().toLowerCase() + ".");
        }
        model.addAttribute("confirmation", page.revoking(keyId.toString()));
        return "console/confirm";
    }

    private static String list(KeysPage page, Page<ApiKey> keys, String cursor, Model model) {
        model.addAttribute("page", page);
        model.addAttribute("keys", keys.data());
        Forms.pages(model, page.path(), Map.of(), Forms.blankToNull(cursor), keys.nextCursor());
        return "console/keys";
    }

    private static String create(
            KeysPage page,
            Supplier<CreatedApiKey> action,
            Supplier<String> form,
            String name,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(response, model, () -> page.shown(action.get(), response, model), () -> {
            model.addAttribute("name", name);
            return form.get();
        });
    }
}
