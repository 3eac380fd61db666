package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log page: newest first, filters by actor, action, object and days, and links to each object. */
@RosterTest
class ConsoleAuditTest extends ConsoleTestBase {

    private Tenant tenant;
    private Member admin;

    @BeforeEach
    void signedInAdmin() {
        tenant = fixtures.tenant("business");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
    }

    @Test
    void eventsAreNewestFirstAndLinkToTheirObjectsAndActors() {
        // given a user, then a role, made by the admin's key
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("audited"));
        String role = api.post(
                        "/v1/roles",
                        tenant.adminKey(),
                        Map.of("name", "r " + UUID.randomUUID(), "permissions", List.of()))
                .field("id");
        String keyActor = api.get("/v1/users/" + user, tenant.adminKey()).field("createdBy");

        // when the admin opens the log
        HttpResponse<String> page = admin.browser().get("/console/audit");

        // then the role's event comes before the user's, each linking to its page, and the key to the key list
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        int roleRow = body.indexOf("href=\"/console/roles/" + role + "\"");
        int userRow = body.indexOf("href=\"/console/members/" + user + "\"");
        assertThat(roleRow).isPositive();
        assertThat(userRow).isGreaterThan(roleRow);
        assertThat(body).contains("<a href=\"/console/api-keys\">" + keyActor + "</a>");
    }

    @Test
    void theFiltersNarrowTheLogAndAreKeptInTheUrl() {
        // given a group and a position
        String group =
                api.post("/v1/groups", tenant.adminKey(), Map.of("name", "Ops")).field("id");
        api.post("/v1/positions", tenant.adminKey(), Map.of("name", "Lead"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        // when the admin filters by object kind, by action with today's range, and by tomorrow
        HttpResponse<String> groups = admin.browser().get("/console/audit?targetType=group");
        HttpResponse<String> created =
                admin.browser().get("/console/audit?action=position.created&from=" + today + "&to=" + today);
        HttpResponse<String> future = admin.browser().get("/console/audit?from=" + tomorrow);
        HttpResponse<String> byObject = admin.browser().get("/console/audit?target=" + group);

        // then each holds only what matches, and the form keeps the filter
        assertThat(groups.body())
                .contains("group.created")
                .doesNotContain("position.created")
                .containsPattern("<option value=\"group\"[^>]*selected");
        assertThat(created.body()).contains("position.created").doesNotContain("group.created");
        assertThat(created.body()).contains("value=\"" + today + "\"");
        assertThat(future.body()).contains("No event matches.");
        assertThat(byObject.body())
                .contains("href=\"/console/groups/" + group + "\"")
                .doesNotContain("position.");
    }

    @Test
    void anUnreadableDayIsAFieldErrorAndAnotherOrganizationsEventsNeverShow() {
        // given an event in another organization
        Tenant other = fixtures.tenant("free");
        String foreign = api.post("/v1/groups", other.adminKey(), Map.of("name", "Elsewhere"))
                .field("id");

        // when the admin gives a day that is no day, and asks for the other organization's object
        HttpResponse<String> invalid = admin.browser().get("/console/audit?from=yesterday");
        HttpResponse<String> elsewhere = admin.browser().get("/console/audit?target=" + foreign);

        // then the first is 400 beside the field, and the second finds nothing
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("id=\"from-error\" class=\"field-error\">must be a date such as 2026-12-01");
        assertThat(elsewhere.body()).contains("No event matches.").doesNotContain(foreign + "</a>");
    }

    @Test
    void aMemberWhoOnlyReadsTheLogGetsNoLinkToPagesItCannotOpen() {
        // given a member whose role reads the audit log alone, and a change to a user
        String reader = "auditor " + UUID.randomUUID();
        api.post("/v1/roles", tenant.adminKey(), Map.of("name", reader, "permissions", List.of("audit:read")));
        Member auditor = browsers.signedIn(tenant.adminKey(), reader);
        String user = fixtures.user(tenant.adminKey(), Fixtures.uniqueEmail("seen"));

        // when it opens the log
        HttpResponse<String> page = auditor.browser().get("/console/audit");

        // then the user's events link to the log of that user, not to a member page it may not read
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/console/audit?target=" + user + "\"")
                .doesNotContain("href=\"/console/members/" + user + "\"");
        assertThat(admin.browser().get("/console/members").statusCode()).isEqualTo(200);
        assertThat(auditor.browser().get("/console/members").statusCode()).isEqualTo(403);
    }
}
