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
 * media types before its paths: a seventh of the CPU of a {@code GET /v1/users/{id}}.
 *
 * <p>A path pattern matches only paths that begin with its text up to its first variable or wildcard, and, unless
 * it holds a multi-segment wildcard ({@code **}, <code>{*name}</code>), only paths of as many segments (a variable
 * never spans a {@code /}, and a trailing slash is not ignored). A mapping none of whose patterns has the request
 * path's shape is left out before those checks. Paths with escapes ({@code %}) take the full test, as a pattern
 * compares the decoded text.
 */
final class PathShapeHandlerMapping extends RequestMappingHandlerMapping {

    /** What a pattern's paths look like: the text they begin with and their number of slashes, -1 for any. */
    record Shape(String prefix, int slashes) {

        static final Shape ANY = new Shape("", -1);

        static Shape of(String pattern) {
            if (pattern.isEmpty()) {
                return ANY;
            }
            int end = pattern.length();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{' || c == '*' || c == '?') {
                    end = i;
                    break;
                }
            }
            String prefix = pattern.substring(0, end);
            if (pattern.contains("**") || pattern.contains("{*")) {
                // These match no segment too: /docs/** matches /docs.
                return new Shape(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix, -1);
            }
            return new Shape(prefix, slashesOutsideVariables(pattern));
        }

        /** A variable's regular expression may hold a slash ({@code {id:[^/]+}}); it is not a separator. */
        private static int slashesOutsideVariables(String pattern) {
            int slashes = 0;
            int depth = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (c == '/' && depth == 0) {
                    slashes++;
                }
            }
            return slashes;
        }

        boolean fits(String path, int pathSlashes) {
            return (slashes < 0 || slashes == pathSlashes) && path.startsWith(prefix);
        }
    }

    private record Lookup(String path, int slashes) {}

    private final ThreadLocal<Lookup> lookup = new ThreadLocal<>();

    /** Each mapping's shapes, replaced whole on a change (mappings are registered at startup, read on requests). */
    private volatile Map<RequestMappingInfo, Shape[]> shapes = Map.of();

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
        change(next -> next.put(mapping, shapes(mapping)));
    }

    private synchronized void change(Consumer<Map<RequestMappingInfo, Shape[]>> change) {
        Map<RequestMappingInfo, Shape[]> next = new IdentityHashMap<>(shapes);
        change.accept(next);
        shapes = next;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String path, HttpServletRequest request) throws Exception {
        Lookup outer = lookup.get();
        lookup.set(path.indexOf('%') < 0 ? new Lookup(path, slashes(path)) : null);
        try {
            return super.lookupHandlerMethod(path, request);
        } finally {
            lookup.set(outer);
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        Lookup current = lookup.get();
        if (current != null) {
            Shape[] shapes = this.shapes.get(info);
            if (shapes != null && !mayMatch(shapes, current.path(), current.slashes())) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    static boolean mayMatch(Shape[] shapes, String path, int slashes) {
        for (Shape shape : shapes) {
            if (shape.fits(path, slashes)) {
                return true;
            }
        }
        return false;
    }

    /** The shape of each path pattern of the mapping; any path's when it has none. */
    static Shape[] shapes(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null || condition.getPatterns().isEmpty()) {
            return new Shape[] {Shape.ANY};
        }
        return condition.getPatterns().stream()
                .map(PathPattern::getPatternString)
                .map(Shape::of)
                .toArray(Shape[]::new);
    }

    static int slashes(String text) {
        int slashes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '/') {
                slashes++;
            }
        }
        return slashes;
    }
}
