package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sign-in", description = "Email and password sign-in, JWT access tokens and refresh tokens")
class SignInController {

    private final SignInService signIn;
    private final PasswordChangeService passwordChange;
    private final SessionService sessions;

    SignInController(SignInService signIn, PasswordChangeService passwordChange, SessionService sessions) {
        this.signIn = signIn;
        this.passwordChange = passwordChange;
        this.sessions = sessions;
    }

    @PostMapping("/v1/auth/token")
    @SecurityRequirements
    @Operation(
            summary = "Sign in: tokens for email + password or a refresh token, or a password_change_required"
                    + " challenge; 401 invalid_credentials, 403 sso_required, 429 too_many_attempts, 503"
                    + " sign_in_busy")
    SignInResult token(@RequestBody SignInRequest request) {
        return signIn.signIn(request);
    }

    @PostMapping("/v1/auth/mfa")
    @SecurityRequirements
    @Operation(
            summary = "Second step of a sign-in with MFA: the challengeToken and a code (or a recoveryCode) for"
                    + " tokens; wrong codes count toward the sign-in limit")
    SignInResult secondFactor(@RequestBody SecondFactorRequest request) {
        return signIn.withSecondFactor(request.challengeToken(), request.code(), request.recoveryCode());
    }

    @PostMapping("/v1/auth/mfa/enroll")
    @SecurityRequirements
    @Operation(
            summary = "Start enrolling an authenticator with the mfa_enrollment_required challenge: its secret,"
                    + " otpauth URI and a QR code")
    MfaEnrollment enroll(@RequestBody SecondFactorRequest request) {
        return signIn.enrollWithChallenge(request.challengeToken());
    }

    @PostMapping("/v1/auth/mfa/enroll/confirm")
    @SecurityRequirements
    @Operation(
            summary = "Confirm that authenticator with a code from it: tokens, and the ten recovery codes shown only"
                    + " in this answer")
    SignInResult confirmEnrollment(@RequestBody SecondFactorRequest request) {
        return signIn.confirmEnrollment(request.challengeToken(), request.code());
    }

    @PostMapping("/v1/auth/password")
    @Operation(
            summary = "Replace a password: with a challengeToken (once), or as a signed-in user with currentPassword;"
                    + " every refresh token of the user dies")
    SignInResult password(@AuthenticationPrincipal Caller caller, @RequestBody PasswordChangeRequest request) {
        if (request.challengeToken() != null) {
            return passwordChange.withChallenge(request.challengeToken(), request.newPassword());
        }
        if (caller != null && caller.kind() == Caller.Kind.USER) {
            return passwordChange.asSignedIn(caller, request.currentPassword(), request.newPassword());
        }
        throw SignInService.invalidToken(
                "Send the challengeToken from sign-in, or sign in and send your current password.");
    }

    @PostMapping(value = "/v1/auth/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(
            summary = "Revoke a refresh token and the tokens refreshed from it (RFC 7009): 200 whether or not the"
                    + " token was known")
    void revoke(@RequestBody RevokeRequest request) {
        sessions.revoke(required(request.token()));
    }

    @PostMapping(value = "/v1/auth/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @SecurityRequirements
    @Operation(summary = "Revoke a refresh token, form-encoded as RFC 7009 sends it")
    void revokeForm(
            @RequestParam(required = false) String token,
            @RequestParam(name = "token_type_hint", required = false) String tokenTypeHint) {
        sessions.revoke(required(token));
    }

    @GetMapping("/.well-known/jwks.json")
    @SecurityRequirements
    @Operation(summary = "The public keys that verify Roster's JWTs")
    Map<String, Object> jwks() {
        return signIn.jwks();
    }

    private static String required(String token) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalid("token", "is required");
        }
        return token;
    }
}
