package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Api;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The single sign-on page: a provider added, changed with its secret kept, refused beside its field and removed;
 * the client secret never in a page; group-to-role mappings added, kept and removed, a foreign role refused beside
 * its row; and a member without organization:manage has no form and is refused.
 */
@RosterTest
class ConsoleSsoTest extends ConsoleTestBase {

    private static final String SECRET = "console-client-secret-never-shown-" + UUID.randomUUID();

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("business");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void anAdminAddsAProviderChangesItKeepingTheSecretAndRemovesIt() {
        // given the empty page, which shows the redirect URI to register
        HttpResponse<String> empty = admin.browser().get("/console/sso");
        assertThat(empty.body())
                .contains("No SSO provider yet.")
                .contains("<code id=\"redirect-uri\">https://roster.example.test/sso/oidc/callback</code>");

        // when the admin adds a provider with a secret
        HttpResponse<String> added = admin.browser().post("/console/sso", form("Okta", SECRET, "true"));

        // then the service has it, and neither the list nor its edit page shows the secret
        assertThat(added.headers().firstValue("Location")).hasValue("/console/sso?done=added");
        Api.Response provider = onlyProvider();
        String id = provider.field("id");
        assertThat(provider.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(provider.json().get("scopes").toString()).isEqualTo("[\"openid\",\"email\",\"groups\"]");
        assertThat(provider.field("jitProvisioning")).isEqualTo("invited_only");
        assertThat(provider.field("groupsClaim")).isEqualTo("groups");
        String sealed = storedSecret(id);
        HttpResponse<String> list = admin.browser().get("/console/sso?done=added");
        HttpResponse<String> edit = admin.browser().get("/console/sso/" + id);
        assertThat(list.body())
                .contains("The provider was added.")
                .contains("<td>Okta</td>")
                .contains("<td>Stored</td>")
                .contains("<td>Enabled</td>")
                .doesNotContain(SECRET);
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"https://idp.example.com\"").doesNotContain(SECRET);

        // when it saves a new name with the secret field blank and "Enabled" unchecked
        Map<String, String> change = form("Okta EU", "", null);
        HttpResponse<String> saved = admin.browser().post("/console/sso/" + id, change);

        // then the name and state changed and the stored secret is the same
        assertThat(saved.headers().firstValue("Location")).hasValue("/console/sso?done=saved");
        Api.Response changed = onlyProvider();
        assertThat(changed.field("name")).isEqualTo("Okta EU");
        assertThat(changed.json().get("enabled").asBoolean()).isFalse();
        assertThat(changed.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(storedSecret(id)).isEqualTo(sealed);
        assertThat(admin.browser().get("/console/sso").body())
                .contains("<td>Disabled</td>")
                .doesNotContain(SECRET);

        // when it removes the provider (the confirmation page without JavaScript, then its form)
        HttpResponse<String> confirm = admin.browser().get("/console/sso/" + id + "/delete");
        HttpResponse<String> removed = admin.browser().post("/console/sso/" + id + "/delete", Map.of());

        // then it is gone
        assertThat(confirm.body()).contains("Remove the SSO provider Okta EU?");
        assertThat(removed.headers().firstValue("Location")).hasValue("/console/sso?done=deleted");
        assertThat(api.get("/v1/sso-providers", tenant.adminKey()).json().get("data"))
                .isEmpty();
    }

    @Test
    void anAdminAddsChangesAndRemovesGroupToRoleMappingsThroughTheService() {
        String auditor = role("auditor");
        String developer = role("developer");

        // when the admin adds a provider with one mapping, the other rows left empty
        Map<String, String> add = form("Okta", SECRET, "true");
        add.putAll(row(0, "auditors", auditor));
        add.putAll(row(1, "", ""));
        HttpResponse<String> added = admin.browser().post("/console/sso", add);

        // then the provider has it, and its edit page shows it as a row, then three empty ones
        assertThat(added.headers().firstValue("Location")).hasValue("/console/sso?done=added");
        String id = onlyProvider().field("id");
        assertThat(groupRoles()).containsExactly("auditors -> " + auditor);
        String edit = admin.browser().get("/console/sso/" + id).body();
        assertThat(edit)
                .contains("name=\"groupRoles[0].group\" maxlength=\"200\" value=\"auditors\"")
                .contains("<option value=\"" + auditor + "\" selected=\"selected\">")
                .contains("<label class=\"visually-hidden\" for=\"groupRoles[3].group\">Group of row 4</label>")
                .doesNotContain("groupRoles[4]");

        // when it fills in an empty row
        Map<String, String> more = form("Okta", "", "true");
        more.putAll(row(0, "auditors", auditor));
        more.putAll(row(1, "developers", developer));
        more.putAll(row(2, "", ""));
        HttpResponse<String> saved = admin.browser().post("/console/sso/" + id, more);

        // then both map
        assertThat(saved.headers().firstValue("Location")).hasValue("/console/sso?done=saved");
        assertThat(groupRoles()).containsExactly("auditors -> " + auditor, "developers -> " + developer);

        // when it saves another field with the rows as shown, or with no rows at all (a form from elsewhere)
        Map<String, String> renamed = form("Okta EU", "", "true");
        renamed.putAll(row(0, "auditors", auditor));
        renamed.putAll(row(1, "developers", developer));
        renamed.putAll(row(2, "", ""));
        admin.browser().post("/console/sso/" + id, renamed);
        admin.browser().post("/console/sso/" + id, form("Okta EU", "", "true"));

        // then the mappings are the same
        assertThat(onlyProvider().field("name")).isEqualTo("Okta EU");
        assertThat(groupRoles()).containsExactly("auditors -> " + auditor, "developers -> " + developer);

        // when it checks Remove on the first row
        Map<String, String> removing = form("Okta EU", "", "true");
        removing.putAll(row(0, "auditors", auditor));
        removing.put("groupRoles[0].remove", "true");
        removing.putAll(row(1, "developers", developer));
        admin.browser().post("/console/sso/" + id, removing);

        // then only the other one is left
        assertThat(groupRoles()).containsExactly("developers -> " + developer);
    }

    @Test
    void anotherOrganizationsRoleOrAMissingOneIsRefusedBesideItsRowAndChangesNothing() {
        String developer = role("developer");
        String foreign = api.post(
                        "/v1/roles",
                        fixtures.tenant("business").adminKey(),
                        Map.of("name", "foreign " + UUID.randomUUID(), "permissions", List.of("users:read")))
                .field("id");
        Map<String, String> add = form("Okta", SECRET, "true");
        add.putAll(row(0, "developers", developer));
        admin.browser().post("/console/sso", add);
        String id = onlyProvider().field("id");

        // an empty row between them is skipped, so the service's groupRoles[1] is the second row shown again
        Map<String, String> typed = form("Okta", "", "true");
        typed.putAll(row(0, "developers", developer));
        typed.putAll(row(1, "", ""));
        typed.putAll(row(2, "outsiders", foreign));
        HttpResponse<String> refused = admin.browser().post("/console/sso/" + id, typed);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"groupRoles[1].roleId-error\" class=\"field-error\">names no role of this"
                        + " organization: " + foreign)
                .contains("name=\"groupRoles[1].group\" maxlength=\"200\" value=\"outsiders\"")
                .contains("<option value=\"" + foreign + "\" selected>" + foreign + "</option>")
                .doesNotContain(SECRET);
        assertThat(groupRoles()).containsExactly("developers -> " + developer);

        // a group typed without a role is the service's refusal too
        Map<String, String> noRole = form("Okta", "", "true");
        noRole.putAll(row(0, "developers", developer));
        noRole.putAll(row(1, "testers", ""));
        HttpResponse<String> missing = admin.browser().post("/console/sso/" + id, noRole);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("id=\"groupRoles[1].roleId-error\" class=\"field-error\">is required");
        assertThat(groupRoles()).containsExactly("developers -> " + developer);
    }

