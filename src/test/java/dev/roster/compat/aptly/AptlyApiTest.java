package dev.roster.compat.aptly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Aptly's "Create user" page, served at POST /auth/v1/user/create and POST /v1/user/create. */
@RosterTest
class AptlyApiTest extends ApiTestBase {

    private static final String PATH = "/auth/v1/user/create";
    private static final String MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    /**
     * The page's sample request body as the page prints it. Its ids are placeholders for the caller's own tenant,
     * role, group, manager and position; its address reads "[email protected]", what is left of an address the
     * page's host hid from scrapers.
     */
    private static final String SAMPLE = """
            {
              "firstName": "Jamar",
              "lastName": "Johnston",
              "tenantId": "ce3e724e-c7c5-45c5-8c8e-12a9ffe0df52",
              "email": "[email protected]",
              "mobilePhone": "+1 (555) 123-4567",
              "roleIds": [
                "5d1f5b46-4665-4598-8fb5-4c93cebf07be"
              ],
              "groups": [
                {
                  "groupId": "953061c2-c35d-4c11-be4c-6e1124c6eeec",
                  "isPrimaryOrg": true
                }
              ],
              "managerId": "86018193-92be-45ee-8d1c-8998b2cefcb2",
              "positionIds": [
                "45f70e88-9046-46ea-9735-85b9434e916d"
              ],
              "inviteViaEmail": true
            }""";

    private Tenant tenant;
    private String role;
    private String group;
    private String position;
    private String manager;

    @BeforeEach
    void directory() {
        tenant = fixtures.tenant("starter");
        role = fixtures.role(tenant.organizationId(), "users:read");
        group = created(
                api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Engineering Team", "type", "Department")));
        position = created(api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Senior Developer")));
        manager = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("manager"));
    }

    @Test
    void thePagesSampleCreatesJamarWithRoleGroupManagerAndPositionAndInvitesHim() {
        // given the sample with this tenant's ids in place of the page's, and an address in place of the hidden one
        String email = Fixtures.uniqueEmail("jamar");

        // when
        var created = api.post(PATH, tenant.adminKey(), sample(email));

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.propertyNames()).containsExactly("statusCode", "timestamp", "message", "data");
        assertThat(body.path("statusCode").asInt()).isEqualTo(201);
        assertThat(body.path("timestamp").asString()).matches(MILLIS);
        assertThat(body.path("message").asString()).isEqualTo("Success");
        JsonNode user = body.path("data");
        assertThat(user.propertyNames())
                .containsExactly(
                        "id",
                        "userId",
                        "loginId",
                        "descopeUserId",
                        "activeTenantId",
                        "email",
                        "name",
                        "isSAML",
                        "mobilePhone",
                        "firstName",
                        "lastName",
                        "profileImageUrl",
                        "currencyName",
                        "currencyCode",
                        "status",
                        "accountType",
                        "autoProvisioned",
                        "employeeId",
                        "employeeType",
                        "dateFormat",
                        "userType",
                        "searchData",
                        "managerSync",
                        "manager",
                        "isDeleted",
                        "isExpirePassword",
                        "createdOn",
                        "lastLoginDate",
                        "createdBy",
                        "updatedOn",
                        "updatedBy",
                        "deletedOn",
                        "delegationsReceived",
                        "delegationsIssued",
                        "dashboardData",
                        "userRoles",
                        "userPositions",
                        "userGroups",
                        "isImpersonated");
        assertThat(user.path("email").asString()).isEqualTo(email);
        assertThat(user.path("loginId").asString()).isEqualTo(email);
        assertThat(user.path("activeTenantId").asString()).isEqualTo(tenant.organizationId());
        assertThat(user.path("name").asString()).isEqualTo("Jamar Johnston");
        assertThat(user.path("mobilePhone").asString()).isEqualTo("+15551234567");
        assertThat(user.path("status").asString()).isEqualTo("INVITED");
        assertThat(user.path("isSAML").asBoolean()).isFalse();
        assertThat(user.path("isDeleted").asBoolean()).isFalse();
        assertThat(user.path("createdOn").asString()).matches(MILLIS);
        assertThat(user.path("createdBy").asString()).startsWith("api_key:");
        assertThat(user.path("deletedOn").isNull()).isTrue();
        JsonNode boss = user.path("manager");
        assertThat(boss.path("id").asString()).isEqualTo(manager);
        assertThat(boss.path("email").asString()).startsWith("manager-");
        assertThat(boss.has("userPositions")).isTrue();
        assertThat(boss.has("primaryOrganization")).isTrue();
        JsonNode userRole = user.path("userRoles").get(0);
        assertThat(user.path("userRoles").size()).isEqualTo(1);
        assertThat(userRole.path("tenantRoleId").asString()).isEqualTo(role);
        assertThat(userRole.path("tenantId").asString()).isEqualTo(tenant.organizationId());
        assertThat(userRole.path("roleName").asString()).startsWith("role ");
        JsonNode userGroup = user.path("userGroups").get(0);
        assertThat(userGroup.path("groupId").asString()).isEqualTo(group);
        assertThat(userGroup.path("groupName").asString()).isEqualTo("Engineering Team");
        assertThat(userGroup.path("groupTypeName").asString()).isEqualTo("Department");
        assertThat(userGroup.path("isPrimaryOrg").asBoolean()).isTrue();
        JsonNode userPosition = user.path("userPositions").get(0);
        assertThat(userPosition.path("positionsId").asString()).isEqualTo(position);
        assertThat(userPosition.path("positionName").asString()).isEqualTo("Senior Developer");
        assertThat(userPosition.path("userId").asString())
                .isEqualTo(user.path("id").asString());
        assertThat(MailServer.token(MailServer.await(email, 1).get(0))).isNotBlank();
    }

