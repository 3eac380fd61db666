package dev.roster.shared;

/**
 * A route whose request body may be larger than the {@link BodySizeLimitFilter#MAX_BYTES} every other route
 * allows, such as a CSV import. A feature declares one as a bean; the filter applies the largest that matches.
 *
 * @param method the HTTP method, such as POST
 * @param pathPattern a path pattern of Spring's syntax, such as {@code /v1/organizations/{orgId}/imports}
 * @param maxBytes the most the body may hold
 */
public record LargeBody(String method, String pathPattern, long maxBytes) {}
