package dev.roster.compat.flatfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Flatfile's "Create and Invite User" page and the family of user endpoints its navigation lists. */
@RosterTest
class FlatfileApiTest extends ApiTestBase {

    private static final String ADMIN_ROLE = "00000000-0000-4000-8000-000000000001";
    private static final String USER_ROLE = "00000000-0000-4000-8000-000000000002";
    private static final String MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z";
    private static final String UUID_TEXT = "[0-9a-f-]{36}";

    /** The page's sample body, as its curl command sends it. */
    private static final String SAMPLE = """
            {
            "email": "john.smith@example.com",
            "name": "John Smith",
            "actorRoles": [
            {
            "roleId": "us_rol_YOUR_ID",
            "resourceId": "us_acc_YOUR_ID"
            },
            {
            "roleId": "us_rol_YOUR_ID",
            "resourceId": "us_env_YOUR_ID"
            }
            ]
            }""";

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void thePagesSampleRequestCreatesTheUserWithBothActorRolesAndEmailsAnInvitationLink() {
        // given an environment, a role for it, and the sample with their ids in place of the placeholders
        String environment = environment();
        String viewer = fixtures.role(tenant.organizationId(), "environments:read");
        String sample = SAMPLE.replaceFirst("us_rol_YOUR_ID", "us_rol_" + ADMIN_ROLE)
                .replaceFirst("us_rol_YOUR_ID", "us_rol_" + viewer)
                .replace("us_acc_YOUR_ID", "us_acc_" + tenant.organizationId())
                .replace("us_env_YOUR_ID", "us_env_" + environment);

        // when
        var invited =
                api.send("POST", "/v1/users/invite", tenant.adminKey(), sample, Map.of("X-Disable-Hooks", "true"));

        // then
        assertThat(invited.status()).as(invited.toString()).isEqualTo(200);
        assertThat(invited.json().propertyNames()).containsExactly("data");
        JsonNode user = invited.json().path("data");
        assertThat(user.propertyNames())
                .containsExactly(
                        "accountId",
                        "actorRoles",
                        "createdAt",
                        "email",
                        "id",
                        "idp",
                        "metadata",
                        "name",
                        "updatedAt",
                        "dashboard",
                        "idpRef",
                        "lastSeenAt");
        String id = user.path("id").asString();
        assertThat(id).matches("us_usr_" + UUID_TEXT);
        assertThat(user.path("idpRef").asString()).isEqualTo(id.substring("us_usr_".length()));
        assertThat(user.path("accountId").asString()).isEqualTo("us_acc_" + tenant.organizationId());
        assertThat(user.path("email").asString()).isEqualTo("john.smith@example.com");
        assertThat(user.path("name").asString()).isEqualTo("John Smith");
        assertThat(user.path("metadata").toString()).isEqualTo("{}");
        assertThat(user.path("createdAt").asString()).matches(MILLIS);
        assertThat(user.path("updatedAt").asString()).matches(MILLIS);
        assertThat(user.path("lastSeenAt").isNull()).isTrue();
        List<JsonNode> roles = list(user.path("actorRoles"));
        assertThat(roles).hasSize(2);
        for (JsonNode role : roles) {
            assertThat(role.propertyNames())
                    .containsExactly("id", "roleId", "actorId", "resourceId", "createdAt", "updatedAt");
            assertThat(role.path("id").asString()).matches("us_acr_" + UUID_TEXT);
            assertThat(role.path("actorId").asString()).isEqualTo(id);
            assertThat(role.path("createdAt").asString()).matches(MILLIS);
        }
        assertThat(roles)
                .extracting(r -> r.path("roleId").asString() + " on "
                        + r.path("resourceId").asString())
                .containsExactlyInAnyOrder(
                        "us_rol_" + ADMIN_ROLE + " on us_acc_" + tenant.organizationId(),
                        "us_rol_" + viewer + " on us_env_" + environment);
        String token =
                MailServer.token(MailServer.await("john.smith@example.com", 1).get(0));
        var accepted = api.post(
                "/v1/public/invitations/" + token + "/accept",
                null,
                Map.of("password", "correct horse battery staple"));
        assertThat(accepted.status()).isEqualTo(204);
    }

