package dev.roster.shared;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a PATCH body into a {@link Patch}: unknown fields and wrong types are 400s, as in any other body. */
@Component
public class PatchReader {

    private final JsonMapper json;

    public PatchReader(JsonMapper json) {
        this.json = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public <T> Patch<T> read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "malformed_json",
                    "The request body must be a JSON object.");
        }
        Set<String> present = new HashSet<>(body.propertyNames());
        try {
            return new Patch<>(json.treeToValue(body, type), present);
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "unknown_field",
                    "The request has a field this endpoint does not accept: " + e.getPropertyName() + ".",
                    List.of(new FieldViolation(e.getPropertyName(), "is not a known field")),
                    java.util.Map.of());
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getPropertyName();
            throw ProblemException.invalid(field, "has the wrong type");
        }
    }
}
