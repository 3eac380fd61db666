package dev.roster.shared;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The error body of a family of paths that is not Roster's own API: a compatibility surface answers every failure,
 * from a filter's 401 or 429 to a controller's 409, in the shape its page documents. A dialect is a Spring bean;
 * {@link Problems} finds it by the failed request's path, and paths no dialect claims answer as problem+json.
 */
public interface ErrorDialect {

    /** The paths this dialect words errors for, as Spring path patterns such as {@code /api/app/**}. */
    List<String> paths();

    /** The body to send for a failure; it is written as JSON. */
    Object body(Failure failure);

    /**
     * The status to answer a failure with: Roster's own, unless the page documents another for the same failure
     * (Polytomic answers invalid fields with 422, where Roster says 400). {@link #body} sees the status chosen here.
     */
    default HttpStatus status(Failure failure) {
        return failure.status();
    }

    /** The content type of the error body: JSON, unless the surface's specification names its own. */
    default MediaType contentType() {
        return MediaType.APPLICATION_JSON;
    }
}
