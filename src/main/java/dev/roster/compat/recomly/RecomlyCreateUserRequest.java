package dev.roster.compat.recomly;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of Recomly's create user, field for field. Any other field is refused with 400, as in Roster's own API,
 * so that a misspelt {@code sendInvitation} cannot silently send an invitation.
 *
 * @param email unique across the platform (while Roster's email-unique-across-platform setting is on, its default)
 * @param roles ["admin"] or ["user"]; ["user"] when omitted
 * @param allowPasswordAuth false makes an SSO-only user, which needs an enabled SSO provider; true when omitted
 * @param sendInvitation whether to email a temporary password; true when omitted, never for SSO-only users
 */
@Schema(name = "RecomlyCreateUserRequest")
record RecomlyCreateUserRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "carol@acmeplumbing.com")
        String email,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Carol")
        String firstName,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Kim")
        String lastName,

        @ArraySchema(schema = @Schema(allowableValues = {"admin", "user"}))
        List<String> roles,

        Boolean allowPasswordAuth,
        Boolean sendInvitation) {}
