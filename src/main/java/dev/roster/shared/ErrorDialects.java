package dev.roster.shared;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every {@link ErrorDialect} of the application, by path: the most specific pattern that matches wins, so that a
 * surface at {@code /api/app/**} and another at {@code /api/**} can live side by side.
 */
@Component
public class ErrorDialects {

    private record Claim(PathPattern pattern, ErrorDialect dialect) {}

    private final List<Claim> claims;

    @Autowired
    ErrorDialects(ObjectProvider<ErrorDialect> dialects) {
        this(dialects.orderedStream().toList());
    }

    ErrorDialects(List<ErrorDialect> dialects) {
        Map<String, ErrorDialect> byPattern = new HashMap<>();
        dialects.forEach(dialect -> dialect.paths().forEach(path -> {
            ErrorDialect other = byPattern.putIfAbsent(path, dialect);
            if (other != null) {
                throw new IllegalStateException(path + " is claimed by two error dialects: "
                        + other.getClass().getName() + " and "
                        + dialect.getClass().getName());
            }
        }));
        this.claims = byPattern.entrySet().stream()
                .map(e -> new Claim(PathPatternParser.defaultInstance.parse(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing(Claim::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
    }

    /** The dialect of a request path; empty for Roster's own API (problem+json). */
    public Optional<ErrorDialect> forPath(String path) {
        if (path == null || path.isEmpty() || claims.isEmpty()) {
            return Optional.empty();
        }
        PathContainer container = PathContainer.parsePath(path);
        return claims.stream()
                .filter(claim -> claim.pattern().matches(container))
                .map(Claim::dialect)
                .findFirst();
    }
}
