package dev.roster.compat.recomly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recomly's "Create user" page, served at POST /api/app/users. */
@RosterTest
class RecomlyApiTest extends ApiTestBase {

    private static final String PATH = "/api/app/users";

    /** The page's sample request body, byte for byte. */
    private static final String SAMPLE = """
            {
                "email": "carol@acmeplumbing.com",
                "firstName": "Carol",
                "lastName": "Kim",
                "roles": ["user"],
                "sendInvitation": true
              }""";

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("starter");
    }

    @Test
    void thePagesSampleRequestCreatesCarolAndEmailsHerATemporaryPassword() {
        // when
        var created = api.post(PATH, tenant.adminKey(), SAMPLE);

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().propertyNames()).containsExactly("user");
        JsonNode user = created.json().path("user");
        assertThat(user.propertyNames()).containsExactly("email", "roles", "allowPasswordAuth", "createdAt");
        assertThat(user.path("email").asString()).isEqualTo("carol@acmeplumbing.com");
        assertThat(user.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(user.path("allowPasswordAuth").isBoolean()).isTrue();
        assertThat(user.path("allowPasswordAuth").asBoolean()).isTrue();
        assertThat(user.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String temporary =
                MailServer.find(MailServer.await("carol@acmeplumbing.com", 1).get(0), "temporary password: (\\S+)");
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(12);
        JsonNode stored = rosterUser("carol@acmeplumbing.com");
        assertThat(stored.path("firstName").asString()).isEqualTo("Carol");
        assertThat(stored.path("lastName").asString()).isEqualTo("Kim");
        assertThat(stored.path("status").asString()).isEqualTo("invited");
        assertThat(stored.path("invitation").path("type").asString()).isEqualTo("temporary_password");
    }

    @Test
    void rolesDefaultToUserAndAdminMakesAnAdminWithoutAnInvitationWhenAskedSo() {
        String member = Fixtures.uniqueEmail("member");
        String admin = Fixtures.uniqueEmail("admin");

        var defaulted = api.post(PATH, tenant.adminKey(), body(member, Map.of("sendInvitation", false)));
        var promoted = api.post(
                PATH, tenant.adminKey(), body(admin, Map.of("roles", List.of("admin"), "sendInvitation", false)));

        assertThat(defaulted.status()).as(defaulted.toString()).isEqualTo(201);
        assertThat(defaulted.json().path("user").path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(promoted.json().path("user").path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(rosterUser(member).path("status").asString()).isEqualTo("active");
        assertNoMailFor(member, admin);
    }

    @Test
    void ssoOnlyUsersNeedAnEnabledProviderAndGetNoInvitation() {
        String email = Fixtures.uniqueEmail("sso");
        Map<String, Object> ssoOnly = body(email, Map.of("allowPasswordAuth", false, "sendInvitation", true));

        var refused = api.post(PATH, tenant.adminKey(), ssoOnly);
        var provider = api.post(
                "/v1/sso-providers",
                tenant.adminKey(),
                Map.of("name", "Okta", "protocol", "oidc", "issuer", "https://idp.example.test"));
        var created = api.post(PATH, tenant.adminKey(), ssoOnly);

        assertThat(error(refused, 400)).contains("SSO provider");
        assertThat(provider.status()).isEqualTo(201);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("user").path("allowPasswordAuth").asBoolean())
                .isFalse();
        assertNoMailFor(email);
    }

    @Test
    void aFullUserQuotaIs403() {
        Tenant free = fixtures.tenant("free");
        var first = api.post(PATH, free.adminKey(), body(Fixtures.uniqueEmail("first"), Map.of()));

        var second = api.post(PATH, free.adminKey(), body(Fixtures.uniqueEmail("second"), Map.of()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(error(second, 403)).isEqualTo("The organization has used all 1 seats of its plan.");
    }

    @Test
    void anEmailOfThisOrganizationOrAnywhereOnThePlatformIs409() {
        String email = Fixtures.uniqueEmail("taken");
        Tenant other = fixtures.tenant("starter");
        assertThat(api.post(PATH, tenant.adminKey(), body(email, Map.of())).status())
                .isEqualTo(201);

        var sameOrganization = api.post(PATH, tenant.adminKey(), body(email.toUpperCase(), Map.of()));
        var elsewhere = api.post(PATH, other.adminKey(), body(email, Map.of()));

        assertThat(error(sameOrganization, 409)).isEqualTo("A user with this email already exists.");
        assertThat(error(elsewhere, 409)).isEqualTo("A user with this email already exists.");
    }

    @Test
    void aCallerWithoutTheAdminRoleIs403() {
        String readOnly = fixtures.key(tenant.organizationId(), "user");

        var refused = api.post(PATH, readOnly, body(Fixtures.uniqueEmail("x"), Map.of()));

        assertThat(error(refused, 403)).contains("users:write");
    }

    @Test
    void validationFailuresAre400WithOneMessage() {
        Map<String, Object> nameless = new HashMap<>(Map.of("email", Fixtures.uniqueEmail("nameless")));

        assertThat(error(api.post(PATH, tenant.adminKey(), nameless), 400))
                .isEqualTo("firstName is required; lastName is required");
        assertThat(error(api.post(PATH, tenant.adminKey(), body("not-an-email", Map.of())), 400))
                .startsWith("email must be an email address");
        assertThat(error(
                        api.post(
                                PATH,
                                tenant.adminKey(),
                                body(Fixtures.uniqueEmail("r"), Map.of("roles", List.of("owner")))),
                        400))
                .startsWith("roles ");
        assertThat(error(api.post(PATH, tenant.adminKey(), body(Fixtures.uniqueEmail("u"), Map.of("phone", "1"))), 400))
                .contains("phone");
        assertThat(error(api.post(PATH, tenant.adminKey(), "{\"email\":"), 400)).contains("not valid JSON");
        assertThat(api.get("/v1/users", tenant.adminKey()).json().path("data").size())
                .isZero();
    }

    @Test
    void failuresBeforeTheControllerAnswerInRecomlysShapeToo() {
        assertThat(error(api.post(PATH, null, SAMPLE), 401)).isNotBlank();
        assertThat(error(api.post(PATH, "rk_live_abc123:def456", SAMPLE), 401)).isNotBlank();
        assertThat(error(api.get(PATH, tenant.adminKey()), 405)).isNotBlank();
        assertThat(error(api.get("/api/app/no-such-thing", tenant.adminKey()), 404))
                .isNotBlank();
        assertThat(error(api.send("POST", PATH, tenant.adminKey(), null, Map.of("Content-Type", "text/plain")), 415))
                .isNotBlank();
        String big = "{\"email\":\"" + "a".repeat(1024 * 1024) + "@example.com\"}";
        assertThat(error(api.post(PATH, tenant.adminKey(), big), 413)).isNotBlank();
    }

    /** Asserts Recomly's error shape, {"error": "..."} and nothing else, and returns the message. */
    private static String error(Api.Response answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json().propertyNames()).as(answer.toString()).containsExactly("error");
        return answer.field("error");
    }

    private static Map<String, Object> body(String email, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace"));
        body.putAll(more);
        return body;
    }

    /** The user as Roster's own API shows it. */
    private JsonNode rosterUser(String email) {
        JsonNode listed =
                api.get("/v1/users?q=" + email, tenant.adminKey()).json().path("data");
        assertThat(listed.size()).as(email).isEqualTo(1);
        return api.get("/v1/users/" + listed.get(0).path("id").asString(), tenant.adminKey())
                .json();
    }

    private static void assertNoMailFor(String... emails) {
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        for (String email : emails) {
            assertThat(MailServer.messagesFor(email)).as(email).isEmpty();
        }
    }
}
