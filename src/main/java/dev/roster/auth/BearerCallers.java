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
 * and its user's roles read) and kept. A kept JWT still needs its signing key to verify (a retired key stops its
 * tokens as it would uncached). Nothing is kept of a credential that fails.
 */
@Component
class BearerCallers {

    private final ApiKeyService keys;
    private final SignInService signIn;
    private final Secrets secrets;
    private final KeyUsage usage;
    private final CallerCache cache;
    private final SigningKeys signingKeys;

    BearerCallers(
            ApiKeyService keys,
            SignInService signIn,
            Secrets secrets,
            KeyUsage usage,
            CallerCache cache,
            SigningKeys signingKeys) {
        this.keys = keys;
        this.signIn = signIn;
        this.secrets = secrets;
        this.usage = usage;
        this.cache = cache;
        this.signingKeys = signingKeys;
    }

    Optional<Caller> authenticate(String credential) {
        boolean jwt = credential.chars().filter(c -> c == '.').count() == 2;
        if (!jwt && !secrets.looksLikeKey(credential)) {
            return Optional.empty();
        }
        CallerCache.Key key = jwt ? CallerCache.Key.ofToken(credential) : CallerCache.Key.of(secrets.hash(credential));
        CallerCache.Entry cached = cache.get(key);
        if (cached != null && (cached.signingKey() == null || signingKeys.verifies(cached.signingKey()))) {
            if (!jwt) {
                usage.recordUse(cached.caller().keyId());
            }
            return Optional.of(cached.caller());
        }
        long seen = cache.generation();
        Optional<Caller> caller = jwt ? signIn.authenticate(credential) : keys.authenticate(credential);
        if (caller.isPresent()) {
            if (jwt) {
                SignedJWT parsed = parse(credential);
                cache.put(key, caller.get(), expiry(parsed), parsed.getHeader().getKeyID(), seen);
            } else {
                cache.put(key, caller.get(), Long.MAX_VALUE, null, seen);
            }
        }
        return caller;
    }

    private static SignedJWT parse(String verified) {
        try {
            return SignedJWT.parse(verified);
        } catch (ParseException e) {
            throw new IllegalStateException("a verified token no longer parses", e);
        }
    }

    /** When a verified JWT expires, in epoch milliseconds. */
    private static long expiry(SignedJWT jwt) {
        try {
            Date expires = jwt.getJWTClaimsSet().getExpirationTime();
            return expires == null ? 0 : expires.getTime();
        } catch (ParseException e) {
            return 0;
        }
    }
}
