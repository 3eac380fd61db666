package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Environments, groups and positions: made, renamed and deleted through the services, with their refusals. */
@RosterTest
class ConsoleDirectoryTest extends ConsoleTestBase {

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("enterprise");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void aGroupIsCreatedRenamedCountsItsLiveMembersAndIsDeleted() {
        // given an empty list
        assertThat(admin.browser().get("/console/groups").body()).contains("No group yet.");

        // when the admin creates a group with a type
        HttpResponse<String> created =
                admin.browser().post("/console/groups", Map.of("name", "Engineering", "type", "Department"));

        // then its page says so
        assertThat(created.statusCode()).isEqualTo(303);
        String path = created.headers().firstValue("Location").orElseThrow().replace("?done=created", "");
        String id = path.substring("/console/groups/".length());
        assertThat(admin.browser().get(path + "?done=created").body())
                .contains("<h1>Engineering</h1>")
                .contains("It was created.")
                .contains("Department");

        // when two members join it and one of them is deleted
        String first = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("eng"));
        String second = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("eng"));
        for (String user : List.of(first, second)) {
            assertThat(api.send("PUT", "/v1/groups/" + id + "/members/" + user, tenant.adminKey(), Map.of(), Map.of())
                            .status())
                    .isIn(200, 201, 204);
        }
        api.delete("/v1/users/" + second, tenant.adminKey());

        // then the list counts one member, linking to the members filtered by the group
        HttpResponse<String> list = admin.browser().get("/console/groups");
        assertThat(list.body())
                .contains("href=\"/console/members?group=" + id + "\"")
                .contains("aria-label=\"1 members of Engineering\">1</a>");

        // when it is renamed and then deleted
        HttpResponse<String> renamed =
                admin.browser().post(path, Map.of("name", "Platform engineering", "type", "Team"));
        assertThat(renamed.headers().firstValue("Location")).hasValue(path + "?done=saved");
        assertThat(api.get("/v1/groups/" + id, tenant.adminKey()).field("type")).isEqualTo("Team");
        HttpResponse<String> deleted = admin.browser().post(path + "/delete", Map.of());

        // then it is gone
        assertThat(deleted.headers().firstValue("Location")).hasValue("/console/groups?done=deleted");
        assertThat(api.get("/v1/groups/" + id, tenant.adminKey()).status()).isEqualTo(404);
    }

    @Test
    void aTakenNameIsAFieldErrorAndAnEnvironmentInUseStays() {
        // given an environment on which a member holds a role, and a position
        String env = api.post("/v1/environments", tenant.adminKey(), Map.of("name", "production"))
                .field("id");
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("scoped"));
        assertThat(api.post(
                                "/v1/users/" + user + "/roles",
                                tenant.adminKey(),
                                Map.of("roleId", "00000000-0000-4000-8000-000000000001", "resourceId", env))
                        .status())
                .isEqualTo(201);
        api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Engineer"));

        // when the admin creates another position with the same name and deletes the environment
        admin.browser().get("/console/positions");
        HttpResponse<String> taken = admin.browser().post("/console/positions", Map.of("name", "engineer"));
        admin.browser().get("/console/environments/" + env);
        HttpResponse<String> inUse = admin.browser().post("/console/environments/" + env + "/delete", Map.of());

        // then both are refused with the service's status and words, on the page they came from
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("409 Conflict").contains("value=\"engineer\"");
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(inUse.body())
                .contains("Roles are assigned on this environment; remove those assignments first.")
                .contains("<h1>production</h1>");
        assertThat(api.get("/v1/environments/" + env, tenant.adminKey()).status())
                .isEqualTo(200);
    }

    @Test
    void aMemberWhoOnlyReadsSeesNoFormAndAForgedRenameChangesNothing() {
        // given a reader of groups and environments, and a group
        String readerRole = "reader " + UUID.randomUUID();
        api.post(
                "/v1/roles",
                tenant.adminKey(),
                Map.of("name", readerRole, "permissions", List.of("groups:read", "environments:read")));
        Member reader = browsers.signedIn(tenant.adminKey(), readerRole);
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Sales"))
                .field("id");

        // when it opens the pages and posts a rename anyway
        HttpResponse<String> groups = reader.browser().get("/console/groups");
        HttpResponse<String> page = reader.browser().get("/console/groups/" + group);
        HttpResponse<String> environments = reader.browser().get("/console/environments");
        HttpResponse<String> forged = reader.browser().post("/console/groups/" + group, Map.of("name", "Forged"));

        // then it reads without any form, and the rename is refused as the API refuses it
        assertThat(groups.body()).contains(">Sales</a>").doesNotContain("New group", "Create group");
        assertThat(page.body()).contains("<h1>Sales</h1>").doesNotContain("Delete group", ">Save<");
        assertThat(environments.statusCode()).isEqualTo(200);
        assertThat(environments.body()).doesNotContain("Create environment");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("groups:manage");
        assertThat(api.get("/v1/groups/" + group, tenant.adminKey()).field("name"))
                .isEqualTo("Sales");
    }
}
