package dev.roster.compat.flatfile;

import dev.roster.shared.ErrorDialect;
import dev.roster.shared.Failure;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every failure of Flatfile's paths, a controller's refusal as much as a filter's 401 or 429, as {@link
 * FlatfileErrors}: all of {@code /flatfile/}, and at the root only {@code /v1/users/invite} and the paths that name a
 * {@code us_usr_} user; the rest of {@code /v1/users} is Roster's own API and answers problem+json.
 */
@Component
class FlatfileErrorDialect implements ErrorDialect {

    @Override
    public List<String> paths() {
        return List.of("/flatfile/**", "/v1/users/invite", "/v1/users/" + FlatfileIds.USER + "*/**");
    }

    @Override
    public Object body(Failure failure) {
        if (!failure.errors().isEmpty()) {
            return new FlatfileErrors(failure.errors().stream()
                    .map(e -> new FlatfileErrors.Entry(e.field(), e.message()))
                    .toList());
        }
        return new FlatfileErrors(List.of(new FlatfileErrors.Entry(failure.code(), failure.detail())));
    }
}
