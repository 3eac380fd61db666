package dev.roster.compat.recomly;

import dev.roster.shared.ErrorDialect;
import dev.roster.shared.Failure;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every failure under {@code /api/app/}, a controller's refusal as much as a filter's 401 or 429, as a {@link RecomlyError}. */
@Component
class RecomlyErrorDialect implements ErrorDialect {

    @Override
    public List<String> paths() {
        return List.of("/api/app/**");
    }

    @Override
    public Object body(Failure failure) {
        return new RecomlyError(failure.message());
    }
}
