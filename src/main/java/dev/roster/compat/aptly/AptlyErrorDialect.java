package dev.roster.compat.aptly;

import dev.roster.compat.Timestamps;
import dev.roster.shared.ErrorDialect;
import dev.roster.shared.Failure;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every failure under {@code /v1/user/} and {@code /auth/v1/} in Aptly's envelope with {@code data: null}. Roster's
 * own {@code /v1/users/} (plural) is not claimed and keeps answering problem+json.
 */
@Component
class AptlyErrorDialect implements ErrorDialect {

    @Override
    public List<String> paths() {
        return List.of("/v1/user/**", "/auth/v1/**");
    }

    @Override
    public Object body(Failure failure) {
        return new AptlyEnvelope<>(
                failure.status().value(), Timestamps.millis(failure.timestamp()), failure.message(), null);
    }
}
