package dev.roster.console;

import java.util.Map;

/**
 * The page that shows a new secret once (an API key, a webhook's signing secret, a SCIM token): what it is, the
 * facts that go with it, and the way back. The secret itself is in the model beside it ({@link Forms#showOnce}).
 *
 * @param label what the secret is, such as "The key's secret"
 * @param facts what to show with it, in order, by label: text, or an {@link java.time.Instant} shown as a time
 */
record ShownOnce(String title, String label, Map<String, Object> facts, String back, String backLabel) {}
