package dev.roster.compat.entryguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** EntryGuard's "Create User (Invite)" page, served at POST /api/v1/users. */
@RosterTest
class EntryGuardApiTest extends ApiTestBase {

    private static final String PATH = "/api/v1/users";
    private static final String SECONDS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    /**
     * The page's sample request body as the page prints it. Its address reads "[email protected]": the page's
     * host hid the real one from scrapers, and what is left is not an email address.
     */
    private static final String SAMPLE = """
            {
            "email": "[email protected]",
            "name": "New User",
            "isOrgAdmin": false
            }""";

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("starter");
    }

    @Test
    void thePagesSampleRequestWithAnAdminsJwtCreatesTheDocumentedUserAndEmailsAnInvitationLink() {
        // given a signed-in admin, and the sample with an address in place of the page's hidden one
        String jwt = fixtures.signedIn(tenant.adminKey(), "admin");
        String sample = SAMPLE.replace("[email protected]", "newuser@example.com");

        // when
        var created = api.post(PATH, jwt, sample);

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(user.propertyNames())
                .containsExactly(
                        "id",
                        "email",
                        "name",
                        "isOrgAdmin",
                        "platformRole",
                        "isActive",
                        "mfaEnabled",
                        "lastLoginAt",
                        "roleNames",
                        "createdAt",
                        "updatedAt");
        assertThat(user.path("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(user.path("email").asString()).isEqualTo("newuser@example.com");
        assertThat(user.path("name").asString()).isEqualTo("New User");
        assertThat(user.path("isOrgAdmin").isBoolean()).isTrue();
        assertThat(user.path("isOrgAdmin").asBoolean()).isFalse();
        assertThat(user.path("platformRole").asString()).isEqualTo("CUSTOMER");
        assertThat(user.path("isActive").asBoolean()).isTrue();
        assertThat(user.path("mfaEnabled").asBoolean()).isFalse();
        assertThat(user.path("lastLoginAt").isNull()).isTrue();
        assertThat(user.path("roleNames").toString()).isEqualTo("[]");
        assertThat(user.path("createdAt").asString()).matches(SECONDS);
        assertThat(user.path("updatedAt").asString()).matches(SECONDS);
        String token =
                MailServer.token(MailServer.await("newuser@example.com", 1).get(0));
        var accepted = api.post(
                "/v1/public/invitations/" + token + "/accept",
                null,
                Map.of("password", "correct horse battery staple"));
        assertThat(accepted.status()).isEqualTo(204);
    }

    @Test
    void theSampleAsPrintedIsAnInvalidEmailFormat() {
        String jwt = fixtures.signedIn(tenant.adminKey(), "admin");

        var refused = api.post(PATH, jwt, SAMPLE);

        assertThat(error(refused, 400)).isEqualTo("Invalid email format");
    }

    @Test
    void anAdminKeyWorksTooIsOrgAdminMakesAnAdminAndUnknownFieldsAreIgnored() {
        var created = api.post(
                PATH,
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("boss"), "isOrgAdmin", true, "department", "Sales"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("isOrgAdmin").asBoolean()).isTrue();
        assertThat(created.json().path("name").isNull()).isTrue();
    }

    @Test
    void aMissingEmailAndADuplicateAreBadRequestsWithThePagesMessages() {
        String email = Fixtures.uniqueEmail("dup");
        assertThat(api.post(PATH, tenant.adminKey(), Map.of("email", email)).status())
                .isEqualTo(201);

        var missing = api.post(PATH, tenant.adminKey(), Map.of("name", "No Email"));
        var duplicate = api.post(PATH, tenant.adminKey(), Map.of("email", email));

        assertThat(error(missing, 400)).isEqualTo("email is required");
        assertThat(error(duplicate, 400)).isEqualTo("A user with email '" + email + "' already exists");
    }

    @Test
    void aFullPlanIsABadRequestNamingTheLimit() {
        // given a starter organization (5 users): its signed-in admin and four more
        String jwt = fixtures.signedIn(tenant.adminKey(), "admin");
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(PATH, jwt, Map.of("email", Fixtures.uniqueEmail("seat")))
                            .status())
                    .isEqualTo(201);
        }

        // when
        var refused = api.post(PATH, jwt, Map.of("email", Fixtures.uniqueEmail("sixth")));

        // then
        assertThat(error(refused, 400))
                .isEqualTo("Organization has reached maximum user limit (5). Upgrade your plan to add more users.");
    }

    @Test
    void aMissingOrInvalidTokenIs401AndAMembersTokenIs403() {
        String memberJwt = fixtures.signedIn(tenant.adminKey(), "user");
        Map<String, Object> body = Map.of("email", Fixtures.uniqueEmail("x"));

        assertThat(error(api.post(PATH, null, body), 401)).isNotBlank();
        assertThat(error(api.post(PATH, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...", body), 401))
                .isNotBlank();
        assertThat(error(api.post(PATH, memberJwt, body), 403)).isEqualTo("User does not have ORG_ADMIN role");
    }

    @Test
    void beyondTheRateLimitIs429WithRetryAfter() {
        Tenant free = fixtures.tenant("free");
        Api.Response last = api.post(PATH, free.adminKey(), "{}");
        for (int i = 0; i < 200 && last.status() != 429; i++) {
            last = api.post(PATH, free.adminKey(), "{}");
        }

        assertThat(error(last, 429)).isNotBlank();
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void failuresBeforeTheControllerAnswerInEntryGuardsShapeToo() {
        assertThat(error(api.post(PATH, tenant.adminKey(), "{\"email\":"), 400)).contains("not valid JSON");
        assertThat(error(api.get(PATH, tenant.adminKey()), 405)).isNotBlank();
        assertThat(error(api.get("/api/v1/no-such-thing", tenant.adminKey()), 404))
                .isNotBlank();
        assertThat(error(api.send("POST", PATH, tenant.adminKey(), null, Map.of("Content-Type", "text/plain")), 415))
                .isNotBlank();
    }

    /** Asserts EntryGuard's error shape, {timestamp, status, error, message, path}, and returns the message. */
    private static String error(Api.Response answer, int status) {
        String what = answer.toString();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.propertyNames()).as(what).containsExactly("timestamp", "status", "error", "message", "path");
        assertThat(body.path("timestamp").asString()).as(what).matches(SECONDS);
        assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("error").asString())
                .as(what)
                .isEqualTo(org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        assertThat(body.path("path").asString()).as(what).startsWith("/api/v1/");
        return body.path("message").asString();
    }
}
