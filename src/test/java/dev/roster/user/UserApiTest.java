package dev.roster.user;

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
import tools.jackson.databind.node.ObjectNode;

@RosterTest
class UserApiTest extends ApiTestBase {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void createdUserHasEveryDocumentedFieldAndDefaults() {
        // given
        String email = Fixtures.uniqueEmail("Ada");
        Map<String, Object> body = new HashMap<>();
        body.put("email", "  " + email.toUpperCase() + " ");
        body.put("firstName", "Ada");
        body.put("lastName", "Lovelace");
        body.put("mobilePhone", "+14155550123");
        body.put("metadata", Map.of("team", "engines"));
        body.put("externalId", "crm-1");

        // when
        var created = api.post("/v1/users", tenant.adminKey(), body);

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(user.path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(user.path("organizationId").asString()).isEqualTo(tenant.organizationId());
        assertThat(user.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(user.path("status").asString()).isEqualTo("invited");
        assertThat(user.path("allowPasswordAuth").asBoolean()).isTrue();
        assertThat(user.path("mfaEnabled").asBoolean()).isFalse();
        assertThat(user.path("metadata").path("team").asString()).isEqualTo("engines");
        assertThat(user.path("createdBy").asString()).startsWith("api_key:");
        assertThat(user.has("deletedAt")).isFalse();
        for (String field : List.of("id", "createdAt", "updatedAt", "updatedBy", "lastLoginAt", "name")) {
            assertThat(user.has(field)).as(field).isTrue();
        }
        var read = (ObjectNode)
                api.get("/v1/users/" + created.field("id"), tenant.adminKey()).json();
        assertThat(read.path("invitation").path("status").asString()).isEqualTo("pending");
        read.remove("invitation");
        ((ObjectNode) user).remove("invitation");
        assertThat(read).isEqualTo(user);
    }

    @Test
    void isOrgAdminMakesAnAdminAndSendInvitationFalseMakesAnActiveUser() {
        var created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("boss"), "isOrgAdmin", true, "sendInvitation", false));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(created.field("status")).isEqualTo("active");
    }

