package dev.roster.compat.polytomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.auth.ApiKeyService;
import dev.roster.shared.Caller;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import dev.roster.support.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Polytomic's unpaged list is read and handed over a page at a time, never all at once. */
@RosterTest
class PolytomicListTest extends ApiTestBase {

    private static final Pattern USER_ROWS = Pattern.compile("(?is)^(?!.*count\\().*\\bFROM\\s+users\\s+u\\b.*");

    @Autowired
    PolytomicUsers users;

    @Autowired
    ApiKeyService keys;

    @Test
    void eachPageIsHandedOverBeforeTheNextIsRead() {
        Tenant tenant = fixtures.tenant("enterprise");
        for (int i = 0; i < 5; i++) {
            created(tenant, Fixtures.uniqueEmail("listed"));
        }
        Caller caller = keys.authenticate(tenant.adminKey()).orElseThrow();
        List<Integer> sizes = new ArrayList<>();
        List<Long> readsBeforeEach = new ArrayList<>();

        Statements.recordedDuring(() -> users.each(caller, null, 2, page -> {
            sizes.add(page.size());
            readsBeforeEach.add(Statements.soFar().stream()
                    .filter(s -> USER_ROWS.matcher(s).matches())
                    .count());
        }));

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(readsBeforeEach)
                .as("pages of users read when each page is handed over")
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void theStreamedListHasPolytomicsShape() {
        Tenant tenant = fixtures.tenant("enterprise");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < PolytomicUserStream.PAGE + 3; i++) {
            emails.add(Fixtures.uniqueEmail("many"));
        }
        emails.forEach(email -> created(tenant, email));

        var listed = api.get("/api/organization/users", tenant.adminKey());

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("Content-Type")).startsWith("application/json");
        assertThat(listed.json().propertyNames()).containsExactly("data");
        assertThat(listed.json()
                        .path("data")
                        .valueStream()
                        .map(u -> u.path("email").asString()))
                .containsExactlyElementsOf(emails);
    }

    /** A user without an invitation, so that no mail is sent; returns its id. */
    private String created(Tenant tenant, String email) {
        var created = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "sendInvitation", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }
}
