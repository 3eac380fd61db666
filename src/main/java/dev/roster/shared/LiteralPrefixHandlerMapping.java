package dev.roster.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of requests to controller methods, which first sets aside the methods whose paths cannot
 * match. A path without variables is found by a map lookup; a path with one ({@code /v1/users/{userId}}) is tested
 * against every one of the application's three hundred mappings, each checking method, parameters, headers and
 * media types before its paths: a seventh of the CPU of a {@code GET /v1/users/{id}}. A path pattern matches only
 * paths that begin with its text up to its first variable or wildcard, so a mapping none of whose patterns' text
 * begins the request's path is left out before those checks. Paths with escapes ({@code %}) fall back to the full
 * test, as a pattern compares the decoded text.
 */
final class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

    private static final String[] ANY = {""};

    private final ThreadLocal<String> lookupPath = new ThreadLocal<>();

    /** Each mapping's prefixes, replaced whole on a change (mappings are registered at startup, read on requests). */
    private volatile Map<RequestMappingInfo, String[]> prefixes = Map.of();

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        remember(mapping);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        remember(mapping);
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        change(next -> next.remove(mapping));
    }

    private void remember(RequestMappingInfo mapping) {
        change(next -> next.put(mapping, prefixes(mapping)));
    }

    private synchronized void change(Consumer<Map<RequestMappingInfo, String[]>> change) {
        Map<RequestMappingInfo, String[]> next = new IdentityHashMap<>(prefixes);
        change.accept(next);
        prefixes = next;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String path, HttpServletRequest request) throws Exception {
        String outer = lookupPath.get();
        lookupPath.set(path.indexOf('%') < 0 ? path : null);
        try {
            return super.lookupHandlerMethod(path, request);
        } finally {
            lookupPath.set(outer);
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = lookupPath.get();
        if (path != null) {
            String[] prefixes = this.prefixes.get(info);
            if (prefixes != null && !mayMatch(prefixes, path)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    static boolean mayMatch(String[] prefixes, String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The text each path pattern of the mapping starts with; {@code [""]} (any path) when it has none. */
    static String[] prefixes(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null || condition.getPatterns().isEmpty()) {
            return ANY;
        }
        return condition.getPatterns().stream()
                .map(PathPattern::getPatternString)
                .map(LiteralPrefixHandlerMapping::literalPrefix)
                .toArray(String[]::new);
    }

    /** A pattern's text before its first variable ({@code {}}) or wildcard ({@code *}, {@code ?}). */
    static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }
}
