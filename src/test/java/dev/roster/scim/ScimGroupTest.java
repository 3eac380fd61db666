package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.Caller;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@RosterTest
class ScimGroupTest extends ApiTestBase {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ScimGroupService groups;

    private Tenant tenant;
    private Scim scim;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
        scim = Scim.bearer(port, Scim.token(api, tenant.adminKey()));
    }

    private String user() {
        return scim.post("/Users", ScimUserTest.oktaUser(Fixtures.uniqueEmail("member")))
                .field("id");
    }

    private static Map<String, Object> group(String name, List<String> members) {
        return Map.of(
                "schemas",
                List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName",
                name,
                "externalId",
                "ext-" + name,
                "members",
                members.stream().map(id -> Map.of("value", id)).toList());
    }

    private List<String> members(String group) {
        return scim.get("/Groups/" + group).json().path("members").findValuesAsString("value");
    }

    @Test
    void aGroupIsCreatedWithItsMembersAndShownInTheirGroupsAndInRoster() {
        String a = user();
        String b = user();
        String name = "Engineering " + UUID.randomUUID();

        Api.Response created = scim.post("/Groups", group(name, List.of(a, b)));
        String id = created.field("id");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("displayName").asString()).isEqualTo(name);
        assertThat(created.json().path("externalId").asString()).isEqualTo("ext-" + name);
        assertThat(created.json().path("members").findValuesAsString("value")).containsExactlyInAnyOrder(a, b);
        assertThat(created.json().path("meta").path("resourceType").asString()).isEqualTo("Group");
        assertThat(scim.get("/Users/" + a).json().path("groups").findValuesAsString("value"))
                .containsExactly(id);
        assertThat(api.get("/v1/groups/" + id + "/members", tenant.adminKey()).text())
                .contains(a, b);
        assertThat(scim.find("Groups", "displayName eq \"" + name.toUpperCase() + "\"")
                        .json()
                        .path("totalResults")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aTakenDisplayNameIs409Uniqueness() {
        String name = "Sales " + UUID.randomUUID();
        scim.post("/Groups", group(name, List.of()));

        Api.Response duplicate = scim.post("/Groups", group(name.toLowerCase(), List.of()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("scimType").asString()).isEqualTo("uniqueness");
    }

    /**
     * RFC 7644 has no rule for a member that does not exist: its 404 is for the request's own target (section 3.12),
     * and the members value is what is wrong, so Roster answers 400 invalidValue and creates nothing.
     */
    @Test
    void aMemberThatIsNoUserOfTheOrganizationIs400InvalidValueAndNothingIsCreated() {
        String name = "Ghosts " + UUID.randomUUID();
        Tenant other = fixtures.tenant("business");
        String foreign = Scim.bearer(port, Scim.token(api, other.adminKey()))
                .post("/Users", ScimUserTest.oktaUser(Fixtures.uniqueEmail("foreign")))
                .field("id");

        for (String member : List.of(UUID.randomUUID().toString(), foreign)) {
            Api.Response refused = scim.post("/Groups", group(name, List.of(user(), member)));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("scimType").asString()).isEqualTo("invalidValue");
            assertThat(refused.json().path("detail").asString()).contains(member);
        }
        assertThat(scim.find("Groups", "displayName eq \"" + name + "\"")
                        .json()
                        .path("totalResults")
                        .asInt())
                .isZero();
    }

    @Test
    void aPatchOfIdOrMetaOrOneThatRemovesDisplayNameIs400MutabilityAndChangesNothing() {
        String name = "Stable " + UUID.randomUUID();
        String id = scim.post("/Groups", group(name, List.of(user()))).field("id");

        List<Api.Response> refused = List.of(
                scim.patch("/Groups/" + id, Scim.ops(Map.of("op", "remove", "path", "displayName"))),
                scim.patch(
                        "/Groups/" + id,
                        Scim.ops(Map.of(
                                "op",
                                "replace",
                                "path",
                                "id",
                                "value",
                                UUID.randomUUID().toString()))),
                scim.patch("/Groups/" + id, Scim.ops(Map.of("op", "replace", "value", Map.of("meta", Map.of())))));

        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().path("scimType").asString()).isEqualTo("mutability");
        }
        JsonNode after = scim.get("/Groups/" + id).json();
        assertThat(after.path("displayName").asString()).isEqualTo(name);
        assertThat(after.path("members")).hasSize(1);
    }

    @Test
    void oktasRenameMemberAddAndValueFilterRemoveKeepTheOtherMembers() {
        String a = user();
        String b = user();
        String c = user();
        String id = scim.post("/Groups", group("Okta " + UUID.randomUUID(), List.of(a)))
                .field("id");

        Api.Response renamed = scim.patch(
                "/Groups/" + id,
                Scim.ops(Map.of("op", "replace", "value", Map.of("id", id, "displayName", "Okta renamed " + id))));
        Api.Response added = scim.patch(
                "/Groups/" + id,
                Scim.ops(Map.of(
                        "op",
                        "add",
                        "path",
                        "members",
                        "value",
                        List.of(Map.of("value", b, "display", "b"), Map.of("value", c, "display", "c")))));
        Api.Response removed = scim.patch(
                "/Groups/" + id, Scim.ops(Map.of("op", "remove", "path", "members[value eq \"" + b + "\"]")));

        assertThat(renamed.status()).isEqualTo(204);
        assertThat(added.status()).isEqualTo(204);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(scim.get("/Groups/" + id).json().path("displayName").asString())
                .isEqualTo("Okta renamed " + id);
        assertThat(members(id)).containsExactlyInAnyOrder(a, c);
    }

    @Test
    void entrasCapitalisedMemberAddAndRemoveWithAValueArrayRemoveOnlyThoseListed() {
        String a = user();
        String b = user();
        String c = user();
        String id = scim.post("/Groups", group("Entra " + UUID.randomUUID(), List.of(a, b)))
                .field("id");

        Api.Response added = scim.patch(
                "/Groups/" + id,
                Scim.ops(Map.of("op", "Add", "path", "members", "value", List.of(Map.of("value", c)))));
        Api.Response removed = scim.patch(
                "/Groups/" + id,
                Scim.ops(Map.of("op", "Remove", "path", "members", "value", List.of(Map.of("value", a)))));
        Api.Response renamed = scim.patch(
                "/Groups/" + id,
                Scim.ops(Map.of("op", "Replace", "path", "displayName", "value", "Entra renamed " + id)));

        assertThat(added.status()).isEqualTo(204);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(renamed.status()).isEqualTo(204);
        assertThat(members(id)).containsExactlyInAnyOrder(b, c);
        assertThat(scim.get("/Groups/" + id).json().path("displayName").asString())
                .isEqualTo("Entra renamed " + id);
    }

    @Test
    void excludedAttributesMembersLeavesMembersOutAndAFilterByMemberFindsTheGroup() {
        String a = user();
        String name = "Excluded " + UUID.randomUUID();
        String id = scim.post("/Groups", group(name, List.of(a))).field("id");

        var listed = scim.get("/Groups?excludedAttributes=members&filter="
                        + java.net.URLEncoder.encode(
                                "displayName eq \"" + name + "\"", java.nio.charset.StandardCharsets.UTF_8))
                .json();
        var one = scim.get("/Groups/" + id + "?excludedAttributes=members").json();
        var byMember = scim.find("Groups", "members[value eq \"" + a + "\"]").json();

        assertThat(listed.path("totalResults").asInt()).isEqualTo(1);
        assertThat(listed.path("Resources").get(0).has("members")).isFalse();
        assertThat(listed.path("Resources").get(0).path("displayName").asString())
                .isEqualTo(name);
        assertThat(one.has("members")).isFalse();
        assertThat(byMember.path("Resources").findValuesAsString("id")).containsExactly(id);
    }

    @Test
    void putReplacesMembersOnlyWhenItHasThemAndDeleteRemovesTheGroup() {
        String a = user();
        String b = user();
        String name = "Put " + UUID.randomUUID();
        String id = scim.post("/Groups", group(name, List.of(a))).field("id");

        Api.Response withoutMembers = scim.put("/Groups/" + id, Map.of("displayName", name + " 2", "externalId", "x"));
        List<String> kept = members(id);
        Api.Response withMembers = scim.put("/Groups/" + id, group(name + " 3", List.of(b)));
        Api.Response deleted = scim.delete("/Groups/" + id);

        assertThat(withoutMembers.status()).isEqualTo(200);
        assertThat(kept).containsExactly(a);
        assertThat(withMembers.json().path("members").findValuesAsString("value"))
                .containsExactly(b);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(scim.get("/Groups/" + id).status()).isEqualTo(404);
    }

    @Test
    void tenThousandMembersJoinAndLeaveInOnePatchWithAFixedNumberOfStatements() {
        Tenant big = fixtures.tenant("enterprise");
        List<String> ids = insertUsers(big.organizationId(), 10_000);
        Scim bigScim = Scim.bearer(port, Scim.token(api, big.adminKey()));
        String group = bigScim.post("/Groups", group("Everyone " + UUID.randomUUID(), List.of()))
                .field("id");
        Caller caller = Scim.caller(big);
        var add = Scim.tree(Scim.JSON.writeValueAsString(Scim.ops(Map.of(
                "op",
                "add",
                "path",
                "members",
                "value",
                ids.stream().map(id -> Map.of("value", id)).toList()))));
        var remove = Scim.tree(Scim.JSON.writeValueAsString(Scim.ops(Map.of(
                "op",
                "Remove",
                "path",
                "members",
                "value",
                ids.subList(0, 5_000).stream().map(id -> Map.of("value", id)).toList()))));

        long started = System.nanoTime();
        List<String> addSql = Statements.recordedDuring(() -> groups.patch(caller, UUID.fromString(group), add, null));
        long addMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> removeSql =
                Statements.recordedDuring(() -> groups.patch(caller, UUID.fromString(group), remove, null));
        var counted = bigScim.get("/Groups/" + group).json().path("members");

        assertThat(addSql).hasSizeLessThan(25);
        assertThat(removeSql).hasSizeLessThan(25);
        assertThat(addMillis).isLessThan(20_000);
        assertThat(counted).hasSize(5_000);
    }

    @Test
    void aPageOfGroupsIsReadWithTheSameStatementsWhateverItsLength() {
        // given an organization with one group, and another with twenty
        Tenant small = fixtures.tenant("business");
        Tenant large = fixtures.tenant("business");
        Scim smallScim = Scim.bearer(port, Scim.token(api, small.adminKey()));
        Scim largeScim = Scim.bearer(port, Scim.token(api, large.adminKey()));
        smallScim.post("/Groups", group("Only " + UUID.randomUUID(), List.of()));
        for (int i = 0; i < 20; i++) {
            largeScim.post("/Groups", group("Team " + i + " " + UUID.randomUUID(), List.of()));
        }

        // when each lists its groups
        ScimListQuery query = new ScimListQuery(null, 1, 100, List.of(), List.of());
        List<String> one =
                Statements.recordedDuring(() -> groups.search(Scim.caller(small), query, Scim.JSON.createObjectNode()));
        List<String> twenty =
                Statements.recordedDuring(() -> groups.search(Scim.caller(large), query, Scim.JSON.createObjectNode()));

        // then the twenty cost no more statements than the one
        assertThat(twenty).hasSize(one.size());
    }

    private List<String> insertUsers(String organization, int count) {
        List<String> ids = new ArrayList<>();
        String prefix = "bulk" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        INSERT INTO users (id, organization_id, email, status, created_by, updated_by)
                        SELECT gen_random_uuid(), CAST(:org AS uuid), :prefix || g || '@example.com', 'active', 'test',
                            'test'
                        FROM generate_series(1, :count) g
                        """)
                .param("org", organization)
                .param("prefix", prefix)
                .param("count", count)
                .update();
        ids.addAll(jdbc.sql("SELECT CAST(id AS text) FROM users WHERE organization_id = CAST(:org AS uuid)")
                .param("org", organization)
                .query(String.class)
                .list());
        return ids;
    }
}
