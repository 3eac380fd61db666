package dev.roster.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.Permission;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RosterTest
class RoleApiTest extends ApiTestBase {

    private static final String ADMIN = "00000000-0000-4000-8000-000000000001";
    private static final String USER = "00000000-0000-4000-8000-000000000002";
    private static final String PASSWORD = "correct horse battery staple";

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void theBuiltInRolesComeFirstHoldTheWholeCatalogOrNothingAndCannotChange() {
        var roles = api.get("/v1/roles", tenant.adminKey()).json().path("data");
        var catalog = api.get("/v1/permissions", tenant.adminKey()).json().path("data");

        assertThat(roles.get(0).path("id").asString()).isEqualTo(ADMIN);
        assertThat(roles.get(0).path("builtIn").asBoolean()).isTrue();
        assertThat(roles.get(1).path("name").asString()).isEqualTo("user");
        assertThat(roles.get(1).path("permissions").size()).isZero();
        List<String> everything = new ArrayList<>();
        catalog.forEach(p -> everything.add(p.path("name").asString()));
        assertThat(everything)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Permission.values()).map(Permission::code).toList());
        List<String> adminHolds = new ArrayList<>();
        roles.get(0).path("permissions").forEach(p -> adminHolds.add(p.asString()));
        assertThat(adminHolds).containsExactlyInAnyOrderElementsOf(everything);
        for (var refused : List.of(
                api.patch("/v1/roles/" + ADMIN, tenant.adminKey(), Map.of("name", "boss")),
                api.delete("/v1/roles/" + USER, tenant.adminKey()))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.field("code")).isEqualTo("role_built_in");
        }
        var taken = api.post("/v1/roles", tenant.adminKey(), role("Admin", List.of()));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.field("code")).isEqualTo("role_name_taken");
    }

    @Test
    void customRolesAreCreatedReadChangedAndDeletedOnceNobodyHoldsThem() {
        var created = api.post("/v1/roles", tenant.adminKey(), role("Support", List.of("users:read", "audit:read")));
        String id = created.field("id");
        var again = api.post("/v1/roles", tenant.adminKey(), role("support", List.of()));
        var unknown = api.post("/v1/roles", tenant.adminKey(), role("Odd", List.of("users:read", "users:fly")));
        var renamed = api.patch(
                "/v1/roles/" + id,
                tenant.adminKey(),
                Map.of("name", "Support desk", "permissions", List.of("users:read")));
        String holder = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("holder"));
        var assigned = api.post("/v1/users/" + holder + "/roles", tenant.adminKey(), Map.of("roleId", id));
        var inUse = api.delete("/v1/roles/" + id, tenant.adminKey());
        api.delete("/v1/users/" + holder + "/roles/" + assigned.field("id"), tenant.adminKey());
        var deleted = api.delete("/v1/roles/" + id, tenant.adminKey());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("permissions").toString()).isEqualTo("[\"audit:read\",\"users:read\"]");
        assertThat(again.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString())
                .isEqualTo("permissions");
        assertThat(renamed.field("name")).isEqualTo("Support desk");
        assertThat(renamed.json().path("permissions").toString()).isEqualTo("[\"users:read\"]");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.field("code")).isEqualTo("role_in_use");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/v1/roles/" + id, tenant.adminKey()).status()).isEqualTo(404);
        var audit =
                api.get("/v1/audit-events?targetId=" + id, tenant.adminKey()).text();
        assertThat(audit).contains("role.created", "role.updated", "role.deleted");
    }

    /** Each endpoint, called by a key holding every permission but the one it needs: 403 naming that permission. */
    @Test
    void everyEndpointRefusesACallerLackingExactlyItsPermission() {
        String org = tenant.organizationId();
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("target"));
        String environment = api.post("/v1/environments", tenant.adminKey(), Map.of("name", "prod"))
                .field("id");
        String spare = api.post("/v1/environments", tenant.adminKey(), Map.of("name", "spare"))
                .field("id");
        String missing = UUID.randomUUID().toString();
        Map<String, Object> quietUser = Map.of("email", Fixtures.uniqueEmail("quiet"), "sendInvitation", false);
        List<Call> calls = List.of(
                new Call("GET", "/v1/organizations/" + org, null, "organization:read", 200),
                new Call("GET", "/v1/sso-providers", null, "organization:read", 200),
                new Call("POST", "/v1/sso-providers", Map.of(), "organization:manage", 400),
                new Call("GET", "/v1/users", null, "users:read", 200),
                new Call("GET", "/v1/users/" + user, null, "users:read", 200),
                new Call("POST", "/v1/users", quietUser, "users:write", 201),
                new Call("POST", "/v1/users", Map.of("email", Fixtures.uniqueEmail("invited")), "users:invite", 201),
                new Call("PATCH", "/v1/users/" + missing, Map.of("firstName", "X"), "users:write", 404),
                new Call("DELETE", "/v1/users/" + missing, null, "users:write", 404),
                new Call("POST", "/v1/users/" + missing + "/deactivate", null, "users:write", 404),
                new Call("POST", "/v1/users/" + missing + "/restore", null, "users:write", 404),
                new Call("GET", "/v1/invitations", null, "users:read", 200),
                new Call("POST", "/v1/invitations/" + missing + "/revoke", null, "users:invite", 404),
                new Call("POST", "/v1/users/" + missing + "/invitation/resend", null, "users:invite", 404),
                new Call("GET", "/v1/roles", null, "roles:read", 200),
                new Call("GET", "/v1/roles/" + ADMIN, null, "roles:read", 200),
                new Call("POST", "/v1/roles", Map.of(), "roles:manage", 400),
                new Call("PATCH", "/v1/roles/" + missing, Map.of(), "roles:manage", 404),
                new Call("DELETE", "/v1/roles/" + missing, null, "roles:manage", 404),
                new Call("GET", "/v1/users/" + user + "/roles", null, "users:read", 200),
                new Call("POST", "/v1/users/" + user + "/roles", Map.of(), "roles:manage", 400),
                new Call("DELETE", "/v1/users/" + user + "/roles/" + missing, null, "roles:manage", 404),
                new Call("GET", "/v1/environments", null, "environments:read", 200),
                new Call("GET", "/v1/environments/" + environment, null, "environments:read", 200),
                new Call("POST", "/v1/environments", Map.of(), "environments:manage", 400),
                new Call(
                        "PATCH", "/v1/environments/" + environment, Map.of("name", "prod"), "environments:manage", 200),
                new Call("DELETE", "/v1/environments/" + spare, null, "environments:manage", 204),
                new Call("GET", "/v1/groups", null, "groups:read", 200),
                new Call("POST", "/v1/groups", Map.of(), "groups:manage", 400),
                new Call("GET", "/v1/positions", null, "groups:read", 200),
                new Call("POST", "/v1/positions", Map.of(), "groups:manage", 400),
                new Call("GET", "/v1/users/" + user + "/positions", null, "users:read", 200),
                new Call("GET", "/v1/organizations/" + org + "/api-keys", null, "keys:manage", 200),
                new Call("POST", "/v1/organizations/" + org + "/api-keys", Map.of(), "keys:manage", 400),
                new Call("GET", "/v1/webhook-endpoints", null, "webhooks:manage", 200),
                new Call("POST", "/v1/webhook-endpoints", Map.of(), "webhooks:manage", 400),
                new Call("GET", "/v1/webhook-deliveries", null, "webhooks:manage", 200),
                new Call("GET", "/v1/audit-events", null, "audit:read", 200));
        Map<String, String> lacking = new HashMap<>();
        for (Call call : calls) {
            String key = lacking.computeIfAbsent(call.permission(), this::keyLacking);
            var refused = api.send(call.method(), call.path(), key, call.body(), Map.of());
            assertThat(refused.status()).as(call + " " + refused).isEqualTo(403);
            assertThat(refused.field("code")).as(call.toString()).isEqualTo("permission_required");
            assertThat(refused.field("permission")).as(call.toString()).isEqualTo(call.permission());
            var allowed = api.send(call.method(), call.path(), tenant.adminKey(), call.body(), Map.of());
            assertThat(allowed.status()).as(call + " " + allowed).isEqualTo(call.allowedStatus());
        }
        assertThat(calls.stream().map(Call::permission).distinct().count()).isEqualTo(Permission.values().length);
    }

    @Test
    void noOneGrantsMoreThanTheyHoldThroughRolesKeysOrNewUsers() {
        String org = tenant.organizationId();
        String manager = fixtures.keyWith(
                org, "roles:manage", "roles:read", "users:read", "users:write", "users:invite", "keys:manage");
        String target = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("target"));
        String adminAssignment = api.post("/v1/users/" + target + "/roles", tenant.adminKey(), Map.of("roleId", ADMIN))
                .field("id");
        String email = Fixtures.uniqueEmail("would-be-admin");

        var widerRole = api.post("/v1/roles", manager, role("Wide", List.of("users:read", "audit:read")));
        var narrowRole = api.post("/v1/roles", manager, role("Narrow", List.of("users:read")));
        var widened = api.patch(
                "/v1/roles/" + narrowRole.field("id"),
                manager,
                Map.of("permissions", List.of("users:read", "webhooks:manage")));
        var adminKey =
                api.post("/v1/organizations/" + org + "/api-keys", manager, Map.of("name", "k", "role", "admin"));
        var readerKey = api.post(
                "/v1/organizations/" + org + "/api-keys",
                manager,
                Map.of("name", "k", "roleId", narrowRole.field("id")));
        var adminUser = api.post("/v1/users", manager, Map.of("email", email, "roles", List.of("admin")));
        var adminByFlag = api.post("/v1/users", manager, Map.of("email", email, "isOrgAdmin", true));
        var promoted = api.post("/v1/users/" + target + "/roles", manager, Map.of("roleId", ADMIN));
        var patched = api.patch("/v1/users/" + target, manager, Map.of("roles", List.of("user")));
        var demoted = api.delete("/v1/users/" + target + "/roles/" + adminAssignment, manager);

        assertThat(narrowRole.status()).isEqualTo(201);
        assertThat(readerKey.status()).as(readerKey.toString()).isEqualTo(201);
        assertThat(readerKey.field("role")).isEqualTo("Narrow");
        for (var refused : List.of(widerRole, widened, adminKey, adminUser, adminByFlag, promoted, patched, demoted)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.field("code")).as(refused.toString()).isEqualTo("permission_escalation");
        }
        assertThat(api.get("/v1/users?q=" + email, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .as("a refused create leaves no user behind")
                .isZero();
        assertThat(api.get("/v1/users/" + target, tenant.adminKey())
                        .json()
                        .path("roles")
                        .toString())
                .contains("admin");
    }

    @Test
    void createTakesRolesByNameByIdOrScopedButNeverTwoSpellingsAtOnce() {
        String env = environment("staging");
        String viewer = fixtures.role(tenant.organizationId(), "environments:read");
        String stranger = fixtures.tenant("free").organizationId();
        String foreignEnv = api.post(
                        "/v1/organizations/" + stranger + "/environments", Api.PLATFORM_KEY, Map.of("name", "theirs"))
                .field("id");
        String foreignRole = fixtures.role(stranger, "users:read");

        var created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of(
                        "email", Fixtures.uniqueEmail("scoped"),
                        "roleIds", List.of(ADMIN),
                        "roleAssignments",
                                List.of(
                                        Map.of("roleId", viewer, "resourceId", env),
                                        Map.of("roleId", USER, "resourceId", tenant.organizationId()))));
        var both = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("b"), "roles", List.of("user"), "roleIds", List.of(USER)));
        var flagAndIds = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("f"), "isOrgAdmin", true, "roleIds", List.of(ADMIN)));
        var foreignRoleId = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("fr"), "roleIds", List.of(USER, foreignRole)));
        var foreignResource = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of(
                        "email",
                        Fixtures.uniqueEmail("fe"),
                        "roleAssignments",
                        List.of(Map.of("roleId", viewer, "resourceId", foreignEnv))));
        var unknownName = api.post(
                "/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("u"), "roles", List.of("owner")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
        JsonNode held = api.get("/v1/users/" + created.field("id") + "/roles", tenant.adminKey())
                .json()
                .path("data");
        assertThat(held.size()).isEqualTo(3);
        assertThat(held.toString()).contains("\"resourceId\":\"" + env + "\"", "\"resourceType\":\"environment\"");
        assertField(both, "roleIds");
        assertField(flagAndIds, "isOrgAdmin");
        assertField(foreignRoleId, "roleIds[1]");
        assertField(foreignResource, "roleAssignments[0].resourceId");
        assertField(unknownName, "roles");
    }

    @Test
    void rolesScopedToAnEnvironmentGrantOnlyThereAndTakingThemAwayHoldsAtOnce() {
        String prod = environment("production");
        String staging = environment("staging");
        String viewer = fixtures.role(tenant.organizationId(), "environments:read", "environments:manage");
        String delegate = fixtures.role(tenant.organizationId(), "roles:manage", "environments:read");
        String jwt = fixtures.signedIn(tenant.adminKey(), "user");
        String me = api.get("/v1/users/me", jwt).field("id");
        String other = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("other"));

        var scoped =
                api.post("/v1/users/" + me + "/roles", tenant.adminKey(), Map.of("roleId", viewer, "resourceId", prod));
        api.post("/v1/users/" + me + "/roles", tenant.adminKey(), Map.of("roleId", delegate, "resourceId", prod));
        var twice =
                api.post("/v1/users/" + me + "/roles", tenant.adminKey(), Map.of("roleId", viewer, "resourceId", prod));
        var listed = api.get("/v1/environments", jwt);
        var renamedProd = api.patch("/v1/environments/" + prod, jwt, Map.of("name", "prod"));
        var renamedStaging = api.patch("/v1/environments/" + staging, jwt, Map.of("name", "stage"));
        var delegatedThere =
                api.post("/v1/users/" + other + "/roles", jwt, Map.of("roleId", viewer, "resourceId", prod));
        var delegatedElsewhere =
                api.post("/v1/users/" + other + "/roles", jwt, Map.of("roleId", viewer, "resourceId", staging));
        var delegatedEverywhere = api.post("/v1/users/" + other + "/roles", jwt, Map.of("roleId", viewer));
        var inUse = api.delete("/v1/environments/" + prod, tenant.adminKey());
        String email = api.get("/v1/users/me", jwt).field("email");
        var claims = claims(api.post("/v1/auth/token", null, Map.of("email", email, "password", PASSWORD))
                .field("accessToken"));
        api.delete("/v1/users/" + me + "/roles/" + scoped.field("id"), tenant.adminKey());
        var afterRemoval = api.get("/v1/environments/" + prod, jwt);

        assertThat(scoped.status()).as(scoped.toString()).isEqualTo(201);
        assertThat(scoped.field("resourceType")).isEqualTo("environment");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.field("code")).isEqualTo("role_already_assigned");
        assertThat(listed.json().path("data").size()).isEqualTo(1);
        assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(prod);
        assertThat(api.get("/v1/environments/" + staging, jwt).status()).isEqualTo(403);
        assertThat(renamedProd.status()).as(renamedProd.toString()).isEqualTo(200);
        assertThat(renamedStaging.status()).isEqualTo(403);
        assertThat(delegatedThere.status()).as(delegatedThere.toString()).isEqualTo(201);
        assertThat(delegatedElsewhere.status()).isEqualTo(403);
        assertThat(delegatedEverywhere.status()).isEqualTo(403);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.field("code")).isEqualTo("environment_in_use");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(claims.path("permissions").size()).isZero();
        assertThat(claims.path("resourcePermissions").path(prod).toString())
                .isEqualTo("[\"environments:manage\",\"environments:read\",\"roles:manage\"]");
        assertThat(afterRemoval.status())
                .as("the JWT's permissions are read anew on each request")
                .isEqualTo(200);
        api.delete("/v1/users/" + me + "/roles/" + delegateAssignment(me), tenant.adminKey());
        assertThat(api.get("/v1/environments/" + prod, jwt).status()).isEqualTo(403);
    }

    @Test
    void aKeyWithACustomRoleFollowsTheRoleAsItChanges() {
        String role = fixtures.role(tenant.organizationId(), "audit:read");
        var created = api.post(
                "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                tenant.adminKey(),
                Map.of("name", "auditor", "roleId", role));
        String key = created.field("key");

        var before = api.get("/v1/users", key);
        api.patch("/v1/roles/" + role, tenant.adminKey(), Map.of("permissions", List.of("audit:read", "users:read")));
        var after = api.get("/v1/users", key);
        var listed = api.get("/v1/organizations/" + tenant.organizationId() + "/api-keys", tenant.adminKey());
        var both = api.post(
                "/v1/organizations/" + tenant.organizationId() + "/api-keys",
                tenant.adminKey(),
                Map.of("name", "x", "role", "user", "roleId", role));

        assertThat(api.get("/v1/audit-events", key).status()).isEqualTo(200);
        assertThat(before.status()).isEqualTo(403);
        assertThat(after.status()).isEqualTo(200);
        assertThat(listed.text()).contains("\"roleId\":\"" + role + "\"").doesNotContain(key);
        assertField(both, "roleId");
    }

    private String delegateAssignment(String userId) {
        for (JsonNode assignment : api.get("/v1/users/" + userId + "/roles", tenant.adminKey())
                .json()
                .path("data")) {
            if (!assignment.path("resourceId").isNull()) {
                return assignment.path("id").asString();
            }
        }
        throw new AssertionError("no scoped assignment left");
    }

    private String environment(String name) {
        var created = api.post("/v1/environments", tenant.adminKey(), Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private String keyLacking(String permission) {
        String[] others = Arrays.stream(Permission.values())
                .map(Permission::code)
                .filter(code -> !code.equals(permission))
                .toArray(String[]::new);
        return fixtures.keyWith(tenant.organizationId(), others);
    }

    private static Map<String, Object> role(String name, List<String> permissions) {
        return Map.of("name", name, "permissions", permissions);
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder()
                .build()
                .readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private record Call(String method, String path, Object body, String permission, int allowedStatus) {}
}
