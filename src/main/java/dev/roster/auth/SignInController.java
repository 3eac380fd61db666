package dev.roster.auth;

import dev.roster.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sign-in", description = "Email and password sign-in, JWT access tokens and refresh tokens")
class SignInController {

    private final SignInService signIn;

    SignInController(SignInService signIn) {
        this.signIn = signIn;
    }

    @PostMapping("/v1/auth/token")
    @SecurityRequirements
    @Operation(
            summary = "Sign in: tokens for email + password or a refresh token, or a password_change_required"
                    + " challenge; 401 invalid_credentials, 429 too_many_attempts")
    SignInResult token(@RequestBody SignInRequest request) {
        return signIn.signIn(request);
    }

    @PostMapping("/v1/auth/password")
    @Operation(summary = "Replace a password: with a challengeToken, or as a signed-in user with currentPassword")
    SignInResult password(@AuthenticationPrincipal Caller caller, @RequestBody PasswordChangeRequest request) {
        return signIn.changePassword(caller, request);
    }

    @GetMapping("/.well-known/jwks.json")
    @SecurityRequirements
    @Operation(summary = "The public keys that verify Roster's JWTs")
    Map<String, Object> jwks() {
        return signIn.jwks();
    }
}
