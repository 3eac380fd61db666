package dev.roster.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.roster.shared.Cursor;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every list's tail writes its row count into the statement, where a bound {@code LIMIT} made PostgreSQL plan each
 * page again (docs/performance.md): the cursor is bound, the count is not.
 */
class KeysetTest {

    @Test
    void theRowCountIsWrittenIntoTheStatementAndTheCursorIsBound() {
        Map<String, Object> params = new HashMap<>();
        assertThat(Keyset.after("created_at", null, 21, params)).isEqualTo(" ORDER BY created_at, id LIMIT 21");
        assertThat(params).isEmpty();

        Cursor cursor = new Cursor(Instant.parse("2026-12-07T10:00:00Z"), UUID.randomUUID());
        assertThat(Keyset.after("u.created_at", "u.id", cursor, 101, params))
                .isEqualTo(" AND (u.created_at, u.id) > (:afterAt, :afterId) ORDER BY u.created_at, u.id LIMIT 101");
        assertThat(params).containsOnlyKeys("afterAt", "afterId");

        params.clear();
        assertThat(Keyset.before("created_at", cursor, 11, params))
                .isEqualTo(" AND (created_at, id) < (:beforeAt, :beforeId) ORDER BY created_at DESC, id DESC LIMIT 11");
        assertThat(params).containsOnlyKeys("beforeAt", "beforeId");
    }

    @Test
    void aNegativeRowCountIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Keyset.limit(-1));
    }
}
