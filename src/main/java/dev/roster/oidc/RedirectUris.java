package dev.roster.oidc;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of redirect URIs (OAuth 2.1 and RFC 8252): absolute, without fragment, credentials or wildcard, https,
 * or http only on a loopback host for native apps. They are compared as exact strings when used, so each is kept
 * exactly as given.
 */
final class RedirectUris {

    static final int MAX_ENTRIES = 20;
    private static final int MAX_LENGTH = 2_000;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");

    private RedirectUris() {}

    /** The list checked, or 400 naming each bad entry ({@code redirectUris[1]}). */
    static List<String> check(String field, List<String> uris, int minEntries) {
        List<String> given = uris == null ? List.of() : uris;
        if (given.size() < minEntries) {
            throw ProblemException.invalid(field, uris == null ? "is required" : "must hold at least " + minEntries);
        }
        if (given.size() > MAX_ENTRIES) {
            throw ProblemException.invalid(field, "must hold at most " + MAX_ENTRIES + " entries");
        }
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String problem = problem(given.get(i));
            if (problem == null && !seen.add(given.get(i))) {
                problem = "is listed twice";
            }
            if (problem != null) {
                problems.add(new FieldViolation(field + "[" + i + "]", problem));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return List.copyOf(given);
    }

    /** What is wrong with one URI, or null when nothing is. */
    private static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "is required";
        }
        if (text.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (text.contains("*")) {
            return "must not contain a wildcard (*): redirect URIs are matched exactly";
        }
        if (text.contains("#")) {
            return "must not have a fragment";
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a valid URI";
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            return "must be an absolute URI with a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return "must use https (http only on 127.0.0.1, [::1] or localhost)";
        }
        return null;
    }
}
