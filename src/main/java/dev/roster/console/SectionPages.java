package dev.roster.console;

import dev.roster.shared.Page;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page links of one keyset-paged section of a page that has two (a member's reports and audit trail): each link
 * moves this section's cursor, keeps the other section's, and jumps to the section's heading.
 *
 * @param first the link to the section's first page; null on the first page
 * @param next the link to the section's next page; null on the last page
 */
record SectionPages(String first, String next) {

    /**
     * The links of the section whose cursor parameter is {@code name}, shown at {@code cursor} (null on its first
     * page), keeping the other section's cursor (left out when null); none for a section not shown.
     */
    static SectionPages of(
            String path, String name, String cursor, Page<?> page, String otherName, String otherCursor) {
        if (page == null) {
            return new SectionPages(null, null);
        }
        String anchor = "#" + name + "-heading";
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put(otherName, otherCursor);
        Map<String, String> next = new LinkedHashMap<>(kept);
        next.put(name, page.nextCursor());
        return new SectionPages(
                cursor == null ? null : Forms.link(path, kept) + anchor,
                page.nextCursor() == null ? null : Forms.link(path, next) + anchor);
    }
}