    @Test
    void aRefusedFormShowsTheErrorBesideItsFieldWithWhatWasTypedButNeverTheSecret() {
        Map<String, String> typed = form("Okta", SECRET, "true");
        typed.put("issuer", "http://idp.example.com");

        HttpResponse<String> refused = admin.browser().post("/console/sso", typed);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"issuer-error\" class=\"field-error\">must be an absolute https URL")
                .contains("value=\"http://idp.example.com\"")
                .contains("value=\"Okta\"")
                .doesNotContain(SECRET);
        assertThat(api.get("/v1/sso-providers", tenant.adminKey()).json().get("data"))
                .isEmpty();

        // and on a change, with the provider's own values kept
        admin.browser().post("/console/sso", form("Okta", SECRET, "true"));
        String id = onlyProvider().field("id");
        Map<String, String> badScopes = form("Okta", SECRET, "true");
        badScopes.put("scopes", "email profile");
        HttpResponse<String> refusedChange = admin.browser().post("/console/sso/" + id, badScopes);
        assertThat(refusedChange.statusCode()).isEqualTo(400);
        assertThat(refusedChange.body())
                .contains("id=\"scopes-error\" class=\"field-error\">must include openid")
                .doesNotContain(SECRET);
    }

    @Test
    void aMemberWhoOnlyReadsSeesTheProvidersWithoutFormsAndAForgedChangeIsRefused() {
        admin.browser().post("/console/sso", form("Okta", SECRET, "true"));
        String id = onlyProvider().field("id");
        String reader = "org reader " + UUID.randomUUID();
        api.post("/v1/roles", tenant.adminKey(), Map.of("name", reader, "permissions", List.of("organization:read")));
        Member member = browsers.signedIn(tenant.adminKey(), reader);

        HttpResponse<String> page = member.browser().get("/console/sso");
        HttpResponse<String> forgedAdd = member.browser().post("/console/sso", form("Evil", "x", "true"));
        HttpResponse<String> forgedChange = member.browser().post("/console/sso/" + id, form("Evil", "x", "true"));
        HttpResponse<String> forgedDelete = member.browser().post("/console/sso/" + id + "/delete", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<td>Okta</td>")
                .doesNotContain("Add provider")
                .doesNotContain("/console/sso/" + id)
                .doesNotContain(SECRET);
        assertThat(member.browser().get("/console/sso/" + id).statusCode()).isEqualTo(403);
        assertThat(forgedAdd.statusCode()).isEqualTo(403);
        assertThat(forgedChange.statusCode()).isEqualTo(403);
        assertThat(forgedDelete.statusCode()).isEqualTo(403);
        Api.Response kept = onlyProvider();
        assertThat(kept.field("name")).isEqualTo("Okta");

        // a member without organization:read has no link to the settings or this page, and cannot open it
        Member user = browsers.signedIn(tenant.adminKey(), "user");
        HttpResponse<String> own = user.browser().get("/console/members/" + user.id());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body())
                .contains(">My profile</a>")
                .doesNotContain("/console/settings")
                .doesNotContain("/console/sso");
        assertThat(user.browser().get("/console/sso").statusCode()).isEqualTo(403);
        assertThat(member.browser().get("/console/settings").body()).contains("href=\"/console/sso\"");
    }

    @Test
    void aDomainsSsoRequirementIsTurnedOnAndOff() {
        String name = "sso-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        admin.browser().post("/console/domains", Map.of("name", name));
        String id = api.get("/v1/domains", tenant.adminKey())
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        assertThat(admin.browser().get("/console/domains").body()).contains(">Require SSO</button>");

        HttpResponse<String> on =
                admin.browser().post("/console/domains/" + id + "/sso-required", Map.of("ssoRequired", "true"));

        assertThat(on.headers().firstValue("Location")).hasValue("/console/domains?done=changed");
        assertThat(domainSsoRequired()).isTrue();
        assertThat(admin.browser().get("/console/domains").body()).contains(">Allow other sign-ins</button>");
        admin.browser().post("/console/domains/" + id + "/sso-required", Map.of("ssoRequired", "false"));
        assertThat(domainSsoRequired()).isFalse();
    }

    private boolean domainSsoRequired() {
        return api.get("/v1/domains", tenant.adminKey())
                .json()
                .get("data")
                .get(0)
                .get("ssoRequired")
                .asBoolean();
    }

    private static Map<String, String> form(String name, String secret, String enabled) {
        Map<String, String> form = new HashMap<>();
        form.put("name", name);
        form.put("issuer", "https://idp.example.com");
        form.put("clientId", "roster-console");
        form.put("clientSecret", secret);
        form.put("scopes", "openid email groups");
        form.put("groupsClaim", "groups");
        form.put("jitProvisioning", "invited_only");
        form.put("defaultRoleId", "");
        if (enabled != null) {
            form.put("enabled", enabled);
        }
        return form;
    }

    private String role(String name) {
        return api.post(
                        "/v1/roles",
                        tenant.adminKey(),
                        Map.of("name", name + " " + UUID.randomUUID(), "permissions", List.of("users:read")))
                .field("id");
    }

    private static Map<String, String> row(int index, String group, String roleId) {
        return Map.of("groupRoles[" + index + "].group", group, "groupRoles[" + index + "].roleId", roleId);
    }

    /** The provider's mappings as the API reads them back, each "group -> roleId". */
    private List<String> groupRoles() {
        List<String> mappings = new ArrayList<>();
        onlyProvider()
                .json()
                .get("groupRoles")
                .forEach(g -> mappings.add(
                        g.get("group").asString() + " -> " + g.get("roleId").asString()));
        return mappings;
    }

    private Api.Response onlyProvider() {
        Api.Response list = api.get("/v1/sso-providers", tenant.adminKey());
        assertThat(list.json().get("data")).hasSize(1);
        return api.get(
                "/v1/sso-providers/" + list.json().get("data").get(0).get("id").asString(), tenant.adminKey());
    }

    private String storedSecret(String id) {
        return jdbc.sql("SELECT client_secret FROM sso_providers WHERE id = CAST(:id AS uuid)")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