    @Test
    void contradictoryRolesAndIsOrgAdminAreRejected() {
        var created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("x"), "roles", List.of("user"), "isOrgAdmin", true));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().path("errors").get(0).path("field").asString())
                .isEqualTo("isOrgAdmin");
    }

    @Test
    void massAssignmentOfServerFieldsIsRejected() {
        for (String field : List.of("id", "status", "organizationId", "createdAt", "createdBy", "deletedAt")) {
            var created =
                    api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("m"), field, "x"));

            assertThat(created.status()).as(field).isEqualTo(400);
            assertThat(created.field("code")).isEqualTo("unknown_field");
            assertThat(created.json().path("errors").get(0).path("field").asString())
                    .isEqualTo(field);
        }
        assertThat(api.get("/v1/users", tenant.adminKey()).json().path("data").size())
                .isZero();
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Map<String, Object> cases = new java.util.LinkedHashMap<>();
        cases.put("email", "not-an-email");
        cases.put("mobilePhone", "555-1234");
        cases.put("roles", List.of("owner"));
        cases.put("firstName", "Eve\r\nBcc: victim@example.com");
        for (var entry : cases.entrySet()) {
            Map<String, Object> body = new HashMap<>();
            body.put("email", Fixtures.uniqueEmail("v"));
            body.put(entry.getKey(), entry.getValue());

            var created = api.post("/v1/users", tenant.adminKey(), body);

            assertThat(created.status()).as(entry.getKey()).isEqualTo(400);
            assertThat(created.field("code")).isEqualTo("validation_failed");
            assertThat(created.json().path("errors").get(0).path("field").asString())
                    .isEqualTo(entry.getKey());
        }
    }

    @Test
    void emailsBreakingRfcLimitsOrCarryingLineBreaksAreRejected() {
        List<String> bad = List.of(
                "a".repeat(65) + "@example.com",
                "a@" + "b".repeat(250) + ".com",
                "ada@example.com\r\nBcc: x@example.com",
                "ada@@example.com",
                "",
                "ada@example");
        for (String email : bad) {
            var created = api.post("/v1/users", tenant.adminKey(), Map.of("email", email));
            assertThat(created.status()).as(email).isEqualTo(400);
        }
        var missing = api.post("/v1/users", tenant.adminKey(), Map.of("firstName", "No email"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asString())
                .isEqualTo("email");
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        String email = Fixtures.uniqueEmail("dup");
        fixtures.user(tenant.adminKey(), email);

        var again = api.post("/v1/users", tenant.adminKey(), Map.of("email", " " + email.toUpperCase()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("code")).isEqualTo("email_taken");
    }

    @Test
    void emailIsUniqueAcrossThePlatformByDefault() {
        String email = Fixtures.uniqueEmail("everywhere");
        fixtures.user(tenant.adminKey(), email);
        Tenant other = fixtures.tenant("business");

        var elsewhere = api.post("/v1/users", other.adminKey(), Map.of("email", email));

        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.field("code")).isEqualTo("email_taken");
    }

    @Test
    void userRoleKeysCannotReadUsersAndReaderKeysCannotChangeThem() {
        String id = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("r"));
        String userKey = fixtures.key(tenant.organizationId(), "user");
        var refused = api.get("/v1/users", userKey);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.field("code")).isEqualTo("permission_required");
        assertThat(refused.field("permission")).isEqualTo("users:read");
        assertThat(api.get("/v1/users/" + id, userKey).status()).isEqualTo(403);
        String readOnly = fixtures.keyWith(tenant.organizationId(), "users:read");

        assertThat(api.get("/v1/users", readOnly).status()).isEqualTo(200);
        assertThat(api.get("/v1/users/" + id, readOnly).status()).isEqualTo(200);
        assertThat(api.post("/v1/users", readOnly, Map.of("email", Fixtures.uniqueEmail("n")))
                        .status())
                .isEqualTo(403);
        assertThat(api.patch("/v1/users/" + id, readOnly, Map.of("firstName", "X"))
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/v1/users/" + id, readOnly).status()).isEqualTo(403);
        assertThat(api.post("/v1/users/" + id + "/deactivate", readOnly, null).status())
                .isEqualTo(403);
        assertThat(api.get("/v1/users/" + id, readOnly).json().path("status").asString())
                .isEqualTo("invited");
    }

    @Test
    void patchChangesOnlyTheFieldsItNamesAndNullClears() {
        var created = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("p"), "firstName", "Grace", "lastName", "Hopper"));
        String id = created.field("id");
        Map<String, Object> patch = new HashMap<>();
        patch.put("firstName", "Amazing Grace");
        patch.put("lastName", null);

        var updated = api.patch("/v1/users/" + id, tenant.adminKey(), patch);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("firstName")).isEqualTo("Amazing Grace");
        assertThat(updated.field("lastName")).isNull();
        assertThat(updated.field("email")).isEqualTo(created.field("email"));
        assertThat(updated.field("updatedAt")).isNotEqualTo(created.field("updatedAt"));
    }

    @Test
    void patchRejectsUnknownFieldsNullEmailAndATakenEmail() {
        String taken = Fixtures.uniqueEmail("taken");
        fixtures.user(tenant.adminKey(), taken);
        String id = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("p2"));
        Map<String, Object> nullEmail = new HashMap<>();
        nullEmail.put("email", null);

        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("status", "active"))
                        .field("code"))
                .isEqualTo("unknown_field");
        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), nullEmail).status())
                .isEqualTo(400);
        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("email", taken))
                        .field("code"))
                .isEqualTo("email_taken");
        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), "[1,2]").status())
                .isEqualTo(400);
    }

    @Test
    void deactivatedUsersKeepTheirSeatAndReactivateToTheirFormerStatus() {
        String id = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("d"));

        var deactivated = api.post("/v1/users/" + id + "/deactivate", tenant.adminKey(), null);
        var again = api.post("/v1/users/" + id + "/deactivate", tenant.adminKey(), null);
        var reactivated = api.post("/v1/users/" + id + "/reactivate", tenant.adminKey(), null);

        assertThat(deactivated.field("status")).isEqualTo("deactivated");
        assertThat(again.status()).isEqualTo(200);
        assertThat(reactivated.field("status")).isEqualTo("invited");
        assertThat(seatsUsed()).isEqualTo(1);
    }

    @Test
    void deletedUsersFreeTheirSeatAndEmailAndCanBeRestored() {
        String email = Fixtures.uniqueEmail("gone");
        String id = fixtures.user(tenant.adminKey(), email);

        assertThat(api.delete("/v1/users/" + id, tenant.adminKey()).status()).isEqualTo(204);

        assertThat(seatsUsed()).isZero();
        var shown = api.get("/v1/users/" + id, tenant.adminKey());
        assertThat(shown.field("deletedAt")).isNotNull();
        assertThat(api.get("/v1/users", tenant.adminKey()).json().path("data").size())
                .isZero();
        assertThat(api.get("/v1/users?deleted=true", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        assertThat(api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("firstName", "Z"))
                        .field("code"))
                .isEqualTo("user_deleted");
        var restored = api.post("/v1/users/" + id + "/restore", tenant.adminKey(), null);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().has("deletedAt")).isFalse();
        assertThat(seatsUsed()).isEqualTo(1);
        assertThat(api.post("/v1/users/" + id + "/restore", tenant.adminKey(), null)
                        .field("code"))
                .isEqualTo("user_not_deleted");
    }

    @Test
    void restoreFailsWhileTheEmailIsTakenAgain() {
        String email = Fixtures.uniqueEmail("reused");
        String id = fixtures.user(tenant.adminKey(), email);
        api.delete("/v1/users/" + id, tenant.adminKey());
        fixtures.user(tenant.adminKey(), email);

        var restored = api.post("/v1/users/" + id + "/restore", tenant.adminKey(), null);

        assertThat(restored.status()).isEqualTo(409);
        assertThat(restored.field("code")).isEqualTo("email_taken");
    }

    @Test
    void listPagesWithACursorAndFilters() {
        for (int i = 0; i < 5; i++) {
            fixtures.user(tenant.adminKey(), "page" + i + "-" + Fixtures.uniqueEmail("p"));
        }
        var chief = api.post(
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("chief"), "roles", List.of("admin")));
        assertThat(chief.status()).as(chief.toString()).isEqualTo(201);
        assertThat(chief.json().path("roles").toString()).isEqualTo("[\"admin\"]");

        var first = api.get("/v1/users?limit=4", tenant.adminKey());
        var second = api.get("/v1/users?limit=4&cursor=" + first.field("nextCursor"), tenant.adminKey());

        assertThat(first.json().path("data").size()).isEqualTo(4);
        assertThat(second.json().path("data").size()).isEqualTo(2);
        assertThat(second.field("nextCursor")).isNull();
        assertThat(first.json().path("data").get(3).path("createdAt").asString())
                .isLessThanOrEqualTo(
                        second.json().path("data").get(0).path("createdAt").asString());
        assertThat(api.get("/v1/users?role=admin", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        assertThat(api.get("/v1/users?q=PAGE3", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        String chiefEmail = chief.field("email");
        assertThat(api.get("/v1/users?email=" + chiefEmail.toUpperCase(), tenant.adminKey())
                        .json()
                        .path("data")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(chief.field("id"));
        assertThat(api.get("/v1/users?email=" + chiefEmail.substring(1), tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .as("an exact match, not a prefix or substring")
                .isZero();
        assertThat(api.get("/v1/users?q=%25", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isZero();
        assertThat(api.get("/v1/users?status=invited", tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(6);
        String cut = first.json().path("data").get(1).path("createdAt").asString();
        assertThat(api.get("/v1/users?createdAfter=" + cut, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(4);
    }

    @Test
    void badListParametersAreValidationErrors() {
        for (String query : List.of(
                "limit=0",
                "limit=201",
                "status=gone",
                "email=nope",
                "role=" + "r".repeat(101),
                "cursor=garbage",
                "createdAfter=yesterday")) {
            var listed = api.get("/v1/users?" + query, tenant.adminKey());
            assertThat(listed.status()).as(query).isEqualTo(400);
            assertThat(listed.field("code")).isEqualTo("validation_failed");
        }
    }

    private int seatsUsed() {
        return api.get("/v1/organizations/" + tenant.organizationId(), dev.roster.support.Api.PLATFORM_KEY)
                .json()
                .path("seatsUsed")
                .asInt();
    }
}
