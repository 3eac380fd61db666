package dev.roster.console;

import dev.roster.auth.CreatedApiKey;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * What a page of keys is about, for the one template that shows an organization's API keys, the partner keys and
 * the platform keys.
 *
 * @param path the list's path; the form creating a key posts there, and {@code path/{id}/revoke} revokes one
 * @param singular what one key is called, such as "API key"
 * @param roles whether keys of this kind carry a role of the organization
 * @param intro what the keys are for, in a sentence
 */
record KeysPage(String path, String title, String singular, boolean roles, String intro) {

    static final KeysPage ORGANIZATION = new KeysPage(
            "/console/api-keys",
            "API keys",
            "API key",
            true,
            "Keys let a program call Roster's API as this organization, with the permissions of the key's role.");

    static final KeysPage PARTNER = new KeysPage(
            "/console/operator/partner-keys",
            "Partner keys",
            "partner key",
            false,
            "A partner key creates organizations and manages those it created, and no other.");

    static final KeysPage PLATFORM = new KeysPage(
            "/console/operator/platform-keys",
            "Platform keys",
            "platform key",
            false,
            "A platform key manages every organization and every key. The last live one cannot be revoked.");

    /** The confirmation asked before revoking one of these keys. */
    Confirmation revoking(String id) {
        return new Confirmation(
                "Revoke this " + singular + "?",
                "Every request with it is refused from now on, and a revoked key cannot be brought back.",
                path + "/" + id + "/revoke",
                "Revoke",
                path);
    }

    /** The answer to creating a key: its secret, shown once, with its name, role (if any) and prefix. */
    String shown(CreatedApiKey key, HttpServletResponse response, Model model) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("Name", key.name());
        if (roles) {
            facts.put("Role", key.role());
        }
        facts.put("Prefix", key.prefix());
        facts.put("Created", key.createdAt());
        Forms.showOnce(response, model, key.key());
        model.addAttribute(
                "shown",
                new ShownOnce(
                        "New " + singular + " created",
                        "The key's secret",
                        facts,
                        path,
                        "Back to the " + (roles ? title : title.toLowerCase())));
        return "console/secret";
    }
}
