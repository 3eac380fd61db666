package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RosterTest
class ScimUserTest extends ApiTestBase {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @LocalServerPort
    private int port;

    private Tenant tenant;
    private Scim scim;
    private String tokenId;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
        scim = Scim.bearer(port, Scim.token(api, tenant.adminKey()));
        tokenId = api.get("/v1/scim-tokens", tenant.adminKey())
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();
    }

    /** Okta's create, as sent: a password and an empty groups list. */
    static Map<String, Object> oktaUser(String email) {
        return Map.of(
                "schemas",
                List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName",
                email,
                "name",
                Map.of("givenName", "Ada", "familyName", "Lovelace"),
                "emails",
                List.of(Map.of("primary", true, "value", email, "type", "work")),
                "displayName",
                "Ada Lovelace",
                "locale",
                "en-US",
                "externalId",
                "00u" + UUID.randomUUID().toString().substring(0, 8),
                "groups",
                List.of(),
                "password",
                "Sup3rSecret!pass",
                "active",
                true);
    }

    @Test
    void oktasCreateMakesAnActiveUninvitedScimManagedUserAndDropsThePassword() {
        String email = Fixtures.uniqueEmail("okta");

        Api.Response created = scim.post("/Users", oktaUser(email));
        String id = created.field("id");
        Api.Response roster = api.get("/v1/users/" + id, tenant.adminKey());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/scim+json");
        assertThat(created.header("ETag")).startsWith("W/\"");
        assertThat(created.header("Location")).isEqualTo(RosterTest.PUBLIC_URL + "/scim/v2/Users/" + id);
        JsonNode user = created.json();
        assertThat(user.path("userName").asString()).isEqualTo(email);
        assertThat(user.path("name").path("givenName").asString()).isEqualTo("Ada");
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(user.path("locale").asString()).isEqualTo("en-US");
        assertThat(user.path("meta").path("resourceType").asString()).isEqualTo("User");
        assertThat(user.path("meta").path("version").asString()).isEqualTo(created.header("ETag"));
        assertThat(user.has("password")).isFalse();
        assertThat(created.text()).doesNotContain("Sup3rSecret");
        assertThat(roster.json().path("status").asString()).isEqualTo("active");
        assertThat(roster.json().path("invitation").isNull()).isTrue();
        assertThat(roster.json().path("scimManaged").asBoolean()).isTrue();
        assertThat(roster.json().path("scimTokenId").asString()).isEqualTo(tokenId);
        assertThat(roster.json().path("createdBy").asString()).isEqualTo("scim_token:" + tokenId);
    }

    @Test
    void withScimSendsInvitationsTheUserIsInvitedAsUsual() {
        api.patch("/v1/scim-settings", tenant.adminKey(), Map.of("scimSendsInvitations", true));

        String id =
                scim.post("/Users", oktaUser(Fixtures.uniqueEmail("invited"))).field("id");

        var roster = api.get("/v1/users/" + id, tenant.adminKey()).json();
        assertThat(roster.path("status").asString()).isEqualTo("invited");
        assertThat(roster.path("invitation").path("status").asString()).isEqualTo("pending");
        assertThat(api.get("/v1/scim-settings", tenant.adminKey())
                        .json()
                        .path("scimSendsInvitations")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aUserOfADomainThatRequiresSsoIsActiveWithoutAnInvitationEvenWhenScimSendsThem() {
        api.patch("/v1/scim-settings", tenant.adminKey(), Map.of("scimSendsInvitations", true));
        String domain = "scim-sso-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
        String domainId = api.post("/v1/domains", tenant.adminKey(), Map.of("name", domain, "ssoRequired", true))
                .field("id");
        assertThat(api.post(
                                "/v1/organizations/" + tenant.organizationId() + "/domains/" + domainId + "/verify",
                                Api.PLATFORM_KEY,
                                Map.of("skipDnsCheck", true))
                        .status())
                .isEqualTo(200);
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;

        String ssoUser = scim.post("/Users", oktaUser(email)).field("id");
        String other =
                scim.post("/Users", oktaUser(Fixtures.uniqueEmail("elsewhere"))).field("id");

        var created = api.get("/v1/users/" + ssoUser, tenant.adminKey()).json();
        assertThat(created.path("status").asString()).isEqualTo("active");
        assertThat(created.path("invitation").isNull()
                        || created.path("invitation").isMissingNode())
                .as(created.toString())
                .isTrue();
        assertThat(api.get("/v1/users/" + other, tenant.adminKey())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("invited");
    }

    @Test
    void oktasLookupByUserNameFindsTheUserCaseInsensitivelyAndAnswersAnEmptyListForNoMatch() {
        String email = Fixtures.uniqueEmail("lookup");
        String id = scim.post("/Users", oktaUser(email)).field("id");

        Api.Response found =
                scim.get("/Users?filter=userName%20eq%20%22" + email.toUpperCase() + "%22&startIndex=1&count=100");
        Api.Response none = scim.find("Users", "userName eq \"nobody-" + UUID.randomUUID() + "@example.com\"");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().path("startIndex").asInt()).isEqualTo(1);
        assertThat(found.json().path("Resources").get(0).path("id").asString()).isEqualTo(id);
        assertThat(found.json().path("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("totalResults").asInt()).isZero();
        assertThat(none.json().path("Resources")).isEmpty();
    }

    @Test
    void entrasLookupsByExternalIdWorkEmailAndARandomGuidAnswer() {
        String email = Fixtures.uniqueEmail("entra");
        Map<String, Object> body = new java.util.HashMap<>(oktaUser(email));
        body.put("externalId", "ext-" + email);
        String id = scim.post("/Users", body).field("id");

        var byExternalId =
                scim.find("Users", "externalId eq \"ext-" + email + "\"").json();
        var byWorkEmail = scim.find("Users", "emails[type eq \"work\"].value eq \"" + email + "\"")
                .json();
        var testConnection =
                scim.find("Users", "userName eq \"" + UUID.randomUUID() + "\"").json();
        var orFilter = scim.find("Users", "userName eq \"x@y.z\" or externalId eq \"ext-" + email + "\"")
                .json();
        var wrongCase =
                scim.find("Users", "externalId eq \"EXT-" + email + "\"").json();

        assertThat(byExternalId.path("Resources").get(0).path("id").asString()).isEqualTo(id);
        assertThat(byWorkEmail.path("Resources").get(0).path("id").asString()).isEqualTo(id);
        assertThat(testConnection.path("totalResults").asInt()).isZero();
        assertThat(orFilter.path("totalResults").asInt()).isEqualTo(1);
        assertThat(wrongCase.path("totalResults").asInt())
                .as("externalId is case-exact")
                .isZero();
    }

    @Test
    void theFullFilterGrammarWorksAndAnUnknownAttributeIsInvalidFilter() {
        String prefix = "grammar" + UUID.randomUUID().toString().substring(0, 6);
        String a = scim.post("/Users", oktaUser(prefix + "-a@example.com")).field("id");
        scim.post("/Users", oktaUser(prefix + "-b@example.org"));
        scim.patch("/Users/" + a, Scim.ops(Map.of("op", "replace", "path", "title", "value", "Engineer")));

        assertThat(count("userName sw \"" + prefix + "\"")).isEqualTo(2);
        assertThat(count("userName sw \"" + prefix + "\" and userName ew \".org\""))
                .isEqualTo(1);
        assertThat(count("USERNAME SW \"" + prefix + "\" AND NOT (userName co \"-b@\")"))
                .isEqualTo(1);
        assertThat(count("(userName sw \"" + prefix + "\") and (title pr)")).isEqualTo(1);
        assertThat(count("userName sw \"" + prefix + "\" and title ne \"Engineer\""))
                .isEqualTo(1);
        assertThat(count("userName sw \"" + prefix + "\" and active eq true")).isEqualTo(2);
        assertThat(count("userName sw \"" + prefix + "\" and meta.created gt \"2000-01-01T00:00:00Z\""))
                .isEqualTo(2);
        assertThat(count("userName sw \"" + prefix + "\" and emails[type eq \"work\" and value co \".org\"]"))
                .isEqualTo(1);
        assertThat(count("userName sw \"" + prefix + "\" and name.givenName eq \"ada\""))
                .isEqualTo(2);
        assertThat(count("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"" + prefix + "\""))
                .isEqualTo(2);

        for (String bad :
                new String[] {"password eq \"x\"", "userName eq", "userName zz \"x\"", "(userName eq \"x\""}) {
            Api.Response refused = scim.find("Users", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("scimType").asString()).as(bad).isEqualTo("invalidFilter");
            assertThat(refused.json().path("status").asString()).isEqualTo("400");
        }
    }

    @Test
    void pagesAreOneBasedStableAndCountZeroAnswersTheTotalOnly() {
        String prefix = "page" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            scim.post("/Users", oktaUser(prefix + i + "@example.com"));
        }
        String filter = "&filter="
                + java.net.URLEncoder.encode("userName sw \"" + prefix + "\"", java.nio.charset.StandardCharsets.UTF_8);

        var first = scim.get("/Users?startIndex=1&count=2" + filter).json();
        var second = scim.get("/Users?startIndex=3&count=2" + filter).json();
        var total = scim.get("/Users?count=0" + filter).json();
        var projected = scim.get("/Users?count=1&attributes=userName" + filter).json();
        var excluded = scim.get("/Users?count=1&excludedAttributes=emails,name" + filter)
                .json();

        assertThat(first.path("Resources").findValuesAsString("userName"))
                .containsExactly(prefix + "0@example.com", prefix + "1@example.com");
        assertThat(first.path("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(second.path("Resources").findValuesAsString("userName")).containsExactly(prefix + "2@example.com");
        assertThat(second.path("startIndex").asInt()).isEqualTo(3);
        assertThat(total.path("totalResults").asInt()).isEqualTo(3);
        assertThat(total.path("Resources")).isEmpty();
        JsonNode only = projected.path("Resources").get(0);
        assertThat(only.has("userName")).isTrue();
        assertThat(only.has("id")).isTrue();
        assertThat(only.has("name")).isFalse();
        assertThat(excluded.path("Resources").get(0).has("emails")).isFalse();
        assertThat(excluded.path("Resources").get(0).has("userName")).isTrue();
    }

    @Test
    void oktasDeactivationWithoutAPathEndsSignInAndEntrasStringFalseToo() {
        String okta =
                scim.post("/Users", oktaUser(Fixtures.uniqueEmail("deact"))).field("id");
        String entra =
                scim.post("/Users", oktaUser(Fixtures.uniqueEmail("deact"))).field("id");

        Api.Response oktaOff =
                scim.patch("/Users/" + okta, Scim.ops(Map.of("op", "replace", "value", Map.of("active", false))));
        Api.Response entraOff =
                scim.patch("/Users/" + entra, Scim.ops(Map.of("op", "Replace", "path", "active", "value", "False")));
        Api.Response entraOn =
                scim.patch("/Users/" + entra, Scim.ops(Map.of("op", "Replace", "path", "active", "value", "True")));

        assertThat(oktaOff.status()).as(oktaOff.toString()).isEqualTo(200);
        assertThat(oktaOff.json().path("active").asBoolean()).isFalse();
        assertThat(api.get("/v1/users/" + okta, tenant.adminKey()).field("status"))
                .isEqualTo("deactivated");
        assertThat(entraOff.json().path("active").asBoolean()).isFalse();
        assertThat(entraOn.json().path("active").asBoolean()).isTrue();
        assertThat(api.get("/v1/users/" + entra, tenant.adminKey()).field("status"))
                .isEqualTo("active");
    }

    @Test
    void aScimDeactivationEndsTheUsersSignIn() {
        String jwt = fixtures.signedIn(tenant.adminKey(), "user");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        String id = Scim.tree(payload).path("sub").asString();
        int before = api.get("/v1/users/" + id, jwt).status();

        Api.Response off =
                scim.patch("/Users/" + id, Scim.ops(Map.of("op", "replace", "value", Map.of("active", false))));

        assertThat(before).isEqualTo(200);
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(api.get("/v1/users/" + id, jwt).status()).isEqualTo(401);
    }

    @Test
    void entrasMultiAttributeReplaceAddOnSingleValuedAndValuePathAddsThatCreateTheEntry() {
        String id = scim.post("/Users", oktaUser(Fixtures.uniqueEmail("entra-patch")))
                .field("id");

        Api.Response patched = scim.patch(
                "/Users/" + id,
                Scim.ops(
                        Map.of(
                                "op",
                                "Replace",
                                "value",
                                Map.of(
                                        "name.givenName",
                                        "Grace",
                                        "name.familyName",
                                        "Hopper",
                                        ENTERPRISE + ":department",
                                        "Navy",
                                        "title",
                                        "Rear Admiral")),
                        Map.of("op", "Add", "path", "preferredLanguage", "value", "en"),
                        Map.of("op", "Add", "path", "phoneNumbers[type eq \"mobile\"].value", "value", "+14155550123"),
                        Map.of("op", "Add", "path", "addresses[type eq \"work\"].locality", "value", "Arlington")));

        JsonNode user = patched.json();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(user.path("name").path("givenName").asString()).isEqualTo("Grace");
        assertThat(user.path("name").path("familyName").asString()).isEqualTo("Hopper");
        assertThat(user.path(ENTERPRISE).path("department").asString()).isEqualTo("Navy");
        assertThat(user.path("title").asString()).isEqualTo("Rear Admiral");
        assertThat(user.path("preferredLanguage").asString()).isEqualTo("en");
        assertThat(user.path("phoneNumbers").get(0).path("type").asString()).isEqualTo("mobile");
        assertThat(user.path("phoneNumbers").get(0).path("value").asString()).isEqualTo("+14155550123");
        assertThat(user.path("addresses").get(0).path("locality").asString()).isEqualTo("Arlington");
        assertThat(user.path("emails")).hasSize(1);
        assertThat(api.get("/v1/users/" + id, tenant.adminKey()).field("firstName"))
                .isEqualTo("Grace");
        assertThat(scim.get("/Users/" + id)
                        .json()
                        .path(ENTERPRISE)
                        .path("department")
                        .asString())
                .isEqualTo("Navy");
    }

    @Test
    void aRemoveOrReplaceNeverWipesAWholeMultiValuedAttributeUnlessItSaysSo() {
        Map<String, Object> body = new java.util.HashMap<>(oktaUser(Fixtures.uniqueEmail("keep")));
        body.put(
                "phoneNumbers",
                List.of(Map.of("value", "555-0100", "type", "work"), Map.of("value", "555-0101", "type", "home")));
        String id = scim.post("/Users", body).field("id");

        var oneGone = scim.patch(
                        "/Users/" + id, Scim.ops(Map.of("op", "remove", "path", "phoneNumbers[type eq \"home\"]")))
                .json();
        var oneReplaced = scim.patch(
                        "/Users/" + id,
                        Scim.ops(Map.of(
                                "op", "replace", "path", "phoneNumbers[type eq \"work\"].value", "value", "555-0199")))
                .json();
        var wiped = scim.patch("/Users/" + id, Scim.ops(Map.of("op", "remove", "path", "phoneNumbers")))
                .json();

        assertThat(oneGone.path("phoneNumbers").findValuesAsString("value")).containsExactly("555-0100");
        assertThat(oneReplaced.path("phoneNumbers").findValuesAsString("value")).containsExactly("555-0199");
        assertThat(wiped.has("phoneNumbers")).isFalse();
        assertThat(wiped.path("emails")).hasSize(1);
    }

    @Test
    void putReplacesTheUserAsOktaWizardAppsSendIt() {
        String email = Fixtures.uniqueEmail("put");
        Api.Response created = scim.post("/Users", oktaUser(email));
        String id = created.field("id");
        Map<String, Object> body = new java.util.HashMap<>(oktaUser(email));
        body.put("id", id);
        body.put("name", Map.of("givenName", "Augusta", "familyName", "King"));
        body.put("displayName", "Augusta King");
        body.put("title", "Countess");

        Api.Response replaced = scim.put("/Users/" + id, body);

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().path("name").path("givenName").asString()).isEqualTo("Augusta");
        assertThat(replaced.json().path("title").asString()).isEqualTo("Countess");
        assertThat(replaced.json().path("locale").asString()).isEqualTo("en-US");
        assertThat(replaced.header("ETag")).isNotEqualTo(created.header("ETag"));
    }

    @Test
    void ifMatchWithAStaleVersionIs412AndAWeakCurrentOneIsAccepted() {
        Api.Response created = scim.post("/Users", oktaUser(Fixtures.uniqueEmail("etag")));
        String id = created.field("id");
        String etag = created.header("ETag");
        var change = Scim.ops(Map.of("op", "replace", "path", "title", "value", "One"));

        Api.Response first = scim.send("PATCH", "/Users/" + id, change, Map.of("If-Match", etag));
        Api.Response stale = scim.send("PATCH", "/Users/" + id, change, Map.of("If-Match", etag));
        Api.Response strong = scim.send(
                "PATCH",
                "/Users/" + id,
                change,
                Map.of("If-Match", first.header("ETag").substring(2)));

        assertThat(first.status()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("status").asString()).isEqualTo("412");
        assertThat(strong.status()).isEqualTo(200);
    }

    @Test
    void theEnterpriseManagerIsAcceptedAsObjectOrBareIdAndAnsweredComplexAndCyclesAreRefused() {
        String boss =
                scim.post("/Users", oktaUser(Fixtures.uniqueEmail("boss"))).field("id");
        Map<String, Object> body = new java.util.HashMap<>(oktaUser(Fixtures.uniqueEmail("report")));
        body.put(ENTERPRISE, Map.of("manager", Map.of("value", boss), "employeeNumber", "42", "costCenter", "CC1"));
        body.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE));
        Api.Response report = scim.post("/Users", body);
        String id = report.field("id");

        Api.Response bare = scim.patch(
                "/Users/" + boss, Scim.ops(Map.of("op", "replace", "path", ENTERPRISE + ":manager", "value", id)));

        JsonNode enterprise = report.json().path(ENTERPRISE);
        assertThat(enterprise.path("manager").path("value").asString()).isEqualTo(boss);
        assertThat(enterprise.path("employeeNumber").asString()).isEqualTo("42");
        assertThat(enterprise.path("costCenter").asString()).isEqualTo("CC1");
        assertThat(report.json().path("schemas").findValuesAsString("")).isEmpty();
        assertThat(report.json().path("schemas").toString()).contains(ENTERPRISE);
        assertThat(api.get("/v1/users/" + id, tenant.adminKey())
                        .json()
                        .path("manager")
                        .path("id")
                        .asString())
                .isEqualTo(boss);
        assertThat(bare.status()).as("a cycle").isEqualTo(400);
        assertThat(bare.json().path("scimType").asString()).isEqualTo("invalidValue");
    }

    @Test
    void aDuplicateUserNameIs409UniquenessAndAFullPlanIs403NamingTheLimit() {
        // given a user in this organization, and a free organization (one seat) whose only member is SCIM's first
        String email = Fixtures.uniqueEmail("dup");
        scim.post("/Users", oktaUser(email));
        Tenant free = fixtures.tenant("free");
        Scim freeScim = Scim.bearer(port, Scim.token(api, free.adminKey()));
        Api.Response first = freeScim.post("/Users", oktaUser(Fixtures.uniqueEmail("seat")));

        // when the same userName comes again in another case, and the free organization gets a second user
        Api.Response duplicate = scim.post("/Users", oktaUser(email.toUpperCase()));
        Api.Response full = freeScim.post("/Users", oktaUser(Fixtures.uniqueEmail("seat")));

        // then 409 uniqueness, and 403 naming the limit with no scimType (Okta reads 409 as "the user exists")
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("scimType").asString()).isEqualTo("uniqueness");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(full.status()).as(full.toString()).isEqualTo(403);
        assertThat(full.json().path("status").asString()).isEqualTo("403");
        assertThat(full.json().path("detail").asString()).contains("all 1 seats");
        assertThat(full.json().has("scimType")).isFalse();
        assertThat(api.get("/v1/users?limit=10", free.adminKey()).json().path("data"))
                .hasSize(1);
    }

    @Test
    void anEmailAnotherOrganizationHasIs409UniquenessAcrossThePlatform() {
        // given a user of another organization, made through Roster's own API
        String email = Fixtures.uniqueEmail("taken");
        Tenant other = fixtures.tenant("business");
        fixtures.user(other.adminKey(), email);

        // when a directory provisions the same address here, as userName and as the only email of another userName
        Api.Response asUserName = scim.post("/Users", oktaUser(email.toUpperCase()));
        Map<String, Object> byEmail = new java.util.HashMap<>(oktaUser(email));
        byEmail.put("userName", "ada.lovelace");

        Api.Response asEmail = scim.post("/Users", byEmail);

        // then both are 409 uniqueness, and nothing was created here
        for (Api.Response refused : List.of(asUserName, asEmail)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().path("scimType").asString()).isEqualTo("uniqueness");
        }
        assertThat(count("userName eq \"" + email + "\"")).isZero();
        assertThat(count("userName eq \"ada.lovelace\"")).isZero();
    }

    @Test
    void aPatchOfAReadOnlyAttributeOrOneThatUnassignsUserNameIs400MutabilityButRestatingTheIdIsNoChange() {
        // given a user
        Api.Response created = scim.post("/Users", oktaUser(Fixtures.uniqueEmail("readonly")));
        String id = created.field("id");
        String elsewhere = UUID.randomUUID().toString();

        // when a PATCH touches id, meta or groups, with a path or without, or removes userName
        List<Api.Response> refused = List.of(
                scim.patch("/Users/" + id, Scim.ops(Map.of("op", "replace", "path", "id", "value", elsewhere))),
                scim.patch(
                        "/Users/" + id,
                        Scim.ops(
                                Map.of("op", "replace", "path", "meta.lastModified", "value", "2020-01-01T00:00:00Z"))),
                scim.patch(
                        "/Users/" + id,
                        Scim.ops(Map.of("op", "add", "path", "groups", "value", List.of(Map.of("value", elsewhere))))),
                scim.patch(
                        "/Users/" + id,
                        Scim.ops(Map.of("op", "Replace", "value", Map.of("id", elsewhere, "title", "Countess")))),
                scim.patch("/Users/" + id, Scim.ops(Map.of("op", "remove", "path", "userName"))));

        // then each is 400 mutability, in SCIM's error shape, and the user is as it was
        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().path("scimType").asString()).isEqualTo("mutability");
        }
        Api.Response after = scim.get("/Users/" + id);
        assertThat(after.json().path("id").asString()).isEqualTo(id);
        assertThat(after.json().has("title")).isFalse();
        assertThat(after.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(scim.get("/Users/" + elsewhere).status()).isEqualTo(404);
        // and restating its own id (as Okta's replace does) changes nothing and is no error
        Api.Response ownId = scim.patch(
                "/Users/" + id, Scim.ops(Map.of("op", "replace", "value", Map.of("id", id, "title", "Countess"))));
        assertThat(ownId.status()).as(ownId.toString()).isEqualTo(200);
        assertThat(ownId.json().path("title").asString()).isEqualTo("Countess");
    }

    @Test
    void aMalformedIfMatchIs400InvalidVersAndAStaleOneStays412() {
        Api.Response created = scim.post("/Users", oktaUser(Fixtures.uniqueEmail("vers")));
        String id = created.field("id");
        var change = Scim.ops(Map.of("op", "replace", "path", "title", "value", "One"));
        Map<String, Object> put = oktaUser(created.json().path("userName").asString());

        Api.Response unquoted = scim.send("PATCH", "/Users/" + id, change, Map.of("If-Match", "abc"));
        Api.Response starInAList = scim.send("PUT", "/Users/" + id, put, Map.of("If-Match", "*, W/\"x\""));
        Api.Response onDelete = scim.send("DELETE", "/Users/" + id, null, Map.of("If-Match", "W/abc"));
        Api.Response stale = scim.send("PUT", "/Users/" + id, put, Map.of("If-Match", "W/\"old\", \"older\""));

        for (Api.Response malformed : List.of(unquoted, starInAList, onDelete)) {
            assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
            assertThat(malformed.json().path("scimType").asString()).isEqualTo("invalidVers");
        }
        assertThat(stale.status()).isEqualTo(412);
        assertThat(scim.get("/Users/" + id).header("ETag")).isEqualTo(created.header("ETag"));
    }

    @Test
    void deleteIsRosterSoftDeleteAndALaterGetIs404() {
        String email = Fixtures.uniqueEmail("gone");
        String id = scim.post("/Users", oktaUser(email)).field("id");

        Api.Response deleted = scim.delete("/Users/" + id);
        Api.Response after = scim.get("/Users/" + id);
        Api.Response again = scim.delete("/Users/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.json().path("status").asString()).isEqualTo("404");
        assertThat(again.status()).isEqualTo(404);
        assertThat(api.get("/v1/users/" + id, tenant.adminKey())
                        .json()
                        .path("deletedAt")
                        .isString())
                .isTrue();
        assertThat(scim.find("Users", "userName eq \"" + email + "\"")
                        .json()
                        .path("totalResults")
                        .asInt())
                .isZero();
        assertThat(scim.post("/Users", oktaUser(email)).status())
                .as("the email is free again")
                .isEqualTo(201);
    }

    @Test
    void anotherOrganizationsUserIs404AndJsonContentTypeIsAcceptedToo() {
        Tenant other = fixtures.tenant("business");
        String foreign = Scim.bearer(port, Scim.token(api, other.adminKey()))
                .post("/Users", oktaUser(Fixtures.uniqueEmail("foreign")))
                .field("id");

        Api.Response plainJson = scim.send(
                "POST", "/Users", oktaUser(Fixtures.uniqueEmail("json")), Map.of("Content-Type", "application/json"));

        assertThat(scim.get("/Users/" + foreign).status()).isEqualTo(404);
        assertThat(scim.get("/Users/not-a-uuid").status()).isEqualTo(404);
        assertThat(plainJson.status()).isEqualTo(201);
        assertThat(plainJson.header("Content-Type")).startsWith("application/scim+json");
    }

    @Test
    void everyScimChangeIsAuditedAsTheToken() {
        String id = scim.post("/Users", oktaUser(Fixtures.uniqueEmail("audit"))).field("id");
        scim.patch("/Users/" + id, Scim.ops(Map.of("op", "replace", "value", Map.of("active", false))));

        var events =
                api.get("/v1/audit-events?limit=50", tenant.adminKey()).json().path("data");

        assertThat(events.findValuesAsString("actor")).contains("scim_token:" + tokenId);
        assertThat(events.findValuesAsString("action")).contains("user.created", "user.deactivated");
    }

    private int count(String filter) {
        Api.Response found = scim.find("Users", filter);
        assertThat(found.status()).as(filter + " " + found).isEqualTo(200);
        return found.json().path("totalResults").asInt();
    }
}
