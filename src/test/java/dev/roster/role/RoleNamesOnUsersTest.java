package dev.roster.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A user's role names are kept on its row (for cheap lists); they follow every assignment, removal, rename and
 * acceptance, and concurrent changes to one user's roles all show.
 */
@RosterTest
class RoleNamesOnUsersTest extends ApiTestBase {

    /** What the triggers of V51 compute for a user, held and pending: what its row must carry. */
    private static final String RECOMPUTED = """
            SELECT u.role_names = coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE NOT a.pending), '{}')
                   AND u.pending_role_names
                       = coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE a.pending), '{}')
            FROM users u LEFT JOIN role_assignments a ON a.user_id = u.id AND a.resource_id IS NULL
                LEFT JOIN roles r ON r.id = a.role_id
            WHERE u.id = :id
            GROUP BY u.id
            """;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void aUserCreatedWithRolesCarriesTheNamesTheirAssignmentsGive() {
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String custom = fixtures.role(tenant.organizationId(), "users:read");
        String customName = api.get("/v1/roles/" + custom, tenant.adminKey()).field("name");
        String scoped = fixtures.role(tenant.organizationId(), "environments:read");
        String environment = api.post("/v1/environments", tenant.adminKey(), Map.of("name", "staging " + custom))
                .field("id");

        // roles by name (one twice, in another case), an organization-wide one by id and a scoped one
        Api.Response held = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of(
                        "email",
                        Fixtures.uniqueEmail("many"),
                        "sendInvitation",
                        false,
                        "roles",
                        List.of("user", customName, customName.toUpperCase(), "admin"),
                        "roleAssignments",
                        List.of(
                                Map.of("roleId", custom, "resourceId", tenant.organizationId()),
                                Map.of("roleId", scoped, "resourceId", environment))));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(names(held.json().path("roles"))).containsExactly(sorted("admin", customName, "user"));
        assertThat(recomputedMatches(held.field("id"))).isTrue();
        assertThat(api.get("/v1/users/" + held.field("id") + "/roles", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(4);

        // the same roles waiting for an invitation's acceptance
        api.patch(
                "/v1/organizations/" + tenant.organizationId(),
                Api.PLATFORM_KEY,
                Map.of("rolesTakeEffect", "on_accept"));
        Api.Response pending = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("waiting"), "roleIds", List.of(custom, custom)));
        assertThat(pending.status()).as(pending.toString()).isEqualTo(201);
        assertThat(pending.json().path("roles").size()).isZero();
        assertThat(names(pending.json().path("invitation").path("pendingRoles")))
                .containsExactly(customName);
        assertThat(recomputedMatches(pending.field("id"))).isTrue();
    }

    @Test
    void aUserInsertedInTheSameTransactionWithoutTheNamesStillGetsThem() {
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String id = UUID.randomUUID().toString();

        // a user written as another path (or an operator's SQL) might: its row names no role, then it is given one
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO users (id, organization_id, email, status, created_by, updated_by)
                            VALUES (CAST(:id AS uuid), CAST(:org AS uuid), :email, 'active', 'test', 'test')
                            """)
                    .param("id", id)
                    .param("org", tenant.organizationId())
                    .param("email", Fixtures.uniqueEmail("bare"))
                    .update();
            jdbc.sql("""
                            INSERT INTO role_assignments (id, organization_id, user_id, role_id, created_by)
                            VALUES (gen_random_uuid(), CAST(:org AS uuid), CAST(:id AS uuid),
                                    '00000000-0000-4000-8000-000000000002', 'test')
                            """).param("id", id).param("org", tenant.organizationId()).update();
        });

        assertThat(roles(tenant, id)).containsExactly("user");
        assertThat(recomputedMatches(id)).isTrue();
    }

    @Test
    void theNamesFollowAssignmentsRemovalsAndRenames() {
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String role = fixtures.role(tenant.organizationId(), "users:read");
        String renamed = "Auditor " + System.nanoTime();
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("named"));
        assertThat(roles(tenant, user)).containsExactly("user");

        String assignment = api.post("/v1/users/" + user + "/roles", tenant.adminKey(), Map.of("roleId", role))
                .field("id");
        String name = api.get("/v1/roles/" + role, tenant.adminKey()).field("name");
        assertThat(roles(tenant, user)).containsExactlyInAnyOrder(name, "user");
        assertThat(listed(tenant, user)).containsExactlyInAnyOrder(name, "user");

        assertThat(api.patch("/v1/roles/" + role, tenant.adminKey(), Map.of("name", renamed))
                        .status())
                .isEqualTo(200);
        assertThat(roles(tenant, user)).containsExactlyInAnyOrder(renamed, "user");

        api.delete("/v1/users/" + user + "/roles/" + assignment, tenant.adminKey());
        assertThat(roles(tenant, user)).containsExactly("user");
    }

    @Test
    void concurrentAssignmentsToOneUserAllShow() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant("business");
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("busy"));
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            roles.add(fixtures.role(tenant.organizationId(), "users:read"));
        }

        List<Integer> statuses = Concurrently.run(
                roles.size(),
                i -> api.post("/v1/users/" + user + "/roles", tenant.adminKey(), Map.of("roleId", roles.get(i)))
                        .status());

        assertThat(statuses).containsOnly(201);

        assertThat(roles(tenant, user)).hasSize(roles.size() + 1);
    }

    private boolean recomputedMatches(String user) {
        return jdbc.sql(RECOMPUTED)
                .param("id", UUID.fromString(user))
                .query(Boolean.class)
                .single();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }

    private String[] sorted(String... names) {
        return jdbc.sql("SELECT array_agg(n ORDER BY n) FROM unnest(CAST(:names AS text[])) AS t(n)")
                .param("names", names)
                .query((rs, row) -> (String[]) rs.getArray(1).getArray())
                .single();
    }

    private List<String> roles(Fixtures.Tenant tenant, String user) {
        List<String> names = new ArrayList<>();
        api.get("/v1/users/" + user, tenant.adminKey()).json().path("roles").forEach(n -> names.add(n.asString()));
        return names;
    }

    private List<String> listed(Fixtures.Tenant tenant, String user) {
        List<String> names = new ArrayList<>();
        api.get("/v1/users?limit=200", tenant.adminKey()).json().path("data").forEach(u -> {
            if (u.path("id").asString().equals(user)) {
                u.path("roles").forEach(n -> names.add(n.asString()));
            }
        });
        return names;
    }
}
