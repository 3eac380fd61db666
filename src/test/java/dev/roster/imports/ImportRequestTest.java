package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the import endpoints refuse, and in what shape: the wrong media type, a misspelt option, a file that is
 * not CSV or too large, a caller without the permissions, another organization's import; and a repeated
 * Idempotency-Key starting one import.
 */
@RosterTest
class ImportRequestTest extends ApiTestBase {

    private Imports imports;
    private Tenant tenant;

    @BeforeEach
    void tenant() {
        imports = new Imports(api);
        tenant = fixtures.tenant("business");
    }

    @Test
    void aBodyThatIsNotUtf8CsvIs415() {
        Api.Response json = api.post("/v1/imports", tenant.adminKey(), Map.of("email", "a@example.com"));
        Api.Response latin1 = api.send(
                "POST",
                "/v1/imports",
                tenant.adminKey(),
                "email\na@example.com\n",
                Map.of("Content-Type", "text/csv; charset=iso-8859-1"));

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");
        assertThat(latin1.status()).isEqualTo(415);
        assertThat(latin1.field("code")).isEqualTo("unsupported_media_type");
    }

    @Test
    void aMisspeltOptionIsRefusedRatherThanStartingARealImport() {
        Api.Response answer = imports.post(tenant.adminKey(), "dryrun=true", "email\n" + Fixtures.uniqueEmail("x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field("code")).isEqualTo("unknown_parameter");
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("dryrun");
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void aFileThatCannotBeReadAsAWholeIs400NamingWhy() {
        assertThat(problem(imports.post(tenant.adminKey(), "", "mail,name\nx@example.com,X\n")))
                .isEqualTo("400 invalid_header");
        assertThat(problem(imports.post(tenant.adminKey(), "", "email\n"))).isEqualTo("400 no_rows");
        assertThat(problem(imports.post(tenant.adminKey(), "", "email\n\"a@example.com\n")))
                .isEqualTo("400 malformed_csv");
        assertThat(problem(imports.post(tenant.adminKey(), "invitationType=sms", "email\na@example.com\n")))
                .isEqualTo("400 validation_failed");
        assertThat(problem(imports.post(tenant.adminKey(), "defaultRole=nosuchrole", "email\na@example.com\n")))
                .isEqualTo("400 validation_failed");
        Api.Response header = imports.post(tenant.adminKey(), "", "email,frist name\na@example.com,A\n");
        assertThat(header.json().path("errors").get(0).path("field").asString()).isEqualTo("header[2]");
        assertThat(header.json().path("errors").get(0).path("message").asString())
                .startsWith("\"frist name\" is not a column");
    }

    @Test
    void beyondTenThousandRowsOrFourMebibytesIs413() {
        String tooManyRows = Imports.csv(
                "email",
                IntStream.range(0, 10_001)
                        .mapToObj(i -> "r" + i + "@example.com")
                        .toList());
        String tooManyBytes = "email,firstName\n" + "a@example.com," + "x".repeat(4 * 1024 * 1024) + "\n";

        assertThat(problem(imports.post(tenant.adminKey(), "dryRun=true", tooManyRows)))
                .isEqualTo("413 too_many_rows");
        assertThat(problem(imports.post(tenant.adminKey(), "dryRun=true", tooManyBytes)))
                .isEqualTo("413 payload_too_large");
    }

    @Test
    void aFileLargerThanOtherBodiesMayBeIsAccepted() {
        // given 9,000 rows of about 180 bytes: over 1.5 MB, past the 1 MiB every JSON body is held to
        String csv = Imports.csv(
                "email,firstName,lastName",
                IntStream.range(0, 9_000)
                        .mapToObj(i -> "large-" + i + "@example.com," + "F".repeat(75) + "," + "L".repeat(75))
                        .toList());
        assertThat(csv.length()).isGreaterThan(1_500_000);

        Api.Response check = imports.post(tenant.adminKey(), "dryRun=true", csv);

        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().path("totalRows").asInt()).isEqualTo(9_000);
        assertThat(check.json().path("valid").asInt()).isEqualTo(25);
    }

    @Test
    void aCallerThatMayNotCreateAndInviteIsRefused() {
        String reader = fixtures.keyWith(tenant.organizationId(), "users:read");
        String writer = fixtures.keyWith(tenant.organizationId(), "users:write");
        String csv = "email\n" + Fixtures.uniqueEmail("refused") + "\n";

        assertThat(problem(imports.post(reader, "dryRun=true", csv))).isEqualTo("403 permission_required");
        assertThat(problem(imports.post(writer, "", csv))).isEqualTo("403 permission_required");
        assertThat(api.get("/v1/imports", writer).status()).isEqualTo(403);
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void anotherOrganizationsImportIsNotFound() {
        // given an import of one organization
        String id = imports.start(tenant.adminKey(), "sendInvitation=false", "email\n" + Fixtures.uniqueEmail("mine"));
        Tenant other = fixtures.tenant("business");

        // then another organization's key neither sees, lists nor cancels it
        assertThat(problem(api.get("/v1/imports/" + id, other.adminKey()))).isEqualTo("404 not_found");
        assertThat(problem(api.post("/v1/imports/" + id + "/cancel", other.adminKey(), null)))
                .isEqualTo("404 not_found");
        assertThat(api.get("/v1/imports", other.adminKey()).json().path("data")).isEmpty();
        assertThat(problem(api.get("/v1/organizations/" + other.organizationId() + "/imports/" + id, Api.PLATFORM_KEY)))
                .isEqualTo("404 not_found");
        // while the platform key reaches it under its organization's path
        assertThat(api.get("/v1/organizations/" + tenant.organizationId() + "/imports/" + id, Api.PLATFORM_KEY)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSignedInUserAndThePlatformKeyImportAsThemselves() {
        // given a signed-in admin (a JWT) and the platform key naming the organization
        String jwt = fixtures.signedIn(tenant.adminKey(), "admin");
        String byUser = imports.start(jwt, "sendInvitation=false", "email\n" + Fixtures.uniqueEmail("by-user") + "\n");
        Api.Response byPlatform = imports.post(
                "/v1/organizations/" + tenant.organizationId() + "/imports",
                Api.PLATFORM_KEY,
                "sendInvitation=false",
                "email\n" + Fixtures.uniqueEmail("by-platform") + "\n");

        // then each import completes, acting as (and showing) the credential that started it
        JsonNode user = imports.await(jwt, byUser, Duration.ofSeconds(30), "completed", "failed");
        assertThat(user.path("counts").path("created").asInt())
                .as(user.toString())
                .isEqualTo(1);
        assertThat(user.path("createdBy").asString()).startsWith("user:");
        assertThat(byPlatform.status()).as(byPlatform.toString()).isEqualTo(202);
        assertThat(byPlatform.header("Location"))
                .isEqualTo("/v1/organizations/" + tenant.organizationId() + "/imports/" + byPlatform.field("id"));
        JsonNode platform =
                imports.await(tenant.adminKey(), byPlatform.field("id"), Duration.ofSeconds(30), "completed", "failed");
        assertThat(platform.path("counts").path("created").asInt())
                .as(platform.toString())
                .isEqualTo(1);
        assertThat(platform.path("createdBy").asString()).startsWith("api_key:");
    }

    @Test
    void theSameIdempotencyKeyAndFileStartOneImport() {
        String csv = "email\n" + Fixtures.uniqueEmail("once") + "\n";
        Map<String, String> headers = Map.of("Content-Type", "text/csv", "Idempotency-Key", "import-" + csv.hashCode());

        Api.Response first = api.send("POST", "/v1/imports?sendInvitation=false", tenant.adminKey(), csv, headers);
        Api.Response again = api.send("POST", "/v1/imports?sendInvitation=false", tenant.adminKey(), csv, headers);
        Api.Response otherFile = api.send(
                "POST", "/v1/imports?sendInvitation=false", tenant.adminKey(), csv + "x@example.com\n", headers);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.field("id")).isEqualTo(first.field("id"));
        assertThat(otherFile.status()).isEqualTo(422);
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .hasSize(1);
        JsonNode done = imports.await(tenant.adminKey(), first.field("id"), Duration.ofSeconds(30), "completed");
        assertThat(done.path("counts").path("created").asInt()).isEqualTo(1);
    }

    private static String problem(Api.Response answer) {
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
        return answer.status() + " " + answer.field("code");
    }
}
