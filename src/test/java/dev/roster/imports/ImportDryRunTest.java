package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
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

/** A dry run reads and checks a file as an import would, says what would happen row by row, and changes nothing. */
@RosterTest
class ImportDryRunTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    private Imports imports;

    @BeforeEach
    void client() {
        imports = new Imports(api);
    }

    @Test
    void aDryRunWithGoodAndBadRowsReportsEachBadOneAndChangesNothing() {
        // given an organization with a member, a group and a custom role
        Tenant tenant = fixtures.tenant("business");
        String member = Fixtures.uniqueEmail("member");
        fixtures.user(tenant.adminKey(), member);
        assertThat(api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Engineering"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/v1/roles",
                                tenant.adminKey(),
                                Map.of("name", "Release manager", "permissions", List.of("environments:read")))
                        .status())
                .isEqualTo(201);
        String boss = Fixtures.uniqueEmail("boss");
        String good = Fixtures.uniqueEmail("good");
        String reports = Fixtures.uniqueEmail("reports");
        String noRole = Fixtures.uniqueEmail("norole");
        String csv = Imports.csv(
                "Email,First Name,last_name,ROLES,groups,managerEmail",
                List.of(
                        boss + ",Grace,Hopper,admin,,",
                        good + ",\"Lovelace, Ada\",\"The \"\"Countess\"\"\",Release manager|user,engineering," + boss,
                        Fixtures.uniqueEmail("newline") + ",Alan,\"Turing\nthe second\",,,",
                        member + ",Already,Here,,,",
                        "not an email,,,,,",
                        good.toUpperCase() + ",Twice,,,,",
                        noRole + ",,,nosuchrole,,",
                        Fixtures.uniqueEmail("nogroup") + ",,,,Nope,",
                        Fixtures.uniqueEmail("nomanager") + ",,,,,nobody-" + UUID.randomUUID() + "@example.com",
                        reports + ",,,,," + member,
                        Fixtures.uniqueEmail("chain") + ",,,,," + noRole,
                        "a,b"));
        Map<String, Object> before = state(tenant);

        // when the file is sent as a dry run
        Api.Response answer = imports.post(tenant.adminKey(), "dryRun=true", csv);

        // then each row that would not be created is listed with its reason, on the line it starts on
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode check = answer.json();
        assertThat(check.path("dryRun").asBoolean()).isTrue();
        assertThat(check.path("totalRows").asInt()).isEqualTo(12);
        assertThat(check.path("valid").asInt()).isEqualTo(3);
        assertThat(check.path("alreadyMember").asInt()).isEqualTo(1);
        assertThat(check.path("failed").asInt()).isEqualTo(8);
        assertThat(check.path("seatsAvailable").asInt()).isEqualTo(24);
        Map<Integer, String> codes = new HashMap<>();
        check.path("rows")
                .forEach(row -> codes.put(
                        row.path("row").asInt(), row.path("error").path("code").asString()));
        assertThat(codes)
                .containsEntry(4, "validation_failed")
                .containsEntry(6, "")
                .containsEntry(7, "validation_failed")
                .containsEntry(8, "duplicate_email")
                .containsEntry(9, "unknown_role")
                .containsEntry(10, "unknown_group")
                .containsEntry(11, "unknown_manager")
                .containsEntry(13, "manager_row_failed")
                .containsEntry(14, "malformed_row")
                .hasSize(9);
        JsonNode memberRow = row(check, 6);
        assertThat(memberRow.path("outcome").asString()).isEqualTo("already_member");
        assertThat(row(check, 4).path("error").path("field").asString()).isEqualTo("lastName");
        assertThat(row(check, 8).path("error").path("message").asString()).isEqualTo("is also on row 3");
        assertThat(row(check, 9).path("error").path("message").asString()).contains("\"nosuchrole\"");

        // and nothing changed: no user, seat, invitation, audit event or stored import
        assertThat(state(tenant)).isEqualTo(before);
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void aDryRunSaysWhichRowsWouldFindThePlanFull() {
        // given a starter organization (5 seats) with one member
        Tenant tenant = fixtures.tenant("starter");
        fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("first"));
        List<String> rows = IntStream.range(0, 6)
                .mapToObj(i -> Fixtures.uniqueEmail("seat" + i))
                .toList();

        // when six new people are checked
        JsonNode check = imports.post(tenant.adminKey(), "dryRun=true", Imports.csv("email", rows))
                .json();

        // then four fit and the last two would find every seat taken
        assertThat(check.path("seatsAvailable").asInt()).isEqualTo(4);
        assertThat(check.path("valid").asInt()).isEqualTo(4);
        assertThat(check.path("failed").asInt()).isEqualTo(2);
        assertThat(check.path("rows").findValuesAsString("code"))
                .containsExactly("seat_limit_reached", "seat_limit_reached");
        assertThat(check.path("rows").get(0).path("row").asInt()).isEqualTo(6);
    }

    @Test
    void rolesTheCallerMayNotGiveAndGroupsItMayNotPlaceInAreReportedPerRow() {
        // given a key that may create and invite users but holds neither roles:manage nor groups:manage
        Tenant tenant = fixtures.tenant("business");
        String inviter = fixtures.keyWith(tenant.organizationId(), "users:write", "users:invite");
        assertThat(api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Ops"))
                        .status())
                .isEqualTo(201);
        String plain = Fixtures.uniqueEmail("plain");

        // when its file gives one person the admin role and puts another in a group
        JsonNode check = imports.post(
                        inviter,
                        "dryRun=true",
                        Imports.csv(
                                "email,roles,groups",
                                List.of(
                                        plain + ",,",
                                        Fixtures.uniqueEmail("admin") + ",admin,",
                                        Fixtures.uniqueEmail("grouped") + ",,Ops")))
                .json();

        // then the plain row is fine and the other two fail as a create would
        assertThat(check.path("valid").asInt()).isEqualTo(1);
        assertThat(check.path("rows").findValuesAsString("code"))
                .containsExactly("permission_required", "permission_required");
        assertThat(check.path("rows").findValuesAsString("field")).containsExactly("roles", "groups");
    }

    @Test
    void cellsAreNeverEchoedWithTheirControlOrDirectionCharacters() {
        Tenant tenant = fixtures.tenant("business");
        String trojan = "exe.\u202Egpj";

        JsonNode role = imports.post(
                        tenant.adminKey(),
                        "dryRun=true",
                        Imports.csv("email,roles", List.of(Fixtures.uniqueEmail("trojan") + "," + trojan)))
                .json();
        JsonNode header = imports.post(tenant.adminKey(), "dryRun=true", "email,na\u0007me\na@example.com,x\n")
                .json();

        String message = role.path("rows").get(0).path("error").path("message").asString();
        assertThat(message).contains("exe.\\u202egpj").doesNotContain("\u202E");
        String column = header.path("errors").get(0).path("message").asString();
        assertThat(column).startsWith("\"na\\u0007me\"").doesNotContain("\u0007");
    }

    private static JsonNode row(JsonNode check, int number) {
        for (JsonNode row : check.path("rows")) {
            if (row.path("row").asInt() == number) {
                return row;
            }
        }
        throw new AssertionError("no row " + number + " in " + check);
    }

    /** What a dry run must leave as it was: users, seats, queued mail and audit events of the organization. */
    private Map<String, Object> state(Tenant tenant) {
        UUID org = UUID.fromString(tenant.organizationId());
        return Map.of(
                "users",
                jdbc.sql("SELECT count(*) FROM users WHERE organization_id = :org")
                        .param("org", org)
                        .query(Long.class)
                        .single(),
                "seats",
                jdbc.sql("SELECT organization_seats_used(:org)")
                        .param("org", org)
                        .query(Integer.class)
                        .single(),
                "mail",
                jdbc.sql("SELECT count(*) FROM outbox_messages WHERE organization_id = :org")
                        .param("org", org)
                        .query(Long.class)
                        .single(),
                "audit",
                jdbc.sql("SELECT count(*) FROM audit_events WHERE organization_id = :org")
                        .param("org", org)
                        .query(Long.class)
                        .single(),
                "imports",
                jdbc.sql("SELECT count(*) FROM imports WHERE organization_id = :org")
                        .param("org", org)
                        .query(Long.class)
                        .single());
    }
}
