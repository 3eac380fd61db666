package dev.roster.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.auth.ApiKeyService;
import dev.roster.shared.Caller;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.Statements;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The lists a create names (groups, positions, roles) are bounded, and each is checked with one query. */
@RosterTest
class CreateListsTest extends ApiTestBase {

    /** A statement that reads one of the tables the lists name. */
    private static final Pattern LOOKUP =
            Pattern.compile("(?is).*\\bFROM\\s+(groups|positions|roles|environments)\\b.*");

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @Test
    void eachListOfACreateHoldsAtMostFiftyEntries() {
        Tenant tenant = fixtures.tenant("enterprise");
        List<UUID> many = Collections.nCopies(51, UUID.randomUUID());
        Map<String, Object> tooLong = Map.of(
                "groups",
                many.stream().map(id -> Map.of("groupId", id)).toList(),
                "positionIds",
                many,
                "roleIds",
                many,
                "roleAssignments",
                many.stream().map(id -> Map.of("roleId", id)).toList());

        for (var field : tooLong.entrySet()) {
            var refused = api.post(
                    "/v1/users",
                    tenant.adminKey(),
                    Map.of("email", Fixtures.uniqueEmail("long"), field.getKey(), field.getValue()));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.field("code")).isEqualTo("validation_failed");
            assertThat(refused.json().path("errors").get(0).path("field").asString())
                    .isEqualTo(field.getKey());
        }
        assertThat(api.get("/v1/users", tenant.adminKey()).json().path("data").size())
                .isZero();
    }

    @Test
    void theSurfacesRefuseLongListsInTheirOwnShape() {
        String partner = fixtures.partnerKey();
        String org = fixtures.organization(partner, "enterprise");
        List<String> many = Collections.nCopies(51, UUID.randomUUID().toString());

        var aptly = api.post(
                "/auth/v1/user/create",
                partner,
                Map.of("tenantId", org, "email", Fixtures.uniqueEmail("a"), "positionIds", many));
        var polytomic = api.post(
                "/api/organizations/" + org + "/users",
                partner,
                Map.of("email", Fixtures.uniqueEmail("p"), "role_ids", many));
        var flatfile = api.post(
                "/v1/users/invite",
                fixtures.key(org, "admin"),
                Map.of(
                        "email",
                        Fixtures.uniqueEmail("f"),
                        "name",
                        "F",
                        "actorRoles",
                        many.stream().map(id -> Map.of("roleId", id)).toList()));

        assertThat(aptly.status()).as(aptly.toString()).isEqualTo(400);
        assertThat(aptly.json().path("message").asString())
                .contains("positionIds")
                .contains("at most 50");
        assertThat(polytomic.status()).as(polytomic.toString()).isEqualTo(422);
        assertThat(polytomic.text()).contains("at most 50");
        assertThat(flatfile.status()).as(flatfile.toString()).isEqualTo(400);
        assertThat(flatfile.json().path("errors").get(0).path("key").asString()).isEqualTo("actorRoles");
    }

    @Test
    void eachListIsCheckedWithOneQueryWhateverItsLength() {
        Tenant tenant = fixtures.tenant("enterprise");
        Caller caller = keys.authenticate(tenant.adminKey()).orElseThrow();
        List<String> groups = made(50, "/v1/groups", tenant);
        List<String> positions = made(50, "/v1/positions", tenant);
        List<String> environments = made(50, "/v1/environments", tenant);
        List<String> roles = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> roles.add(fixtures.role(tenant.organizationId(), "users:read")));

        // (the built-in roles are read once per process, on first use)
        lookups(caller, groups.subList(0, 1), positions.subList(0, 1), roles.subList(0, 1), environments.subList(0, 1));
        List<String> one = lookups(
                caller, groups.subList(0, 1), positions.subList(0, 1), roles.subList(0, 1), environments.subList(0, 1));
        List<String> fifty = lookups(caller, groups, positions, roles, environments);

        assertThat(fifty)
                .as("statements that read groups, positions, roles or environments")
                .hasSameSizeAs(one);
        assertThat(one).hasSizeLessThanOrEqualTo(4);
    }

    private List<String> lookups(
            Caller caller, List<String> groups, List<String> positions, List<String> roles, List<String> environments) {
        CreateUserRequest request = CreateUserRequest.builder(Fixtures.uniqueEmail("lists"))
                .sendInvitation(false)
                .groups(groups.stream()
                        .map(id -> new UserPlaced.GroupPlacement(UUID.fromString(id), false))
                        .toList())
                .positionIds(positions.stream().map(UUID::fromString).toList())
                .roleIds(roles.stream().map(UUID::fromString).toList())
                .roleAssignments(IntStream.range(0, roles.size())
                        .mapToObj(i -> new RoleAssignmentRequest(
                                UUID.fromString(roles.get(i)), UUID.fromString(environments.get(i))))
                        .toList())
                .build();
        List<String> sql = Statements.recordedDuring(() -> users.create(caller, null, request));
        return sql.stream().filter(s -> LOOKUP.matcher(s).matches()).toList();
    }

    private List<String> made(int count, String path, Tenant tenant) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var created = api.post(path, tenant.adminKey(), Map.of("name", "n " + UUID.randomUUID()));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.field("id"));
        }
        return ids;
    }
}
