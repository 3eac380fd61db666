package dev.roster.compat.polytomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Polytomic's Users API (2025-09-18): the partner family, the current organization's, and partner user keys. */
@RosterTest
class PolytomicApiTest extends ApiTestBase {

    private static final String ADMIN = "00000000-0000-4000-8000-000000000001";
    private static final String USER = "00000000-0000-4000-8000-000000000002";

    /** The page's sample body ("Create Partner User"), as its curl sends it. */
    private static final String SAMPLE = """
            {
            "email": "jane.doe@acmecorp.com"
            }""";

    private String partner;
    private String org;
    private String users;

    @BeforeEach
    void partnerOrganization() {
        partner = fixtures.partnerKey();
        org = fixtures.organization(partner, "starter");
        users = "/api/organizations/" + org + "/users";
    }

    @Test
    void thePagesSampleCreatesJaneWithHerRolePendingUntilSheAcceptsTheInvitation() {
        // given an organization whose roles take effect on acceptance, as Polytomic's do
        rolesTakeEffect("on_accept");

        // when
        var created = api.post(users, partner, SAMPLE);

        // then
        JsonNode jane = data(created);
        assertThat(jane.propertyNames())
                .containsExactly("email", "id", "organization_id", "role_ids", "role", "pending_role_ids");
        assertThat(jane.path("email").asString()).isEqualTo("jane.doe@acmecorp.com");
        assertThat(jane.path("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(jane.path("organization_id").asString()).isEqualTo(org);
        assertThat(jane.path("role_ids").toString()).isEqualTo("[\"" + USER + "\"]");
        assertThat(jane.path("role").asString()).isEqualTo("user");
        assertThat(jane.path("pending_role_ids").toString()).isEqualTo("[\"" + USER + "\"]");
        String token =
                MailServer.token(MailServer.await("jane.doe@acmecorp.com", 1).get(0));
        var accepted = api.post(
                "/v1/public/invitations/" + token + "/accept",
                null,
                Map.of("password", "correct horse battery staple"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
        JsonNode after = data(api.get(users + "/" + jane.path("id").asString(), partner));
        assertThat(after.path("role_ids").toString()).isEqualTo("[\"" + USER + "\"]");
        assertThat(after.path("pending_role_ids").toString()).isEqualTo("[]");
    }

    @Test
    void roleIdsAndTheDeprecatedRoleNameAssignRolesAtOnceWhereTheOrganizationSaysSo() {
        String analyst = fixtures.role(org, "users:read");

        JsonNode byId = data(api.post(
                users, partner, Map.of("email", Fixtures.uniqueEmail("analyst"), "role_ids", List.of(analyst))));
        JsonNode byName =
                data(api.post(users, partner, Map.of("email", Fixtures.uniqueEmail("boss"), "role", "admin")));

        assertThat(byId.path("role_ids").toString()).isEqualTo("[\"" + analyst + "\"]");
        assertThat(byId.path("role").asString()).startsWith("role ");
        assertThat(byId.path("pending_role_ids").toString()).isEqualTo("[]");
        assertThat(byName.path("role_ids").toString()).isEqualTo("[\"" + ADMIN + "\"]");
        assertThat(byName.path("role").asString()).isEqualTo("admin");
    }

    @Test
    void invalidFieldsAre422AndBothRoleAndRoleIdsAreRejected() {
        String email = Fixtures.uniqueEmail("x");

        assertThat(error(api.post(users, partner, Map.of("role", "user")), 422)).isEqualTo("email is required");
        assertThat(error(api.post(users, partner, Map.of("email", email, "role_ids", List.of())), 422))
                .isEqualTo("role_ids must name at least one role");
        assertThat(error(
                        api.post(users, partner, Map.of("email", email, "role", "admin", "role_ids", List.of(ADMIN))),
                        422))
                .isEqualTo("role must not be given together with role_ids; use role_ids");
        assertThat(error(
                        api.post(users, partner, Map.of("email", email, "role_ids", List.of(USER.replace('2', '9')))),
                        422))
                .isEqualTo("role_ids[0] is not a role of this organization");
        assertThat(error(api.post(users, partner, Map.of("email", email, "role_ids", List.of("nope"))), 422))
                .startsWith("role_ids");
        assertThat(error(api.post(users, partner, "{\"email\":"), 400)).contains("not valid JSON");
        assertThat(data(api.get(users, partner)).size()).isZero();
    }

    @Test
    void userEndpointsNeedAPartnerKeyThatCreatedTheOrganization() {
        String orgKey = fixtures.key(org, "admin");
        String otherPartner = fixtures.partnerKey();

        assertThat(error(api.post(users, orgKey, SAMPLE), 403)).contains("partner keys");
        assertThat(error(api.get(users, otherPartner), 404)).isEqualTo("Organization not found.");
        assertThat(error(api.get(users, null), 401)).isNotBlank();
        assertThat(error(api.post(users + "/x/y/z", partner, "{}"), 404)).isNotBlank();
    }

    @Test
    void partnersListGetUpdateAndDeleteUsers() {
        String analyst = fixtures.role(org, "users:read");
        String email = Fixtures.uniqueEmail("ann");
        String id = data(api.post(users, partner, Map.of("email", email)))
                .path("id")
                .asString();

        JsonNode listed = data(api.get(users, partner));
        JsonNode got = data(api.get(users + "/" + id, partner));
        JsonNode updated = data(api.send(
                "PUT", users + "/" + id, partner, Map.of("email", email, "role_ids", List.of(analyst)), Map.of()));
        var emailless = api.send("PUT", users + "/" + id, partner, Map.of("role", "admin"), Map.of());
        JsonNode deleted = data(api.delete(users + "/" + id, partner));

        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("email").asString()).isEqualTo(email);
        assertThat(got.path("id").asString()).isEqualTo(id);
        assertThat(updated.path("role_ids").toString()).isEqualTo("[\"" + analyst + "\"]");
        assertThat(updated.path("email").asString()).isEqualTo(email);
        assertThat(error(emailless, 422)).isEqualTo("email is required");
        assertThat(deleted.path("id").asString()).isEqualTo(id);
        assertThat(error(api.get(users + "/" + id, partner), 404)).isEqualTo("User not found.");
        assertThat(error(api.delete(users + "/" + id, partner), 404)).isEqualTo("User not found.");
        assertThat(data(api.get(users, partner)).size()).isZero();
    }

    @Test
    void theCurrentOrganizationsFamilyActsInTheKeysOwnOrganization() {
        String key = fixtures.key(org, "admin");
        String path = "/api/organization/users";
        String email = Fixtures.uniqueEmail("cur");

        JsonNode created = data(api.post(path, key, Map.of("email", email)));
        String id = created.path("id").asString();
        JsonNode listed = data(api.get(path, key));
        JsonNode unchanged = data(api.send("PUT", path + "/" + id, key, "{}", Map.of()));
        JsonNode promoted = data(api.send("PUT", path + "/" + id, key, Map.of("role_ids", List.of(ADMIN)), Map.of()));
        var both = api.send("PUT", path + "/" + id, key, Map.of("role", "user", "role_ids", List.of(USER)), Map.of());
        JsonNode deleted = data(api.delete(path + "/" + id, key));

        assertThat(created.path("organization_id").asString()).isEqualTo(org);
        assertThat(listed.findValuesAsString("email")).contains(email);
        assertThat(unchanged.path("role").asString()).isEqualTo("user");
        assertThat(promoted.path("role").asString()).isEqualTo("admin");
        assertThat(error(both, 422)).isEqualTo("role must not be given together with role_ids; use role_ids");
        assertThat(deleted.path("role").asString()).isEqualTo("admin");
        assertThat(error(api.get(path + "/" + id, key), 404)).isEqualTo("User not found.");
        assertThat(error(api.get(path, fixtures.key(org, "user")), 403)).contains("users:read");
    }

    @Test
    void aCallerThatMayNotReadTheAnswerCreatesNothing() {
        String writer = fixtures.keyWith(org, "users:write", "users:invite");
        String email = Fixtures.uniqueEmail("unread");

        var refused = api.post("/api/organization/users", writer, Map.of("email", email));

        assertThat(error(refused, 403)).contains("users:read");
        assertThat(api.get("/v1/organizations/" + org + "/users?email=" + email, partner)
                        .json()
                        .path("data")
                        .size())
                .as("the refused create left no user behind")
                .isZero();
    }

    @Test
    void aPartnerUserKeyActsWithTheUsersRoleAndForceRevokesTheOneBefore() {
        // given a user with the admin role
        String id = data(api.post(users, partner, Map.of("email", Fixtures.uniqueEmail("root"), "role", "admin")))
                .path("id")
                .asString();
        String keys = users + "/" + id + "/keys";

        // when
        JsonNode first = data(api.post(keys, partner, "{}"));
        JsonNode second = data(api.post(keys + "?force=true", partner, "{}"));

        // then
        assertThat(first.propertyNames()).containsExactly("value");
        String old = first.path("value").asString();
        String current = second.path("value").asString();
        assertThat(api.get("/api/organization/users", old).status()).isEqualTo(401);
        assertThat(data(api.get("/api/organization/users", current)).size()).isEqualTo(1);
        assertThat(error(api.post(users + "/" + USER + "/keys", partner, "{}"), 404))
                .isEqualTo("User not found.");
        assertThat(error(api.post(keys, fixtures.key(org, "admin"), "{}"), 403)).contains("partner keys");
    }

    private void rolesTakeEffect(String when) {
        var changed = api.patch("/v1/organizations/" + org, partner, Map.of("rolesTakeEffect", when));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    /** Asserts a 200 {"data": ...} answer and returns data. */
    private static JsonNode data(Api.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().propertyNames()).as(answer.toString()).containsExactly("data");
        return answer.json().path("data");
    }

    /** Asserts Polytomic's error shape, {status, message, key, metadata}, and returns the message. */
    private static String error(Api.Response answer, int status) {
        String what = answer.toString();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.propertyNames()).as(what).containsExactly("status", "message", "key", "metadata");
        assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("key").asString()).as(what).isNotBlank();
        assertThat(body.path("metadata").path("request_id").asString()).as(what).isNotBlank();
        return body.path("message").asString();
    }
}
