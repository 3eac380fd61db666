package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Api;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The roles pages: who holds each role, custom roles made and changed with checkboxes, and the service's refusals. */
@RosterTest
class ConsoleRolesTest extends ConsoleTestBase {

    private static final Pattern ROLE_LINK = Pattern.compile("/console/roles/([0-9a-f-]{36})\\?done=created");

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("enterprise");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void theListCountsTheMembersAndKeysHoldingEachRoleAndLinksToThem() {
        // given a custom role held by two live members, one deleted member and one pending invitee, and two keys
        // (one of them revoked) carrying it
        String roleName = "support " + UUID.randomUUID();
        String roleId = api.post(
                        "/v1/roles", tenant.adminKey(), Map.of("name", roleName, "permissions", List.of("users:read")))
                .field("id");
        for (int i = 0; i < 3; i++) {
            fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("holder"), roleName, ConsoleBrowsers.PASSWORD);
        }
        String deleted = api.get("/v1/users?role=" + roleName.replace(" ", "%20"), tenant.adminKey())
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        assertThat(api.delete("/v1/users/" + deleted, tenant.adminKey()).status())
                .isEqualTo(204);
        api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("invitee"), "roles", List.of(roleName)));
        api.post(
                "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                tenant.adminKey(),
                Map.of("name", "kept", "roleId", roleId));
        String revoked = api.post(
                        "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                        tenant.adminKey(),
                        Map.of("name", "gone", "roleId", roleId))
                .field("id");
        api.delete("/v1/organizations/" + tenant.organizationId() + "/api-keys/" + revoked, tenant.adminKey());

        // when the admin opens the roles
        HttpResponse<String> page = admin.browser().get("/console/roles");

        // then the role shows 3 members (the invitee holds it too: roles take effect at once here) and 1 key, each
        // a link to the list it counts
        assertThat(page.statusCode()).isEqualTo(200);
        String row = row(page.body(), roleId);
        assertThat(row)
                .contains(">" + roleName + "</a>")
                .contains("users:read")
                .contains("href=\"/console/members?role=" + roleName.replace(" ", "%20") + "\">3 members</a>")
                .contains("href=\"/console/api-keys\">1 API key</a>");
        assertThat(page.body()).contains("href=\"/console/roles/new\"");
    }

    @Test
    void aCustomRoleIsCreatedWithCheckboxesChangedAndDeletedOnceNobodyHoldsIt() {
        // given the new-role form
        HttpResponse<String> form = admin.browser().get("/console/roles/new");
        assertThat(form.body())
                .contains("<legend>Members</legend>")
                .contains("value=\"users:read\"")
                .contains("value=\"audit:read\"");

        // when the admin creates a role with two permissions
        String name = "auditor " + UUID.randomUUID();
        HttpResponse<String> created = admin.browser()
                .post(
                        "/console/roles",
                        List.of(
                                Map.entry("name", name),
                                Map.entry("description", "Reads the log"),
                                Map.entry("permissions", "audit:read"),
                                Map.entry("permissions", "users:read")));

        // then it exists with exactly those, and its page checks them
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        Matcher link =
                ROLE_LINK.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(link.matches()).isTrue();
        String id = link.group(1);
        Api.Response role = api.get("/v1/roles/" + id, tenant.adminKey());
        assertThat(role.json().get("permissions").toString()).isEqualTo("[\"audit:read\",\"users:read\"]");
        HttpResponse<String> page = admin.browser().get("/console/roles/" + id + "?done=created");
        assertThat(page.body())
                .contains("The role was created.")
                .containsPattern("value=\"audit:read\"[^>]*checked")
                .doesNotContainPattern("value=\"keys:manage\"[^>]*checked");

        // when it is changed to one permission and a new name
        HttpResponse<String> saved = admin.browser()
                .post(
                        "/console/roles/" + id,
                        List.of(Map.entry("name", name + " 2"), Map.entry("permissions", "users:read")));

        // then the role changed
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(api.get("/v1/roles/" + id, tenant.adminKey())
                        .json()
                        .get("permissions")
                        .toString())
                .isEqualTo("[\"users:read\"]");

        // and deleting it (nobody holds it) removes it
        HttpResponse<String> confirm = admin.browser().get("/console/roles/" + id + "/delete");
        assertThat(confirm.body()).contains("Delete the role " + name + " 2?");
        HttpResponse<String> deleted = admin.browser().post("/console/roles/" + id + "/delete", Map.of());
        assertThat(deleted.headers().firstValue("Location")).hasValue("/console/roles?done=deleted");
        assertThat(api.get("/v1/roles/" + id, tenant.adminKey()).status()).isEqualTo(404);
    }

    @Test
    void aRoleStillHeldIsNotDeletedAndThePageSaysWhy() {
        // given a custom role that a member holds
        String name = "held " + UUID.randomUUID();
        String id = api.post("/v1/roles", tenant.adminKey(), Map.of("name", name, "permissions", List.of()))
                .field("id");
        fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("holder"), name, ConsoleBrowsers.PASSWORD);

        // when the admin deletes it
        admin.browser().get("/console/roles/" + id);
        HttpResponse<String> refused = admin.browser().post("/console/roles/" + id + "/delete", Map.of());

        // then the role page answers 409 with the service's reason, and the role stays
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body())
                .contains("409 Conflict")
                .contains("The role is held by 1 role assignment(s) or API key(s); remove those first.")
                .contains("role_in_use")
                .contains("<h1>" + name + "</h1>");
        assertThat(api.get("/v1/roles/" + id, tenant.adminKey()).status()).isEqualTo(200);
    }

    @Test
    void aRoleGrantingWhatTheMemberLacksIsRefusedWithTheApisMessageAndTheFormKept() {
        // given a member whose role manages and reads roles but holds nothing else
        String managerRole = "role manager " + UUID.randomUUID();
        api.post(
                "/v1/roles",
                tenant.adminKey(),
                Map.of("name", managerRole, "permissions", List.of("roles:read", "roles:manage")));
        Member manager = browsers.signedIn(tenant.adminKey(), managerRole);

        // when it creates a role with keys:manage
        HttpResponse<String> form = manager.browser().get("/console/roles/new");
        String name = "wider " + UUID.randomUUID();
        HttpResponse<String> refused = manager.browser()
                .post("/console/roles", List.of(Map.entry("name", name), Map.entry("permissions", "keys:manage")));

        // then the form said it lacks keys:manage, the refusal is the API's 403 with the form as typed, and no role
        // exists
        assertThat(form.body())
                .contains("Create, list and revoke the organization&#39;s API keys. (you do not hold it)");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body())
                .contains("The role carries keys:manage, which this credential does not hold")
                .contains("permission_escalation")
                .contains("value=\"" + name + "\"")
                .containsPattern("value=\"keys:manage\"[^>]*checked");
        assertThat(api.get("/v1/roles?limit=200", tenant.adminKey()).text()).doesNotContain(name);
    }

    @Test
    void aMemberWhoOnlyReadsRolesSeesNoButtonAndAForgedCreateIsRefused() {
        // given a member whose role only reads roles
        String readerRole = "role reader " + UUID.randomUUID();
        api.post("/v1/roles", tenant.adminKey(), Map.of("name", readerRole, "permissions", List.of("roles:read")));
        Member reader = browsers.signedIn(tenant.adminKey(), readerRole);

        // when it opens the roles, the admin role and posts a new role anyway
        HttpResponse<String> list = reader.browser().get("/console/roles");
        HttpResponse<String> role = reader.browser().get("/console/roles/00000000-0000-4000-8000-000000000001");
        HttpResponse<String> forged =
                reader.browser().post("/console/roles", List.of(Map.entry("name", "forged " + UUID.randomUUID())));

        // then it sees the roles and what they grant, without a button, and the post is refused
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(">admin</a>").doesNotContain("/console/roles/new");
        assertThat(list.body()).contains("href=\"/console/roles\"").contains("aria-current=\"page\"");
        assertThat(role.body()).contains("Built-in: cannot change").doesNotContain("Save role", "Delete role");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("roles:manage");
        assertThat(api.get("/v1/roles?limit=200", tenant.adminKey()).text()).doesNotContain("forged ");
    }

    @Test
    void anotherOrganizationsRoleIsNotFoundAndMarkupInANameIsText() {
        // given a role of another organization and one of this organization named with markup
        Tenant other = fixtures.tenant("free");
        String foreign = fixtures.role(other.organizationId(), "users:read");
        String markup = api.post(
                        "/v1/roles",
                        tenant.adminKey(),
                        Map.of("name", "<img src=x onerror=alert(1)> " + UUID.randomUUID(), "permissions", List.of()))
                .field("id");

        // when the admin opens both
        HttpResponse<String> elsewhere = admin.browser().get("/console/roles/" + foreign);
        HttpResponse<String> escaped = admin.browser().get("/console/roles/" + markup);
        HttpResponse<String> list = admin.browser().get("/console/roles");

        // then the foreign role is 404 and the name is escaped text everywhere
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(escaped.body())
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x");
        assertThat(list.body()).doesNotContain("<img src=x");
    }

    private static String row(String page, String id) {
        int start = page.indexOf("/console/roles/" + id);
        assertThat(start).as("the role's row").isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
