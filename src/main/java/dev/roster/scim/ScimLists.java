package dev.roster.scim;

import tools.jackson.databind.node.ObjectNode;

/** The ListResponse envelope (RFC 7644 section 3.4.2). */
final class ScimLists {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ScimLists() {}

    static void fill(ObjectNode list, long total, int startIndex) {
        list.putArray("schemas").add(SCHEMA);
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
    }
}
