package dev.roster.auth;

import com.nimbusds.jwt.SignedJWT;
import dev.roster.shared.Caller;
import java.text.ParseException;
import java.util.Date;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The caller a bearer credential stands for: an API key or a Roster JWT, answered from the {@link CallerCache} when
 * it holds the credential, otherwise checked in full (an API key looked up by its HMAC, a JWT's signature verified
 * and its user's roles read) and kept. Nothing is kept of a credential that fails.
 */
@Component
class BearerCallers {

    private final ApiKeyService keys;
    private final SignInService signIn;
    private final Secrets secrets;
    private final KeyUsage usage;
    private final CallerCache cache;

    BearerCallers(ApiKeyService keys, SignInService signIn, Secrets secrets, KeyUsage usage, CallerCache cache) {
        this.keys = keys;
        this.signIn = signIn;
        this.secrets = secrets;
        this.usage = usage;
        this.cache = cache;
    }

    Optional<Caller> authenticate(String credential) {
        boolean jwt = credential.chars().filter(c -> c == '.').count() == 2;
        if (!jwt && !secrets.looksLikeKey(credential)) {
            return Optional.empty();
        }
        CallerCache.Key key = jwt ? CallerCache.Key.ofToken(credential) : CallerCache.Key.of(secrets.hash(credential));
        Caller cached = cache.get(key);
        if (cached != null) {
            if (!jwt) {
                usage.recordUse(cached.keyId());
            }
            return Optional.of(cached);
        }
        long seen = cache.generation();
        Optional<Caller> caller = jwt ? signIn.authenticate(credential) : keys.authenticate(credential);
        caller.ifPresent(found -> cache.put(key, found, jwt ? expiry(credential) : Long.MAX_VALUE, seen));
        return caller;
    }

    /** When a verified JWT expires, in epoch milliseconds. */
    private static long expiry(String jwt) {
        try {
            Date expires = SignedJWT.parse(jwt).getJWTClaimsSet().getExpirationTime();
            return expires == null ? 0 : expires.getTime();
        } catch (ParseException e) {
            return 0;
        }
    }
}
