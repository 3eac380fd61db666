package dev.roster.compat.entryguard;

import dev.roster.shared.ErrorDialect;
import dev.roster.shared.Failure;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every failure under {@code /api/v1/}, a controller's refusal as much as a filter's 401 or 429, as an {@link EntryGuardError}. */
@Component
class EntryGuardErrorDialect implements ErrorDialect {

    @Override
    public List<String> paths() {
        return List.of("/api/v1/**");
    }

    @Override
    public Object body(Failure failure) {
        return new EntryGuardError(
                EntryGuardUser.seconds(failure.timestamp()),
                failure.status().value(),
                failure.status().getReasonPhrase(),
                failure.message(),
                failure.path());
    }
}
