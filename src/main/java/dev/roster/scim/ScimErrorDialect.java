package dev.roster.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.shared.ErrorDialect;
import dev.roster.shared.Failure;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Every failure under {@code /scim/v2} in SCIM's error shape (RFC 7644 section 3.12): {@code status} as a string and
 * a {@code scimType} where the RFC has one. A full plan stays 403 naming the limit: Okta reads a 409 as "the user
 * exists" and would link instead of reporting.
 */
@Component
class ScimErrorDialect implements ErrorDialect {

    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");
    static final String SCIM_JSON_VALUE = "application/scim+json";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** SCIM's own failures carry their scimType in the code, after this prefix. */
    static final String SCIM_CODE = "scim_";

    private static final Map<String, String> SCIM_TYPES = Map.of(
            "email_taken", "uniqueness",
            "user_name_taken", "uniqueness",
            "external_id_taken", "uniqueness",
            "name_taken", "uniqueness",
            "validation_failed", "invalidValue",
            "malformed_json", "invalidSyntax",
            "unknown_field", "invalidSyntax");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScimError(List<String> schemas, String status, String scimType, String detail) {}

    @Override
    public List<String> paths() {
        return List.of("/scim/**");
    }

    @Override
    public MediaType contentType() {
        return SCIM_JSON;
    }

    @Override
    public HttpStatus status(Failure failure) {
        return "user_deleted".equals(failure.code()) ? HttpStatus.NOT_FOUND : failure.status();
    }

    @Override
    public Object body(Failure failure) {
        String code = failure.code();
        String scimType = code.startsWith(SCIM_CODE) ? code.substring(SCIM_CODE.length()) : SCIM_TYPES.get(code);
        String detail = "user_deleted".equals(code) ? "User not found." : failure.message();
        return new ScimError(List.of(ERROR), Integer.toString(failure.status().value()), scimType, detail);
    }
}
