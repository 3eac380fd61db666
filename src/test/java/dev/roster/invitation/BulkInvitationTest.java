package dev.roster.invitation;

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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Inviting many people at once: each address its own result, the seat limit held, nothing undone by a failure. */
@RosterTest
class BulkInvitationTest extends ApiTestBase {

    @Test
    void eachAddressGetsItsOwnResultAndAFullPlanSaysHowManyFit() {
        // given a starter organization (5 seats) with one member already
        Tenant tenant = fixtures.tenant("starter");
        String member = Fixtures.uniqueEmail("already");
        fixtures.user(tenant.adminKey(), member);
        List<String> emails = new ArrayList<>(List.of(member, "not an email"));
        IntStream.range(0, 6).forEach(i -> emails.add(Fixtures.uniqueEmail("bulk" + i)));

        // when all eight are invited in one request
        Api.Response answer =
                api.post("/v1/invitations/bulk", tenant.adminKey(), Map.of("emails", emails, "roles", List.of("user")));

        // then the member is already one, the bad address is invalid, four fit and two find the plan full
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode results = answer.json().path("results");
        assertThat(answer.json().path("seatsAvailable").asInt()).isEqualTo(4);
        assertThat(answer.json().path("invited").asInt()).isEqualTo(4);
        assertThat(results.get(0).path("status").asString()).isEqualTo("already_member");
        assertThat(results.get(1).path("status").asString()).isEqualTo("invalid");
        for (int i = 2; i < 6; i++) {
            assertThat(results.get(i).path("status").asString()).isEqualTo("invited");
            assertThat(results.get(i).path("userId").asString()).isNotBlank();
        }
        assertThat(results.get(6).path("status").asString()).isEqualTo("seats_full");
        assertThat(results.get(7).path("code").asString()).isEqualTo("seat_limit_reached");
        for (int i = 2; i < 6; i++) {
            assertThat(MailServer.await(emails.get(i), 1)).hasSize(1);
        }
        assertThat(api.get("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY)
                        .json()
                        .path("seatsUsed")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void aRequestItselfWrongIsRefusedWhole() {
        Tenant tenant = fixtures.tenant("business");
        String twice = Fixtures.uniqueEmail("twice");
        List<String> tooMany = IntStream.range(0, 101)
                .mapToObj(i -> Fixtures.uniqueEmail("many"))
                .toList();
        String reader = fixtures.keyWith(tenant.organizationId(), "users:read");

        Api.Response duplicate = api.post(
                "/v1/invitations/bulk", tenant.adminKey(), Map.of("emails", List.of(twice, twice.toUpperCase())));
        Api.Response overLimit = api.post("/v1/invitations/bulk", tenant.adminKey(), Map.of("emails", tooMany));
        Api.Response notAllowed =
                api.post("/v1/invitations/bulk", reader, Map.of("emails", List.of(Fixtures.uniqueEmail("x"))));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.text()).contains("emails[1]");
        assertThat(overLimit.status()).isEqualTo(400);
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(MailServer.messagesFor(twice)).isEmpty();
    }
}
