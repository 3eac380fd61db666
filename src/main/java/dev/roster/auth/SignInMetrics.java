package dev.roster.auth;

import dev.roster.shared.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Counts sign-ins by grant and outcome ({@code roster_sign_ins_total{grant="password",outcome="invalid_credentials"}}):
 * {@code success}, {@code challenge} (a temporary password must be changed, or a second factor is due), or the
 * refusal's stable code. The second-factor steps count as grants {@code mfa} and {@code mfa_enrollment}.
 */
@Component
class SignInMetrics {

    private final MeterRegistry meters;

    SignInMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    SignInResult counted(String grant, Supplier<SignInResult> signIn) {
        String tag = switch (grant) {
            case "password", "refresh_token", "mfa", "mfa_enrollment" -> grant;
            default -> "other";
        };
        try {
            SignInResult result = signIn.get();
            count(tag, result.challenge() != null ? "challenge" : "success");
            return result;
        } catch (ProblemException e) {
            count(tag, e.code());
            throw e;
        }
    }

    private void count(String grant, String outcome) {
        meters.counter("roster.sign_ins", "grant", grant, "outcome", outcome).increment();
    }
}
