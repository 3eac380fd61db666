package dev.roster.console;

import dev.roster.shared.ProblemException;
import dev.roster.user.UserQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The members page's search, filters and order as its URL carries them, so that every view is a bookmark: a prefix
 * of email or name, a status (deleted among them), a role, a group, "not signed in for N days", and the order.
 *
 * @param inactiveDays members not signed in for this many days (those who never did included); null for any
 * @param sort {@code created} or {@code name}; null for created
 */
record MemberFilters(String q, String status, String role, UUID group, Integer inactiveDays, String sort) {

    static MemberFilters of(String q, String status, String role, String group, String inactive, String sort) {
        return new MemberFilters(
                Forms.blankToNull(q),
                Forms.blankToNull(status),
                Forms.blankToNull(role),
                group(group),
                days(inactive),
                Forms.blankToNull(sort));
    }

    /** The user list's query; deleted members are a list of their own in the API, a status among others here. */
    UserQuery query(Instant now) {
        boolean deleted = "deleted".equals(status);
        Instant lastLoginBefore = inactiveDays == null ? null : now.minus(Duration.ofDays(inactiveDays));
        return new UserQuery(
                deleted ? null : status, role, q, null, null, deleted ? true : null, group, lastLoginBefore, sort);
    }

    public boolean deleted() {
        return "deleted".equals(status);
    }

    public boolean byName() {
        return "name".equals(sort);
    }

    /** This view's URL at a position (null for the first page). */
    public String link(String cursor) {
        return link(sort, cursor);
    }

    /** This view's first page in another order. */
    public String sortedBy(String order) {
        return link("created".equals(order) ? null : order, null);
    }

    /** The query string of this view (no position), for the CSV export. */
    public String parameters() {
        return link(sort, null).substring("/console/members".length());
    }

    private String link(String order, String cursor) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "q", q);
        add(query, "status", status);
        add(query, "role", role);
        add(query, "group", group == null ? null : group.toString());
        add(query, "inactive", inactiveDays == null ? null : inactiveDays.toString());
        add(query, "sort", order);
        add(query, "cursor", cursor);
        return "/console/members" + query;
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static UUID group(String text) {
        String value = Forms.blankToNull(text);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("group", "is not a group of this organization");
        }
    }

    private static Integer days(String text) {
        String value = Forms.blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= 3650) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other number out of range
        }
        throw ProblemException.invalid("inactive", "must be a number of days from 1 to 3650");
    }
}
