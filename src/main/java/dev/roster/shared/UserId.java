package dev.roster.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of a user. */
public record UserId(@JsonValue UUID value) {

    public static UserId of(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
