package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An import runs in the background through the same rules as creating one user: seats, invitations, roles, groups
 * and managers, each row with its own outcome.
 */
@RosterTest
class ImportRunTest extends ApiTestBase {

    private static final Duration LONG = Duration.ofMinutes(4);

    @Autowired
    JdbcClient jdbc;

    private Imports imports;

    @BeforeEach
    void client() {
        imports = new Imports(api);
    }

    @Test
    void aThousandRowsAreCreatedWithTheirManagersAndTheRowsPastTheSeatLimitFail() {
        // given an organization with 990 seats, and 1,000 people, each after the first reporting to an earlier one
        Tenant tenant = fixtures.tenant("enterprise");
        Api.Response limited =
                api.patch("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY, Map.of("seatLimit", 990));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
        String prefix = "thousand-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> lines = IntStream.range(0, 1_000)
                .mapToObj(i -> prefix + i + "@example.com,Person," + i + ","
                        + (i == 0 ? "" : prefix + (i - 1) / 10 + "@example.com"))
                .toList();

        // when they are imported without invitations
        String id = imports.start(
                tenant.adminKey(), "sendInvitation=false", Imports.csv("email,firstName,lastName,managerEmail", lines));
        JsonNode done = imports.await(tenant.adminKey(), id, LONG, "completed", "failed", "cancelled");

        // then 990 are created, the last ten find the plan full, and every created one has its manager
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("completed");
        JsonNode counts = done.path("counts");
        assertThat(counts.path("created").asInt()).isEqualTo(990);
        assertThat(counts.path("failed").asInt()).isEqualTo(10);
        assertThat(counts.path("invited").asInt()).isZero();
        assertThat(counts.path("pending").asInt()).isZero();
        assertThat(counts.path("managersLinked").asInt()).isEqualTo(989);
        assertThat(counts.path("managersFailed").asInt()).isZero();
        assertThat(done.path("percentDone").asInt()).isEqualTo(100);
        List<JsonNode> failed = imports.rows(tenant.adminKey(), id, "failed");
        assertThat(failed).hasSize(10).allSatisfy(row -> {
            assertThat(row.path("error").path("code").asString()).isEqualTo("seat_limit_reached");
            assertThat(row.path("manager").path("outcome").asString()).isEqualTo("skipped");
        });
        assertThat(failed.get(0).path("row").asInt()).isEqualTo(992);
        Map<Integer, String> userIds = new HashMap<>();
        imports.rows(tenant.adminKey(), id, "created")
                .forEach(row -> userIds.put(
                        row.path("row").asInt() - 2, row.path("userId").asString()));
        assertThat(userIds).hasSize(990);
        JsonNode fifteen =
                api.get("/v1/users/" + userIds.get(15), tenant.adminKey()).json();
        assertThat(fifteen.path("manager").path("id").asString()).isEqualTo(userIds.get(1));
        assertThat(fifteen.path("status").asString()).isEqualTo("active");
        assertThat(api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .json()
                        .path("seatsUsed")
                        .asInt())
                .isEqualTo(990);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE organization_id = :org"
                                + " AND action = 'user.created' AND request_id = :request")
                        .param("org", UUID.fromString(tenant.organizationId()))
                        .param("request", "import:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(990);
    }

    @Test
    void importedPeopleAreInvitedWithTheirRolesAndGroups() {
        // given a group, a custom role, and a member already there
        Tenant tenant = fixtures.tenant("business");
        String group = api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Support"))
                .field("id");
        assertThat(api.post(
                                "/v1/roles",
                                tenant.adminKey(),
                                Map.of("name", "Helpdesk", "permissions", List.of("users:read")))
                        .status())
                .isEqualTo(201);
        String member = Fixtures.uniqueEmail("member");
        fixtures.user(tenant.adminKey(), member);
        List<String> emails = IntStream.range(0, 12)
                .mapToObj(i -> Fixtures.uniqueEmail("invitee" + i))
                .toList();
        List<String> lines = new ArrayList<>();
        emails.forEach(email -> lines.add(email + ",helpdesk;user,support"));
        lines.add(member + ",,");

        // when they are imported with invitations valid three days
        Instant before = Instant.now();
        String id = imports.start(
                tenant.adminKey(), "invitationType=link&expiresInDays=3", Imports.csv("email,roles,groups", lines));
        JsonNode done = imports.await(tenant.adminKey(), id, LONG, "completed", "failed", "cancelled");

        // then each is invited by email, holds the role and is in the group; the member is already one
        assertThat(done.path("counts").path("invited").asInt())
                .as(done.toString())
                .isEqualTo(12);
        assertThat(done.path("counts").path("alreadyMember").asInt()).isEqualTo(1);
        assertThat(imports.rows(tenant.adminKey(), id, "already_member")
                        .get(0)
                        .path("error")
                        .path("code")
                        .asString())
                .isEqualTo("email_taken");
        emails.forEach(email -> assertThat(MailServer.await(email, 1)).hasSize(1));
        String token = MailServer.token(MailServer.messagesFor(emails.get(0)).get(0));
        assertThat(api.post(
                                "/v1/public/invitations/" + token + "/accept",
                                null,
                                Map.of("password", "a long enough passphrase"))
                        .status())
                .isEqualTo(204);
        JsonNode invitation = api.get("/v1/invitations?email=" + emails.get(1), tenant.adminKey())
                .json()
                .path("data")
                .get(0);
        assertThat(Instant.parse(invitation.path("expiresAt").asString()))
                .isBetween(
                        before.plus(Duration.ofDays(3)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(3)));
        JsonNode user = api.get("/v1/users?email=" + emails.get(1), tenant.adminKey())
                .json()
                .path("data")
                .get(0);
        assertThat(user.toString()).contains("Helpdesk");
        assertThat(api.get("/v1/groups/" + group + "/members", tenant.adminKey())
                        .json())
                .hasSize(12);
    }

    @Test
    void theOrganizationsHourlyInvitationLimitHoldsTheImportBackAndACancelLeavesTheRest() {
        // given an organization that may send 60 invitations an hour (the test server's setting)
        Tenant tenant = fixtures.tenant("enterprise");
        List<String> emails = IntStream.range(0, 62)
                .mapToObj(i -> Fixtures.uniqueEmail("limited" + i))
                .toList();

        // when 62 people are imported with invitations
        String id = imports.start(tenant.adminKey(), "", Imports.csv("email", emails));

        // then 60 are invited and the import waits, its last two rows still to do, rather than failing them
        await().atMost(LONG)
                .until(() ->
                        api.get("/v1/imports/" + id, tenant.adminKey()).json().has("waitingUntil"));
        JsonNode waiting = api.get("/v1/imports/" + id, tenant.adminKey()).json();
        assertThat(waiting.path("state").asString()).isEqualTo("running");
        assertThat(waiting.path("counts").path("invited").asInt()).isEqualTo(60);
        assertThat(waiting.path("counts").path("pending").asInt()).isEqualTo(2);
        assertThat(Instant.parse(waiting.path("waitingUntil").asString()))
                .isAfter(Instant.now().plusSeconds(3000));

        // when it is cancelled
        Api.Response cancelled = api.post("/v1/imports/" + id + "/cancel", tenant.adminKey(), null);

        // then those two are left not processed, and a second cancel is refused
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.field("state")).isEqualTo("cancelled");
        assertThat(cancelled.field("cancelledBy")).startsWith("api_key:");
        assertThat(cancelled.json().path("counts").path("notProcessed").asInt()).isEqualTo(2);
        assertThat(cancelled.json().has("waitingUntil")).isFalse();
        assertThat(imports.rows(tenant.adminKey(), id, "not_processed"))
                .extracting(row -> row.path("email").asString())
                .containsExactly(emails.get(60), emails.get(61));
        Api.Response again = api.post("/v1/imports/" + id + "/cancel", tenant.adminKey(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("code")).isEqualTo("import_finished");
    }
}
