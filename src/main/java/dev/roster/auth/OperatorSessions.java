package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's operator sign-in: the platform operator (with a platform key) or a partner (with a partner key)
 * enters the key once and gets a browser session that stands for it. The session keeps the key's id, never its
 * secret, so the secret is neither stored nor sent back; the session acts as the key while the key is live and ends
 * when it is revoked.
 */
@Service
public class OperatorSessions {

    private final ApiKeyService keys;
    private final BrowserSessions sessions;

    OperatorSessions(ApiKeyService keys, BrowserSessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    /**
     * Checks the secret and, for a live platform or partner key, starts an operator session and sets its cookie;
     * anything else (an organization key, a revoked or unknown one) is 401 {@code operator_key_required}, alike.
     */
    @Transactional
    public Caller signIn(String secret, HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Optional.ofNullable(secret)
                .map(String::strip)
                .flatMap(keys::authenticate)
                .filter(found -> found.isPlatform() || found.isPartner())
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.UNAUTHORIZED,
                        "operator_key_required",
                        "This is not a live platform or partner key."));
        sessions.startForKey(caller.keyId(), request, response);
        return caller;
    }

    /** The key the request's operator session stands for, as a caller, while the session and the key are live. */
    public Optional<Caller> current(HttpServletRequest request) {
        return sessions.currentKey(request).flatMap(keys::operatorCaller);
    }

    /** Ends the request's session and clears its cookie. */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.end(request, response);
    }
}
