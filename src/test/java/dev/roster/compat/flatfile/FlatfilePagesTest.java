package dev.roster.compat.flatfile;

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
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A numbered page far into the list loads that page's rows only, in one query. */
@RosterTest
class FlatfilePagesTest extends ApiTestBase {

    /** A statement that reads users' rows (not their count). */
    private static final Pattern USER_ROWS = Pattern.compile("(?is)^(?!.*count\\().*\\bFROM\\s+users\\s+u\\b.*");

    @Autowired
    FlatfileUserLists lists;

    @Autowired
    ApiKeyService keys;

    @Test
    void aLaterPageIsOneQueryForItsOwnRows() {
        Tenant tenant = fixtures.tenant("enterprise");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created(tenant, Fixtures.uniqueEmail("paged")));
        }
        Caller caller = keys.authenticate(tenant.adminKey()).orElseThrow();
        AtomicReference<FlatfileUserPage> page = new AtomicReference<>();

        List<String> sql = Statements.recordedDuring(
                () -> page.set(lists.list(caller, new FlatfileUserLists.Query(null, null, null, null), 2, 3)));

        List<String> rowReads =
                sql.stream().filter(s -> USER_ROWS.matcher(s).matches()).toList();
        assertThat(rowReads).as("statements that read user rows").hasSize(1);
        assertThat(rowReads.get(0)).containsIgnoringCase("OFFSET");
        assertThat(page.get().data()).extracting(FlatfileUser::id).containsExactly(FlatfileIds.USER + ids.get(4));
        assertThat(page.get().pagination()).isEqualTo(new FlatfileUserPage.Pagination(3, 3, 5));
    }

    /** A user without an invitation, so that no mail is sent; returns its id. */
    private String created(Tenant tenant, String email) {
        var created = api.post("/v1/users", tenant.adminKey(), Map.of("email", email, "sendInvitation", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }
}
