package dev.roster.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@RosterTest
class DirectoryTest extends ApiTestBase {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void theManagerIsShownAndReportingCyclesAreRefused() {
        String a = user(Map.of("firstName", "Ada", "lastName", "Boss"));
        String b = user(Map.of("managerId", a));
        String c = user(Map.of("managerId", b));

        var shown = api.get("/v1/users/" + b, tenant.adminKey()).json().path("manager");
        var cycle = api.patch("/v1/users/" + a, tenant.adminKey(), Map.of("managerId", c));
        var self = api.patch("/v1/users/" + a, tenant.adminKey(), Map.of("managerId", a));
        String stranger = fixtures.user(fixtures.tenant("free").adminKey(), Fixtures.uniqueEmail("far"));
        var foreign = api.patch("/v1/users/" + a, tenant.adminKey(), Map.of("managerId", stranger));
        var malformed = api.patch("/v1/users/" + a, tenant.adminKey(), Map.of("managerId", "nope"));

        assertThat(shown.path("id").asString()).isEqualTo(a);
        assertThat(shown.path("name").asString()).isEqualTo("Ada Boss");
        assertThat(shown.path("email").asString()).contains("@");
        for (var refused : List.of(cycle, self, foreign, malformed)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("managerId");
        }
        assertThat(api.get("/v1/users/" + a, tenant.adminKey())
                        .json()
                        .path("manager")
                        .isNull())
                .isTrue();
    }

    @Test
    void deletingAManagerClearsTheirReportsAndTheAuditLogSaysSo() {
        String boss = user(Map.of());
        String report = user(Map.of("managerId", boss));

        api.delete("/v1/users/" + boss, tenant.adminKey());

        assertThat(api.get("/v1/users/" + report, tenant.adminKey())
                        .json()
                        .path("manager")
                        .isNull())
                .isTrue();
        JsonNode events = api.get("/v1/audit-events?targetId=" + report, tenant.adminKey())
                .json()
                .path("data");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("action").asString()).isEqualTo("user.updated");
        assertThat(last.path("changes").path("managerId").path("from").asString())
                .isEqualTo(boss);
        JsonNode deleted = api.get("/v1/audit-events?action=user.deleted&targetId=" + boss, tenant.adminKey())
                .json()
                .path("data")
                .get(0);
        assertThat(deleted.path("changes")
                        .path("reportsUnassigned")
                        .path("to")
                        .get(0)
                        .asString())
                .isEqualTo(report);
    }

    @Test
    void usersJoinGroupsWithAtMostOnePrimaryAndHoldPositions() {
        String sales = create("/v1/groups", Map.of("name", "Sales", "type", "Department"));
        String emea = create("/v1/groups", Map.of("name", "EMEA", "type", "Organization"));
        String lead = create("/v1/positions", Map.of("name", "Team lead"));

        String id = user(Map.of(
                "groups", List.of(Map.of("groupId", sales, "isPrimaryOrg", true), Map.of("groupId", emea)),
                "positionIds", List.of(lead)));
        var moved = api.send(
                "PUT", "/v1/groups/" + emea + "/members/" + id, tenant.adminKey(), Map.of("isPrimary", true), Map.of());

        assertThat(primaryOf(sales, id)).isFalse();
        assertThat(moved.status()).isEqualTo(200);
        assertThat(primaryOf(emea, id)).isTrue();
        assertThat(api.get("/v1/users/" + id + "/positions", tenant.adminKey())
                        .json()
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("Team lead");
        assertThat(api.post("/v1/groups", tenant.adminKey(), Map.of("name", "sales"))
                        .field("code"))
                .isEqualTo("name_taken");
    }

    @Test
    void unknownOrForeignReferencesAreNamedAndCreateNothing() {
        String sales = create("/v1/groups", Map.of("name", "Sales"));
        Tenant other = fixtures.tenant("business");
        String theirs = api.post("/v1/groups", other.adminKey(), Map.of("name", "Theirs"))
                .field("id");
        String email = Fixtures.uniqueEmail("misplaced");

        var twoPrimaries = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of(
                        "email",
                        email,
                        "groups",
                        List.of(
                                Map.of("groupId", sales, "isPrimaryOrg", true),
                                Map.of("groupId", sales, "isPrimaryOrg", true))));
        var foreign = api.post(
                "/v1/users", tenant.adminKey(), Map.of("email", email, "groups", List.of(Map.of("groupId", theirs))));
        var unknownPosition = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", email, "positionIds", List.of("00000000-0000-7000-8000-000000000000")));

        assertThat(twoPrimaries.status()).isEqualTo(400);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("errors").get(0).path("field").asString())
                .isEqualTo("groups[0].groupId");
        assertThat(unknownPosition.json().path("errors").get(0).path("field").asString())
                .isEqualTo("positionIds[0]");
        assertThat(api.get("/v1/users?q=" + email, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isZero();
        assertThat(api.get("/v1/groups/" + theirs, tenant.adminKey()).status()).isEqualTo(404);
        assertThat(api.post("/v1/groups", fixtures.key(tenant.organizationId(), "user"), Map.of("name", "X"))
                        .status())
                .isEqualTo(403);
    }

    private boolean primaryOf(String group, String user) {
        for (JsonNode member :
                api.get("/v1/groups/" + group + "/members", tenant.adminKey()).json()) {
            if (member.path("userId").asString().equals(user)) {
                return member.path("isPrimary").asBoolean();
            }
        }
        throw new AssertionError("not a member");
    }

    private String create(String path, Map<String, Object> body) {
        var created = api.post(path, tenant.adminKey(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private String user(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("email", Fixtures.uniqueEmail("member"));
        body.put("sendInvitation", false);
        var created = api.post("/v1/users", tenant.adminKey(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }
}
