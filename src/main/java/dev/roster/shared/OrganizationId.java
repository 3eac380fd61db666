package dev.roster.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of an organization. */
public record OrganizationId(@JsonValue UUID value) {

    public static OrganizationId of(String text) {
        return new OrganizationId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
