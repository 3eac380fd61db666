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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's page: its profile edited, roles given (on the organization or one environment) and taken away through
 * the role service with its escalation rules, sessions, two-factor and the audit trail, each section and button only
 * for a member allowed to read or use it.
 */
@RosterTest
class ConsoleMemberPageTest extends ConsoleTestBase {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("enterprise");
    }

    @Test
    void anAdminEditsTheProfileAndGivesAndTakesARoleOnAnEnvironment() {
        // given an admin, a member, and an environment
        Member admin = browsers.signedIn(tenant.adminKey(), "admin");
        String member =
                fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("page"), "user", ConsoleBrowsers.PASSWORD);
        String environment = api.post(
                        "/v1/environments", tenant.adminKey(), Map.of("name", "Prod " + UUID.randomUUID()))
                .field("id");
        String adminRole = roleId("admin");

        // when the admin opens the member, saves new names, and gives it admin on the environment
        HttpResponse<String> page = admin.browser().get("/console/members/" + member);
        HttpResponse<String> saved = admin.browser()
                .post(
                        "/console/members/" + member + "/profile",
                        Map.of("firstName", "Ada", "lastName", "Lovelace", "name", "", "mobilePhone", ""));
        HttpResponse<String> given = admin.browser()
                .post(
                        "/console/members/" + member + "/roles",
                        Map.of("roleId", adminRole, "environmentId", environment));
        HttpResponse<String> after = admin.browser().get("/console/members/" + member + "?done=role_assigned");

        // then the page has every section, the names are saved, and the role is held on the environment only
        assertThat(page.body())
                .contains("Edit profile", "id=\"roles-heading\"", "Browser sessions", "Two-factor", "Audit trail")
                .contains("user.created");
        assertThat(saved.statusCode()).isEqualTo(303);
        Api.Response user = api.get("/v1/users/" + member, tenant.adminKey());
        assertThat(user.field("firstName")).isEqualTo("Ada");
        assertThat(user.field("lastName")).isEqualTo("Lovelace");
        assertThat(given.statusCode()).isEqualTo(303);
        assertThat(after.body())
                .contains("The role was given.")
                .containsPattern("admin</span>\\s*<span>\\(environment Prod ");
        List<String> assignments = assignmentIds(member, environment);
        assertThat(assignments).hasSize(1);

        // when the admin takes it away again
        HttpResponse<String> taken = admin.browser()
                .post("/console/members/" + member + "/roles/" + assignments.get(0) + "/remove", Map.of());

        // then the member no longer holds it
        assertThat(taken.statusCode()).isEqualTo(303);
        assertThat(assignmentIds(member, environment)).isEmpty();
    }

    @Test
    void aRoleManagerCannotGiveARoleWithPermissionsItLacksAndAReaderSeesNoButton() {
        // given a member who may manage roles and read users but holds nothing else, and a colleague
        String managerRole = fixtures.role(tenant.organizationId(), "users:read", "roles:read", "roles:manage");
        Member manager = browsers.signedIn(
                tenant.adminKey(),
                api.get("/v1/roles/" + managerRole, tenant.adminKey()).field("name"));
        String colleague =
                fixtures.member(tenant.adminKey(), Fixtures.uniqueEmail("col"), "user", ConsoleBrowsers.PASSWORD);

        // when it opens the colleague's page and posts the admin role anyway
        HttpResponse<String> page = manager.browser().get("/console/members/" + colleague);
        HttpResponse<String> escalated =
                manager.browser().post("/console/members/" + colleague + "/roles", Map.of("roleId", roleId("admin")));

        // then the page offers roles but no profile edit, sessions' buttons, reset or audit trail; the escalation
        // is refused as the API refuses it, and the colleague holds no admin role
        assertThat(page.body()).contains("Give role").doesNotContain("Edit profile", "End this session", "Audit trail");
        assertThat(escalated.statusCode()).isEqualTo(403);
        assertThat(escalated.body()).contains("permission_escalation");
        assertThat(api.get("/v1/users/" + colleague, tenant.adminKey())
                        .json()
                        .path("roles")
                        .toString())
                .doesNotContain("admin");
    }

    private String roleId(String name) {
        for (var role : api.get("/v1/roles?limit=200", tenant.adminKey()).json().path("data")) {
            if (role.path("name").asString().equals(name)) {
                return role.path("id").asString();
            }
        }
        throw new AssertionError("no role " + name);
    }

    private List<String> assignmentIds(String member, String environment) {
        Api.Response list = api.get("/v1/users/" + member + "/roles", tenant.adminKey());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        var data = list.json().has("data") ? list.json().path("data") : list.json();
        data.forEach(a -> {
            if (environment.equals(a.path("resourceId").asString())) {
                ids.add(a.path("id").asString());
            }
        });
        return ids;
    }
}
