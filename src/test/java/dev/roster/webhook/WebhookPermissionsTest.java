package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.Receiver;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** What webhooks:manage alone may not do: read through a subscription, or silence another caller's webhooks. */
@RosterTest
class WebhookPermissionsTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final Receiver receiver = Receiver.started();

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void subscribingToAnEventTypeNeedsTheReadPermissionsOfWhatItCarries() {
        // given keys that may manage webhooks, with and without the read permissions of users and their history
        String hooksOnly = fixtures.keyWith(tenant.organizationId(), "webhooks:manage");
        String noAudit = fixtures.keyWith(tenant.organizationId(), "webhooks:manage", "users:read");
        String noUsers = fixtures.keyWith(tenant.organizationId(), "webhooks:manage", "audit:read");
        String reader = fixtures.keyWith(tenant.organizationId(), "webhooks:manage", "users:read", "audit:read");

        // when each subscribes to user events, then only the one that may read users and their history may
        assertRefused(subscribe(hooksOnly, "user.created"), "users:read");
        assertRefused(subscribe(noAudit, "user.updated"), "audit:read");
        assertRefused(subscribe(noUsers, "invitation.sent"), "users:read");
        assertRefused(subscribe(reader, "role.created"), "roles:read");
        assertRefused(subscribe(reader, "*"), null);
        assertThat(subscribe(reader, "user.created").status()).isEqualTo(201);
        assertThat(subscribe(Api.PLATFORM_KEY, "*").status()).isEqualTo(201);
    }

    @Test
    void changingAnEndpointNeedsTheReadPermissionsOfWhatItIsSubscribedTo() {
        // given an endpoint for user events, added by an admin
        String endpoint = subscribe(tenant.adminKey(), "user.deleted")
                .json()
                .path("endpoint")
                .path("id")
                .asString();
        String hooksOnly = fixtures.keyWith(tenant.organizationId(), "webhooks:manage");

        // when a key with webhooks:manage alone points it elsewhere or widens it, then it is refused
        assertRefused(
                api.patch(
                        "/v1/webhook-endpoints/" + endpoint,
                        hooksOnly,
                        Map.of("url", receiver.url("/elsewhere/" + tenant.organizationId()))),
                "users:read");
        assertRefused(
                api.patch("/v1/webhook-endpoints/" + endpoint, hooksOnly, Map.of("events", List.of("user.created"))),
                "users:read");
        assertThat(api.get("/v1/webhook-endpoints/" + endpoint, hooksOnly).field("url"))
                .doesNotContain("/elsewhere/");
    }

    @Test
    void xDisableHooksFromACallerWithoutWebhooksManageIsIgnored() {
        // given an endpoint for user events and a key that may create users but not manage webhooks
        String path = "/quiet/" + tenant.organizationId();
        assertThat(api.post(
                                "/v1/webhook-endpoints",
                                tenant.adminKey(),
                                Map.of("url", receiver.url(path), "events", List.of("user.created")))
                        .status())
                .isEqualTo(201);
        String writer = fixtures.keyWith(tenant.organizationId(), "users:read", "users:write");

        // when it asks for its change to send no webhooks
        var created = api.send(
                "POST",
                "/v1/users",
                writer,
                Map.of("email", Fixtures.uniqueEmail("unheard"), "sendInvitation", false),
                Map.of("X-Disable-Hooks", "true"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        // then the change is delivered all the same
        await().atMost(Duration.ofSeconds(15))
                .until(() -> receiver.at(path).stream()
                        .anyMatch(r -> JSON.readTree(r.body())
                                .path("data")
                                .path("objectId")
                                .asString()
                                .equals(created.field("id"))));
    }

    private Api.Response subscribe(String key, String event) {
        String url = receiver.url("/subscribed/" + tenant.organizationId());
        String path = key.equals(Api.PLATFORM_KEY)
                ? "/v1/organizations/" + tenant.organizationId() + "/webhook-endpoints"
                : "/v1/webhook-endpoints";
        return api.post(path, key, Map.of("url", url, "events", List.of(event)));
    }

    private static void assertRefused(Api.Response response, String permission) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.field("code")).isEqualTo("permission_required");
        if (permission != null) {
            assertThat(response.json().path("permission").asString()).isEqualTo(permission);
        }
    }
}
