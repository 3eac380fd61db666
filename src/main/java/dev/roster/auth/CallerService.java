package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.UserId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The caller a credential stands for now, found by its kind and id rather than by its secret: for work a request
 * started and a background job carries on (an import), which must act with the credential's permissions of each
 * moment and stop once the credential may no longer act. The outbox and webhook dispatchers need no such thing:
 * they only deliver what a request already decided.
 */
@Service
public class CallerService {

    private final ApiKeyService keys;
    private final SignInService signIn;
    private final ObjectProvider<ApplicationCallers> applications;

    CallerService(ApiKeyService keys, SignInService signIn, ObjectProvider<ApplicationCallers> applications) {
        this.keys = keys;
        this.signIn = signIn;
        this.applications = applications;
    }

    /**
     * The caller as it is now: a live key with its role's permissions, an active user with its roles' permissions,
     * an application still given its organization and role. Empty once it may no longer act (a key revoked, a user
     * deactivated or deleted, an organization deleted), and for the kinds that act only inside one request (SCIM
     * tokens, SSO providers).
     */
    public Optional<Caller> recall(Caller.Kind kind, UUID id) {
        return switch (kind) {
            case PLATFORM, PARTNER, ORGANIZATION -> keys.callerForKey(id).filter(caller -> caller.kind() == kind);
            case USER -> signIn.callerForUser(new UserId(id));
            case APPLICATION -> {
                ApplicationCallers callers = applications.getIfAvailable();
                yield callers == null ? Optional.empty() : callers.callerFor(id);
            }
            case SCIM, SSO_PROVIDER -> Optional.empty();
        };
    }
}