    @Test
    void idsAreAcceptedWithoutTheirPrefixesAndTheWholeFamilyIsServedUnderFlatfile() {
        // given a user invited with bare ids, served under /flatfile as well as at the root
        String email = Fixtures.uniqueEmail("jane");
        var invited = api.post(
                "/flatfile/v1/users/invite",
                tenant.adminKey(),
                Map.of(
                        "email",
                        email,
                        "name",
                        "Jane Doe",
                        "actorRoles",
                        List.of(Map.of("roleId", USER_ROLE, "resourceId", tenant.organizationId()))));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(200);
        String id = invited.json().path("data").path("id").asString();
        String bare = id.substring("us_usr_".length());

        // when, then: get and update, with and without the prefix
        assertThat(data(api.get("/flatfile/v1/users/" + bare, tenant.adminKey()))
                        .path("email")
                        .asString())
                .isEqualTo(email);
        var renamed = api.patch("/flatfile/v1/users/" + id, tenant.adminKey(), Map.of("name", "Jane Roe"));
        assertThat(data(renamed).path("name").asString()).isEqualTo("Jane Roe");
        assertThat(data(renamed).has("actorRoles")).isFalse();

        // resend: a second email, with a new link
        assertThat(data(api.post("/flatfile/v1/users/" + id + "/resend-invite", tenant.adminKey(), null))
                        .toString())
                .isEqualTo("{\"success\":true}");
        assertThat(MailServer.await(email, 2)).hasSize(2);

        // roles: assign on an environment, list, refuse the same again, remove
        String environment = environment();
        String viewer = fixtures.role(tenant.organizationId(), "environments:read");
        Map<String, String> onEnvironment = Map.of("roleId", "us_rol_" + viewer, "resourceId", "us_env_" + environment);
        JsonNode assigned = data(api.post("/flatfile/v1/users/" + bare + "/roles", tenant.adminKey(), onEnvironment));
        assertThat(assigned.propertyNames())
                .containsExactly("success", "id", "roleId", "actorId", "resourceId", "createdAt", "updatedAt");
        assertThat(assigned.path("success").asBoolean()).isTrue();
        assertThat(assigned.path("actorId").asString()).isEqualTo(id);
        assertThat(assigned.path("resourceId").asString()).isEqualTo("us_env_" + environment);
        assertThat(list(data(api.get("/flatfile/v1/users/" + id + "/roles", tenant.adminKey()))))
                .extracting(r -> r.path("resourceId").asString())
                .containsExactlyInAnyOrder("us_acc_" + tenant.organizationId(), "us_env_" + environment);
        assertThat(errors(api.post("/flatfile/v1/users/" + id + "/roles", tenant.adminKey(), onEnvironment), 409))
                .containsExactly("role_already_assigned");
        String actorRole = assigned.path("id").asString();
        assertThat(data(api.delete("/flatfile/v1/users/" + id + "/roles/" + actorRole, tenant.adminKey()))
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(list(data(api.get("/flatfile/v1/users/" + id + "/roles", tenant.adminKey()))))
                .hasSize(1);

        // delete: Roster's soft delete, after which the list no longer shows the user
        assertThat(data(api.delete("/flatfile/v1/users/" + bare, tenant.adminKey()))
                        .path("success")
                        .asBoolean())
                .isTrue();
        var listed = api.get("/flatfile/v1/users?email=" + email, tenant.adminKey());
        assertThat(listed.json().path("pagination").path("totalCount").asInt()).isZero();
    }

    @Test
    void atTheRootAUsUsrIdReachesFlatfileAndAPlainIdStillReachesRostersOwnApi() {
        // given a user with two roles
        String id = invite(Fixtures.uniqueEmail("routed"), USER_ROLE).path("id").asString();
        String bare = id.substring("us_usr_".length());
        String environment = environment();
        var assignedByRoster = api.post(
                "/v1/users/" + bare + "/roles",
                tenant.adminKey(),
                Map.of("roleId", fixtures.role(tenant.organizationId()), "resourceId", environment));
        assertThat(assignedByRoster.status()).as(assignedByRoster.toString()).isEqualTo(201);

        // when, then: the same user through both APIs
        var flatfileUser = api.get("/v1/users/" + id, tenant.adminKey());
        var rosterUser = api.get("/v1/users/" + bare, tenant.adminKey());
        assertThat(data(flatfileUser).path("id").asString()).isEqualTo(id);
        assertThat(rosterUser.json().path("id").asString()).isEqualTo(bare);
        assertThat(rosterUser.json().has("organizationId")).isTrue();

        var flatfileRoles = api.get("/v1/users/" + id + "/roles", tenant.adminKey());
        var rosterRoles = api.get("/v1/users/" + bare + "/roles", tenant.adminKey());
        assertThat(list(data(flatfileRoles))).allMatch(r -> r.has("actorId")).hasSize(2);
        assertThat(list(rosterRoles.json().path("data")))
                .allMatch(r -> r.has("roleName"))
                .hasSize(2);

        var rosterList = api.get("/v1/users", tenant.adminKey());
        assertThat(rosterList.json().has("nextCursor")).isTrue();
        assertThat(rosterList.json().has("pagination")).isFalse();

        var rosterRename = api.patch("/v1/users/" + bare, tenant.adminKey(), Map.of("firstName", "Ada"));
        var flatfileRename = api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("name", "Ada L"));
        assertThat(rosterRename.json().path("firstName").asString()).isEqualTo("Ada");
        assertThat(data(flatfileRename).path("name").asString()).isEqualTo("Ada L");

        String rosterAssignment = assignedByRoster.field("id");
        var removedByRoster = api.delete("/v1/users/" + bare + "/roles/" + rosterAssignment, tenant.adminKey());
        assertThat(removedByRoster.status()).isEqualTo(204);
        String flatfileAssignment = list(data(api.get("/v1/users/" + id + "/roles", tenant.adminKey())))
                .get(0)
                .path("id")
                .asString();
        var removedByFlatfile = api.delete("/v1/users/" + id + "/roles/" + flatfileAssignment, tenant.adminKey());
        assertThat(data(removedByFlatfile).path("success").asBoolean()).isTrue();

        // and each answers its failures in its own shape
        var rosterMissing = api.get("/v1/users/" + UUID.randomUUID(), tenant.adminKey());
        assertThat(rosterMissing.status()).isEqualTo(404);
        assertThat(rosterMissing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(errors(api.get("/v1/users/us_usr_" + UUID.randomUUID(), tenant.adminKey()), 404))
                .containsExactly("not_found");
        assertThat(data(api.delete("/v1/users/" + id, tenant.adminKey()))
                        .path("success")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theListHasNumberedPagesOldestFirstAndFindsAUserByEmail() {
        // given five users
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(Fixtures.uniqueEmail("listed" + i));
            invite(emails.get(i), USER_ROLE);
        }

        // when
        var second = api.get("/flatfile/v1/users?pageSize=2&pageNumber=2", tenant.adminKey());
        var beyond = api.get("/flatfile/v1/users?pageSize=2&pageNumber=4", tenant.adminKey());
        var byEmail = api.get("/flatfile/v1/users?email=" + emails.get(3).toUpperCase(), tenant.adminKey());
        var bySearch = api.get("/flatfile/v1/users?search=listed4", tenant.adminKey());

        // then
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().propertyNames()).containsExactly("data", "pagination");
        assertThat(list(second.json().path("data")))
                .extracting(u -> u.path("email").asString())
                .containsExactly(emails.get(2), emails.get(3));
        assertThat(second.json().path("pagination").toString())
                .isEqualTo("{\"currentPage\":2,\"pageCount\":3,\"totalCount\":5}");
        assertThat(list(beyond.json().path("data"))).isEmpty();
        assertThat(list(byEmail.json().path("data")))
                .extracting(u -> u.path("email").asString())
                .containsExactly(emails.get(3));
        assertThat(list(bySearch.json().path("data"))).hasSize(1);
        assertThat(errors(api.get("/flatfile/v1/users?sortField=email", tenant.adminKey()), 400))
                .containsExactly("sortField");
        assertThat(errors(api.get("/flatfile/v1/users?pageSize=0", tenant.adminKey()), 400))
                .containsExactly("pageSize");
    }

    @Test
    void xDisableHooksSendsNoWebhooksForTheInvite() {
        // given an endpoint for every event
        var endpoint = api.post(
                "/v1/webhook-endpoints",
                tenant.adminKey(),
                Map.of("url", "http://127.0.0.1:9/hooks", "events", List.of("*")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);

        // when an invite says X-Disable-Hooks: true, then it makes no deliveries
        var quiet = api.send(
                "POST",
                "/v1/users/invite",
                tenant.adminKey(),
                inviteBody(Fixtures.uniqueEmail("quiet"), USER_ROLE),
                Map.of("X-Disable-Hooks", "true"));
        assertThat(quiet.status()).as(quiet.toString()).isEqualTo(200);
        assertThat(deliveredEvents()).isEmpty();

        // when an invite does not, then its changes are delivered
        var loud = api.post("/v1/users/invite", tenant.adminKey(), inviteBody(Fixtures.uniqueEmail("loud"), USER_ROLE));
        assertThat(loud.status()).as(loud.toString()).isEqualTo(200);
        assertThat(deliveredEvents()).contains("user.created", "invitation.sent");
    }

    private List<String> deliveredEvents() {
        return list(api.get("/v1/webhook-deliveries?limit=200", tenant.adminKey())
                        .json()
                        .path("data"))
                .stream()
                .map(d -> d.path("eventType").asString())
                .toList();
    }

    @Test
    void missingFieldsUnknownRolesAndDuplicatesAreRefusedInFlatfilesErrorShape() {
        var missing = api.post("/v1/users/invite", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("m")));
        var wrongKind = api.post(
                "/v1/users/invite", tenant.adminKey(), inviteBody(Fixtures.uniqueEmail("k"), "us_env_" + USER_ROLE));
        var unknownRole = api.post(
                "/v1/users/invite",
                tenant.adminKey(),
                inviteBody(Fixtures.uniqueEmail("u"), "us_rol_" + UUID.randomUUID()));
        String email = Fixtures.uniqueEmail("twice");
        invite(email, USER_ROLE);
        var duplicate = api.post("/v1/users/invite", tenant.adminKey(), inviteBody(email, USER_ROLE));
        var dashboard =
                api.patch("/flatfile/v1/users/us_usr_" + UUID.randomUUID(), tenant.adminKey(), Map.of("dashboard", 2));

        assertThat(errors(missing, 400)).containsExactly("name", "actorRoles");
        assertThat(errors(wrongKind, 400)).containsExactly("actorRoles[0].roleId");
        assertThat(errors(unknownRole, 400)).containsExactly("actorRoles[0].roleId");
        assertThat(errors(duplicate, 409)).containsExactly("email_taken");
        assertThat(errors(dashboard, 400)).containsExactly("dashboard");
    }

    @Test
    void aFullPlanIsRefusedAndACallerThatCannotReadUsersCreatesNone() {
        Tenant free = fixtures.tenant("free");
        assertThat(api.post(
                                "/v1/users/invite",
                                free.adminKey(),
                                inviteBody(Fixtures.uniqueEmail("one"), USER_ROLE, free.organizationId()))
                        .status())
                .isEqualTo(200);
        assertThat(errors(
                        api.post(
                                "/v1/users/invite",
                                free.adminKey(),
                                inviteBody(Fixtures.uniqueEmail("two"), USER_ROLE, free.organizationId())),
                        403))
                .containsExactly("seat_limit_reached");

        // a key that may create and invite but not read: refused, and nothing is kept
        String writer = fixtures.keyWith(tenant.organizationId(), "users:write", "users:invite");
        String email = Fixtures.uniqueEmail("unseen");
        assertThat(errors(api.post("/v1/users/invite", writer, inviteBody(email, USER_ROLE)), 403))
                .containsExactly("permission_required");
        assertThat(api.get("/flatfile/v1/users?email=" + email, tenant.adminKey())
                        .json()
                        .path("pagination")
                        .path("totalCount")
                        .asInt())
                .isZero();
    }

    @Test
    void failuresBeforeTheControllerAnswerInFlatfilesShapeToo() {
        Map<String, Object> body = inviteBody(Fixtures.uniqueEmail("x"), USER_ROLE);

        assertThat(errors(api.post("/v1/users/invite", null, body), 401)).hasSize(1);
        assertThat(errors(api.get("/flatfile/v1/users", "not-a-key"), 401)).hasSize(1);
        assertThat(errors(api.post("/flatfile/v1/users/invite", tenant.adminKey(), "{\"email\":"), 400))
                .hasSize(1);
        assertThat(errors(api.get("/flatfile/v1/nothing-here", tenant.adminKey()), 404))
                .hasSize(1);
        assertThat(errors(
                        api.send("PUT", "/v1/users/us_usr_" + UUID.randomUUID(), tenant.adminKey(), "{}", Map.of()),
                        405))
                .hasSize(1);
        assertThat(errors(api.get("/v1/users/invite", tenant.adminKey()), 404)).hasSize(1);
        var rosterUnauthenticated = api.get("/v1/users", null);
        assertThat(rosterUnauthenticated.header("Content-Type")).startsWith("application/problem+json");
    }

    private JsonNode invite(String email, String roleId) {
        var invited = api.post("/v1/users/invite", tenant.adminKey(), inviteBody(email, roleId));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(200);
        return invited.json().path("data");
    }

    private Map<String, Object> inviteBody(String email, String roleId) {
        return inviteBody(email, roleId, tenant.organizationId());
    }

    private static Map<String, Object> inviteBody(String email, String roleId, String organizationId) {
        return Map.of(
                "email",
                email,
                "name",
                "Someone",
                "actorRoles",
                List.of(Map.of("roleId", roleId, "resourceId", "us_acc_" + organizationId)));
    }

    private String environment() {
        var created = api.post("/v1/environments", tenant.adminKey(), Map.of("name", "env " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static JsonNode data(Api.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().propertyNames()).as(answer.toString()).containsExactly("data");
        return answer.json().path("data");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Asserts Flatfile's error shape, {"errors": [{"key", "message"}]}, and returns the keys. */
    private static List<String> errors(Api.Response answer, int status) {
        String what = answer.toString();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(answer.json().propertyNames()).as(what).containsExactly("errors");
        List<JsonNode> errors = list(answer.json().path("errors"));
        assertThat(errors).as(what).isNotEmpty();
        for (JsonNode error : errors) {
            assertThat(error.propertyNames()).as(what).containsExactly("key", "message");
            assertThat(error.path("message").asString()).as(what).isNotBlank();
        }
        return errors.stream().map(e -> e.path("key").asString()).toList();
    }
}
