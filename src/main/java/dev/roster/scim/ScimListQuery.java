package dev.roster.scim;

import java.util.List;

/**
 * A list request's parameters (RFC 7644 section 3.4.2).
 *
 * @param startIndex 1-based
 * @param count how many to return; 0 answers totalResults only
 */
record ScimListQuery(String filter, int startIndex, int count, List<String> attributes, List<String> excluded) {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1000;

    static ScimListQuery of(
            String filter, Integer startIndex, Integer count, String attributes, String excludedAttributes) {
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
        return new ScimListQuery(
                filter == null || filter.isBlank() ? null : filter,
                start,
                size,
                ScimJson.list(attributes),
                ScimJson.list(excludedAttributes));
    }
}
