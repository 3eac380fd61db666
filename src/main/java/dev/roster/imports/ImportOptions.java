package dev.roster.imports;

import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What every row of an import is created with.
 *
 * @param sendInvitation whether each new user is invited by email; true when omitted
 * @param invitationType link (the default) or temporary_password
 * @param expiresInDays how long each invitation stays valid, 1 to 30; 7 when omitted
 * @param defaultRole the role of rows whose roles cell is empty; user when omitted
 */
public record ImportOptions(
        Boolean sendInvitation,

        @Schema(
                maxLength = 40,
                allowableValues = {"link", "temporary_password"})
        String invitationType,

        Integer expiresInDays,
        @Schema(maxLength = 100) String defaultRole) {

    /** The options with their defaults, checked; 400 naming the parameter. */
    ImportOptions checked() {
        String type = invitationType == null ? "link" : invitationType;
        if (!type.equals("link") && !type.equals("temporary_password")) {
            throw ProblemException.invalid("invitationType", "must be link or temporary_password");
        }
        int days = expiresInDays == null ? 7 : expiresInDays;
        if (days < 1 || days > 30) {
            throw ProblemException.invalid("expiresInDays", "must be between 1 and 30");
        }
        String role = defaultRole == null ? "user" : Text.required("defaultRole", defaultRole, 100);
        return new ImportOptions(sendInvitation == null || sendInvitation, type, days, role);
    }
}
