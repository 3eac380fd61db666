package dev.roster.shared.database;

import dev.roster.shared.Cursor;
import java.util.Map;

/**
 * The tail every list query shares: start strictly after the cursor's (time, id) pair, order by it, fetch one row
 * more than the page so that the caller knows whether another page follows.
 *
 * <p>The row count is written into the statement as a number, not bound: PostgreSQL plans a bound {@code LIMIT} as
 * if it kept a tenth of the rows, so the plan it would cache for a list looks dear beside one made for the
 * values, and it planned every page again (about 300 µs of its CPU, three times what running the page costs). A
 * written count keeps one cached plan per page size; it is an {@code int} the code computed, never a string.
 */
public final class Keyset {

    private Keyset() {}

    /**
     * Returns {@code AND (time, id) > (...) ORDER BY time, id LIMIT n} and puts its parameters in {@code params}.
     *
     * @param timeColumn the indexed timestamp column, such as {@code created_at}; a constant, never user input
     */
    public static String after(String timeColumn, Cursor after, int fetch, Map<String, Object> params) {
        return after(timeColumn, "id", after, fetch, params);
    }

    /** As {@link #after(String, Cursor, int, Map)} with a qualified id column, for queries that join. */
    public static String after(
            String timeColumn, String idColumn, Cursor after, int fetch, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (after != null) {
            sql.append(" AND (")
                    .append(timeColumn)
                    .append(", ")
                    .append(idColumn)
                    .append(") > (:afterAt, :afterId)");
            params.put("afterAt", Rows.timestamp(after.createdAt()));
            params.put("afterId", after.id());
        }
        return sql.append(" ORDER BY ")
                .append(timeColumn)
                .append(", ")
                .append(idColumn)
                .append(limit(fetch))
                .toString();
    }

    /**
     * The newest-first tail: {@code AND (time, id) < (...) ORDER BY time DESC, id DESC LIMIT n}, for a list read
     * from its end; the cursor is the last row of the previous page, as with {@link #after}.
     */
    public static String before(String timeColumn, Cursor before, int fetch, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (before != null) {
            sql.append(" AND (").append(timeColumn).append(", id) < (:beforeAt, :beforeId)");
            params.put("beforeAt", Rows.timestamp(before.createdAt()));
            params.put("beforeId", before.id());
        }
        return sql.append(" ORDER BY ")
                .append(timeColumn)
                .append(" DESC, id DESC")
                .append(limit(fetch))
                .toString();
    }

    /** {@code " LIMIT n"}, the count written as a number (see the class comment). */
    public static String limit(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("a negative row count: " + rows);
        }
        return " LIMIT " + rows;
    }
}
