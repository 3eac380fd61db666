package dev.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@RosterTest
class AuditLogTest extends ApiTestBase {

    @Test
    void everyChangeIsRecordedWithActorRequestAndChangedFields() {
        // given
        Tenant tenant = fixtures.tenant("starter");
        var created = api.send(
                "POST",
                "/v1/users",
                tenant.adminKey(),
                Map.of("email", Fixtures.uniqueEmail("a"), "firstName", "Ann"),
                Map.of("X-Request-Id", "req-create-1"));
        String id = created.field("id");

        // when
        api.patch("/v1/users/" + id, tenant.adminKey(), Map.of("firstName", "Anne"));
        api.post("/v1/users/" + id + "/deactivate", tenant.adminKey(), null);
        api.post("/v1/users/" + id + "/reactivate", tenant.adminKey(), null);
        api.delete("/v1/users/" + id, tenant.adminKey());
        api.post("/v1/users/" + id + "/restore", tenant.adminKey(), null);

        // then
        List<JsonNode> events = events(tenant, "targetId=" + id);
        assertThat(events)
                .extracting(e -> e.path("action").asString())
                .containsExactly(
                        "user.created",
                        "user.updated",
                        "user.deactivated",
                        "user.reactivated",
                        "user.deleted",
                        "user.restored");
        JsonNode creation = events.get(0);
        assertThat(creation.path("requestId").asString()).isEqualTo("req-create-1");
        assertThat(creation.path("actor").asString()).isEqualTo(created.field("createdBy"));
        assertThat(creation.path("changes").path("firstName").path("to").asString())
                .isEqualTo("Ann");
        JsonNode update = events.get(1).path("changes");
        assertThat(update.path("firstName").path("from").asString()).isEqualTo("Ann");
        assertThat(update.path("firstName").path("to").asString()).isEqualTo("Anne");
        assertThat(update.size()).isEqualTo(1);
        assertThat(events.get(2).path("changes").path("status").path("to").asString())
                .isEqualTo("deactivated");
    }

    @Test
    void aRefusedChangeLeavesNoEvent() {
        Tenant tenant = fixtures.tenant("free");
        String email = Fixtures.uniqueEmail("x");
        fixtures.user(tenant.adminKey(), email);
        int before = events(tenant, "action=user.created").size();

        var refused = api.post("/v1/users", tenant.adminKey(), Map.of("email", Fixtures.uniqueEmail("y")));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(events(tenant, "action=user.created")).hasSize(before);
    }

    @Test
    void keysAndOrganizationChangesAreRecordedWithoutSecrets() {
        Tenant tenant = fixtures.tenant("free");
        api.patch("/v1/organizations/" + tenant.organizationId(), Api.PLATFORM_KEY, Map.of("plan", "starter"));

        List<JsonNode> events = events(tenant, "");

        assertThat(events)
                .extracting(e -> e.path("action").asString())
                .containsExactly("organization.created", "api_key.created", "organization.updated");
        assertThat(events.get(2).path("changes").path("plan").path("to").asString())
                .isEqualTo("starter");
        assertThat(events.toString()).doesNotContain(tenant.adminKey());
    }

    @Test
    void onlyAdminsReadTheLog() {
        Tenant tenant = fixtures.tenant("free");
        String reader = fixtures.key(tenant.organizationId(), "user");
        assertThat(api.get("/v1/audit-events", reader).status()).isEqualTo(403);
    }

    @Test
    void theLogFiltersByActorTargetTypeAndTimeAndReadsNewestFirst() {
        // given two keys of one organization that each change something, the second a moment later
        Tenant tenant = fixtures.tenant("business");
        String otherKey = fixtures.key(tenant.organizationId(), "admin");
        String first = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("first"));
        String between = java.time.Instant.now().toString();
        String second = fixtures.user(otherKey, Fixtures.uniqueEmail("second"));
        api.patch("/v1/users/" + second, otherKey, Map.of("firstName", "Sam"));
        String actor = api.get("/v1/users/" + second, tenant.adminKey()).field("createdBy");

        // when the log is filtered by the second key, by target type and time, and read newest first
        List<JsonNode> byActor = events(tenant, "actor=" + actor);
        List<JsonNode> usersSince = events(tenant, "targetType=user&occurredAfter=" + between);
        List<JsonNode> before = events(tenant, "targetType=user&occurredBefore=" + between);
        List<JsonNode> newest = events(tenant, "action=user.created&order=newest");

        // then each answer holds only what matches, in the order asked
        assertThat(actor).startsWith("api_key:");
        assertThat(byActor).extracting(e -> e.path("action").asString()).contains("user.created", "user.updated");
        assertThat(byActor)
                .allSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo(actor));
        assertThat(byActor)
                .noneSatisfy(e -> assertThat(e.path("targetId").asString()).isEqualTo(first));
        assertThat(usersSince).isNotEmpty();
        assertThat(usersSince).extracting(e -> e.path("targetId").asString()).containsOnly(second);
        assertThat(before).extracting(e -> e.path("targetId").asString()).containsOnly(first);
        assertThat(newest).extracting(e -> e.path("targetId").asString()).containsExactly(second, first);
    }

    @Test
    void unreadableFiltersAreFieldErrors() {
        Tenant tenant = fixtures.tenant("free");

        var refused = api.get("/v1/audit-events?occurredAfter=yesterday&order=sideways", tenant.adminKey());
        var reversed = api.get(
                "/v1/audit-events?occurredAfter=2026-12-02T00:00:00Z&occurredBefore=2026-12-01T00:00:00Z",
                tenant.adminKey());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("occurredAfter").contains("order");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.text()).contains("occurredBefore");
    }

    private List<JsonNode> events(Tenant tenant, String query) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get(
                    "/v1/audit-events?limit=2&" + query + (cursor == null ? "" : "&cursor=" + cursor),
                    tenant.adminKey());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(events::add);
            cursor = page.field("nextCursor");
        } while (cursor != null);
        return events;
    }
}
