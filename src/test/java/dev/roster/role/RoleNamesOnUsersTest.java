package dev.roster.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures;
import dev.roster.support.RosterTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's role names are kept on its row (for cheap lists); they follow every assignment, removal, rename and
 * acceptance, and concurrent changes to one user's roles all show.
 */
@RosterTest
class RoleNamesOnUsersTest extends ApiTestBase {

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
