package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.Receiver;
import dev.roster.support.RosterTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A change through SCIM tells the rest of the product what changed, as the same change through /v1 does. */
@RosterTest
class ScimWebhookTest extends ApiTestBase {

    @RegisterExtension
    static final Receiver receiver = Receiver.started();

    @LocalServerPort
    private int port;

    @Test
    void aDirectorysCreateChangeDeactivationGroupAndDeleteAreDeliveredInOrderAsTheToken() {
        // given an organization with an endpoint for every event, and its directory's token
        Tenant tenant = fixtures.tenant("business");
        String path = "/hooks/scim/" + tenant.organizationId();
        assertThat(api.post(
                                "/v1/webhook-endpoints",
                                tenant.adminKey(),
                                Map.of("url", receiver.url(path), "events", List.of("*")))
                        .status())
                .isEqualTo(201);
        Scim scim = Scim.bearer(port, Scim.token(api, tenant.adminKey()));
        String tokenId = api.get("/v1/scim-tokens", tenant.adminKey())
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();

        // when the directory creates a user, renames it, deactivates it, puts it in a group and deletes it
        String user = scim.post("/Users", ScimUserTest.oktaUser(Fixtures.uniqueEmail("hooked")))
                .field("id");
        scim.patch("/Users/" + user, Scim.ops(Map.of("op", "replace", "path", "name.givenName", "value", "Augusta")));
        scim.patch("/Users/" + user, Scim.ops(Map.of("op", "replace", "value", Map.of("active", "False"))));
        String group = scim.post(
                        "/Groups",
                        Map.of(
                                "schemas",
                                List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                                "displayName",
                                "Hooked " + tenant.organizationId(),
                                "members",
                                List.of(Map.of("value", user))))
                .field("id");
        scim.delete("/Users/" + user);

        // then each change arrives at the endpoint, in order, naming the token as the actor
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsFor(path, user).size() >= 4);
        List<JsonNode> userEvents = eventsFor(path, user);
        assertThat(userEvents)
                .extracting(e -> e.path("type").asString())
                .containsExactly("user.created", "user.updated", "user.deactivated", "user.deleted");
        assertThat(userEvents
                        .get(1)
                        .path("data")
                        .path("changes")
                        .path("firstName")
                        .path("to")
                        .asString())
                .isEqualTo("Augusta");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !eventsFor(path, group).isEmpty());
        assertThat(eventsFor(path, group))
                .extracting(e -> e.path("type").asString())
                .startsWith("group.created");
        List<JsonNode> directorys = receiver.at(path).stream()
                .map(received -> Scim.tree(received.body()))
                .filter(event -> !event.path("type").asString().startsWith("scim_token."))
                .toList();
        assertThat(directorys).hasSizeGreaterThanOrEqualTo(5);
        assertThat(directorys)
                .allSatisfy(event ->
                        assertThat(event.path("data").path("actor").asString()).isEqualTo("scim_token:" + tokenId));
    }

    private static List<JsonNode> eventsFor(String path, String objectId) {
        return receiver.at(path).stream()
                .map(received -> Scim.tree(received.body()))
                .filter(event -> event.path("data").path("objectId").asString().equals(objectId))
                .toList();
    }
}