    @Test
    void theSameRequestWorksWithoutTheAuthPrefixAndTheManagersPrimaryGroupShows() {
        // given a manager whose primary group is Engineering Team
        var placed = api.send(
                "PUT",
                "/v1/groups/" + group + "/members/" + manager,
                tenant.adminKey(),
                Map.of("isPrimary", true),
                Map.of());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);

        // when
        var created = api.post("/v1/user/create", tenant.adminKey(), sample(Fixtures.uniqueEmail("jamar")));

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode primary = created.json().path("data").path("manager").path("primaryOrganization");
        assertThat(primary.path("groupName").asString()).isEqualTo("Engineering Team");
        assertThat(primary.path("tenantGroupTypeName").asString()).isEqualTo("Department");
    }

    @Test
    void aManagerProvisionedBySCIMShowsIsSCIMProvisionedOnItsPositionsAndTheNewUserDoesNot() {
        // given a manager that the organization's directory provisioned through SCIM, holding the position
        String token = api.post("/v1/scim-tokens", tenant.adminKey(), Map.of("name", "Okta"))
                .field("token");
        String scimManager = created(api.post(
                "/scim/v2/Users",
                token,
                Map.of(
                        "schemas",
                        List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName",
                        Fixtures.uniqueEmail("scim-manager"))));
        assertThat(api.send(
                                "PUT",
                                "/v1/users/" + scimManager + "/positions/" + position,
                                tenant.adminKey(),
                                null,
                                Map.of())
                        .status())
                .isEqualTo(200);

        // when a user is created under that manager through Aptly's endpoint
        var answer = api.post(
                PATH, tenant.adminKey(), sample(Fixtures.uniqueEmail("jamar")).replace(manager, scimManager));

        // then the manager's holding says SCIM provisioned it, and the new user's own does not
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode data = answer.json().path("data");
        assertThat(data.path("manager")
                        .path("userPositions")
                        .get(0)
                        .path("isSCIMProvisioned")
                        .asBoolean())
                .isTrue();
        assertThat(data.path("userPositions").get(0).path("isSCIMProvisioned").asBoolean())
                .isFalse();
        assertThat(data.path("autoProvisioned").asBoolean()).isFalse();
    }

    @Test
    void anUnknownGroupFailsTheWholeCreateInAptlysEnvelope() {
        String email = Fixtures.uniqueEmail("nogroup");
        String sample = sample(email).replace(group, "953061c2-c35d-4c11-be4c-6e1124c6eeec");

        var refused = api.post(PATH, tenant.adminKey(), sample);

        assertThat(error(refused, 400)).isEqualTo("groups[0].groupId is not a group of this organization");
        assertThat(api.get("/v1/users?q=" + email, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .isZero();
    }

    @Test
    void aTenantIdTheCredentialCannotReachIs404AndAPartnerReachesItsOwn() {
        Tenant other = fixtures.tenant("starter");
        String partner = fixtures.partnerKey();
        String partnersOrg = fixtures.organization(partner, "starter");

        var foreign = api.post(PATH, other.adminKey(), sample(Fixtures.uniqueEmail("foreign")));
        var byPartner = api.post(
                PATH, partner, Map.of("tenantId", partnersOrg, "email", Fixtures.uniqueEmail("p"), "firstName", "P"));
        var partnerElsewhere = api.post(
                PATH, partner, Map.of("tenantId", tenant.organizationId(), "email", Fixtures.uniqueEmail("q")));

        assertThat(error(foreign, 404)).isEqualTo("Organization not found.");
        assertThat(byPartner.status()).as(byPartner.toString()).isEqualTo(201);
        assertThat(byPartner.json().path("data").path("activeTenantId").asString())
                .isEqualTo(partnersOrg);
        assertThat(byPartner
                        .json()
                        .path("data")
                        .path("userRoles")
                        .get(0)
                        .path("roleName")
                        .asString())
                .isEqualTo("user");
        assertThat(error(partnerElsewhere, 404)).isEqualTo("Organization not found.");
    }

    @Test
    void validationDuplicatesAndCredentialsAnswerInAptlysEnvelope() {
        String email = Fixtures.uniqueEmail("dup");
        assertThat(api.post(PATH, tenant.adminKey(), Map.of("email", email)).status())
                .isEqualTo(201);

        assertThat(error(api.post(PATH, tenant.adminKey(), Map.of("firstName", "No")), 400))
                .isEqualTo("email is required");
        assertThat(error(api.post(PATH, tenant.adminKey(), Map.of("email", email)), 409))
                .isEqualTo("A user with this email already exists.");
        assertThat(error(api.post(PATH, tenant.adminKey(), Map.of("email", email, "employeeId", "Q")), 400))
                .contains("employeeId");
        assertThat(error(
                        api.post(PATH, tenant.adminKey(), Map.of("email", "x@example.com", "mobilePhone", "272-535")),
                        400))
                .startsWith("mobilePhone");
        assertThat(error(api.post(PATH, tenant.adminKey(), "{\"email\":"), 400)).contains("not valid JSON");
        assertThat(error(api.post(PATH, null, Map.of("email", email)), 401)).isNotBlank();
        assertThat(error(api.post(PATH, fixtures.key(tenant.organizationId(), "user"), Map.of("email", email)), 403))
                .contains("users:write");
        assertThat(error(api.get("/v1/user/create", tenant.adminKey()), 405)).isNotBlank();
        assertThat(error(api.get("/auth/v1/no-such-thing", tenant.adminKey()), 404))
                .isNotBlank();
    }

    @Test
    void rostersOwnPluralUsersPathsKeepTheirProblemJson() {
        var own = api.get("/v1/users/" + Fixtures.uniqueEmail("nobody"), tenant.adminKey());

        assertThat(own.status()).isEqualTo(404);
        assertThat(own.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aCallerThatMayNotReadUsersCreatesNoneAndOneThatMayNotReadGroupsGetsNoGroups() {
        String writer = fixtures.keyWith(tenant.organizationId(), "users:write");
        String email = Fixtures.uniqueEmail("unread");
        String groupBlind = fixtures.keyWith(
                tenant.organizationId(), "users:read", "users:write", "users:invite", "roles:manage", "groups:manage");
        String placed = Fixtures.uniqueEmail("placed");

        var refused = api.post(
                PATH, writer, Map.of("firstName", "Un", "lastName", "Read", "email", email, "inviteViaEmail", false));
        var created = api.post(PATH, groupBlind, sample(placed));

        assertThat(error(refused, 403)).contains("users:read");
        assertThat(api.get("/v1/users?email=" + email, tenant.adminKey())
                        .json()
                        .path("data")
                        .size())
                .as("the refused create left no user behind")
                .isZero();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("data").path("userGroups").size()).isZero();
        assertThat(api.get("/v1/groups/" + group + "/members", tenant.adminKey())
                        .text())
                .as("the user was placed in the group all the same")
                .contains(created.json().path("data").path("id").asString());
    }

    private String sample(String email) {
        return SAMPLE.replace("ce3e724e-c7c5-45c5-8c8e-12a9ffe0df52", tenant.organizationId())
                .replace("5d1f5b46-4665-4598-8fb5-4c93cebf07be", role)
                .replace("953061c2-c35d-4c11-be4c-6e1124c6eeec", group)
                .replace("86018193-92be-45ee-8d1c-8998b2cefcb2", manager)
                .replace("45f70e88-9046-46ea-9735-85b9434e916d", position)
                .replace("[email protected]", email);
    }

    private static String created(Api.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.field("id");
    }

    /** Asserts Aptly's error envelope, {statusCode, timestamp, message, data: null}, and returns the message. */
    private static String error(Api.Response answer, int status) {
        String what = answer.toString();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.propertyNames()).as(what).containsExactly("statusCode", "timestamp", "message", "data");
        assertThat(body.path("statusCode").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("timestamp").asString()).as(what).matches(MILLIS);
        assertThat(body.path("data").isNull()).as(what).isTrue();
        return body.path("message").asString();
    }
}
