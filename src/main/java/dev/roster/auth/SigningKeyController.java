package dev.roster.auth;

import dev.roster.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Signing keys", description = "The keys that sign Roster's JWTs, published at /.well-known/jwks.json")
class SigningKeyController {

    private final SigningKeyService keys;

    SigningKeyController(SigningKeyService keys) {
        this.keys = keys;
    }

    @PostMapping("/v1/signing-keys/rotate")
    @Operation(
            summary = "Rotate the JWT signing keys now (platform key only); the new key signs once all nodes know it")
    RotatedSigningKey rotate(@AuthenticationPrincipal Caller caller) {
        return keys.rotate(caller);
    }
}
