package dev.roster.login;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Password reset as JSON, for products that show their own pages; {@code /login/forgot} is Roster's. */
@RestController
@SecurityRequirements
@Tag(name = "Sign-in")
class PasswordResetController {

    static final String SENT = "If a user with this email signs in with a password, a reset link is on its way.";

    private final PasswordResetService resets;

    PasswordResetController(PasswordResetService resets) {
        this.resets = resets;
    }

    @PostMapping("/v1/public/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Ask for a password-reset email: 202 with the same answer whether or not anyone has the email;"
                    + " the link works once, for 60 minutes")
    Map<String, String> request(@RequestBody PasswordResetRequest request) {
        resets.request(request.email());
        return Map.of("message", SENT);
    }

    @PostMapping("/v1/public/password-resets/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Set a new password with the emailed token; every refresh token of the user dies. 404"
                    + " password_reset_not_found, 410 password_reset_used or _expired, 403 sso_required")
    void confirm(@RequestBody PasswordResetConfirmation confirmation) {
        resets.complete(confirmation.token(), confirmation.newPassword());
    }
}
