package dev.roster.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items and the opaque cursor of the next page (null on the last page).
 */
public record Page<T>(List<T> data, String nextCursor) {

    /**
     * Builds a page from a query that fetched one row more than the limit: the extra row only says that a next
     * page exists, and the last row kept gives its cursor.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, Cursor> cursorOf) {
        return ofEncoded(fetched, limit, item -> cursorOf.apply(item).encode());
    }

    /** As {@link #of}, for a list in another order whose cursor encodes its own position. */
    public static <T> Page<T> ofEncoded(List<T> fetched, int limit, Function<T, String> encodedCursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> kept = fetched.subList(0, limit);
        return new Page<>(List.copyOf(kept), encodedCursorOf.apply(kept.get(limit - 1)));
    }
}
