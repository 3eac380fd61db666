package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Multi-factor authentication", description = "TOTP authenticators and recovery codes")
class MfaController {

    private final MfaService mfa;

    MfaController(MfaService mfa) {
        this.mfa = mfa;
    }

    @PostMapping("/v1/users/me/mfa/totp")
    @Operation(
            summary = "Start enrolling an authenticator (the signed-in user): its secret, otpauth URI and a QR code;"
                    + " 409 mfa_already_enabled")
    MfaEnrollment enroll(@AuthenticationPrincipal Caller caller) {
        return mfa.enroll(caller);
    }

    @PostMapping("/v1/users/me/mfa/totp/confirm")
    @Operation(
            summary = "Confirm the authenticator with a code from it: MFA is on, and the ten recovery codes are shown"
                    + " in this answer only")
    Map<String, List<String>> confirm(@AuthenticationPrincipal Caller caller, @RequestBody MfaCodeRequest request) {
        return Map.of("recoveryCodes", mfa.confirm(caller, request.code()));
    }

    @PostMapping("/v1/users/me/mfa/totp/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Turn off the signed-in user's authenticator with a current code from it; 409"
                    + " mfa_required_by_organization while its organization requires MFA")
    void turnOff(@AuthenticationPrincipal Caller caller, @RequestBody MfaCodeRequest request) {
        mfa.turnOff(caller, request.code());
    }

    @DeleteMapping({"/v1/users/{userId}/mfa", "/v1/organizations/{orgId}/users/{userId}/mfa"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Reset a user's MFA (users:write and every permission of the user's roles): its authenticator"
                    + " and recovery codes are removed")
    void reset(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        mfa.reset(caller, orgId, userId);
    }
}
