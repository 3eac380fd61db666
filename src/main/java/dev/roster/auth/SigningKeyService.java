package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.ProblemException;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's control of the JWT signing keys. */
@Service
public class SigningKeyService {

    private final SigningKeys keys;
    private final ApplicationEventPublisher events;

    SigningKeyService(SigningKeys keys, ApplicationEventPublisher events) {
        this.keys = keys;
        this.events = events;
    }

    /**
     * Rotates the signing keys now, as the automatic rotation does every {@code roster.auth.signing-key-rotation}:
     * the new key is published at once and signs once every node knows it. Platform keys only.
     */
    @Transactional
    public RotatedSigningKey rotate(Caller caller) {
        if (!caller.isPlatform()) {
            throw ProblemException.forbidden("Only platform keys rotate the signing keys.");
        }
        RotatedSigningKey rotated = keys.rotate();
        events.publishEvent(
                new ChangeMade(null, caller.actor(), "signing_key.rotated", "signing_key", rotated.kid(), Map.of()));
        return rotated;
    }
}
