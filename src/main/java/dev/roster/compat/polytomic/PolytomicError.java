package dev.roster.compat.polytomic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Polytomic's error body (its ApiError schema).
 *
 * @param status the HTTP status again
 * @param key a stable machine name: Roster's problem code, such as {@code seat_limit_reached}
 * @param metadata the request id, the invalid fields by name, and the failure's other facts (seatLimit...)
 */
record PolytomicError(
        int status,
        String message,
        String key,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata) {}
