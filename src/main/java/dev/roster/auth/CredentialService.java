package dev.roster.auth;

import dev.roster.shared.UserId;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sets users' passwords, for the features that prove who may (invitation acceptance, temporary passwords). */
@Service
public class CredentialService {

    /** A password checked against the rules and hashed, ready to be stored; what it hides is not kept. */
    public static final class HashedPassword {
        private final String hash;

        private HashedPassword(String hash) {
            this.hash = hash;
        }
    }

    private final JdbcCredentialRepository credentials;
    private final SignOuts signOuts;
    private final Passwords passwords;

    CredentialService(JdbcCredentialRepository credentials, SignOuts signOuts, Passwords passwords) {
        this.credentials = credentials;
        this.signOuts = signOuts;
        this.passwords = passwords;
    }

    /**
     * Checks a password the user chose and hashes it; fails with 400 naming {@code field} when it breaks the
     * length rule. Call it outside any transaction: hashing takes tens of milliseconds on purpose.
     */
    public HashedPassword hash(String field, String password) {
        return new HashedPassword(passwords.hash(Passwords.check(field, password)));
    }

    /** Sets the user's password; every refresh token and browser session it had ends. */
    @Transactional
    public void setPassword(UserId user, HashedPassword password) {
        credentials.save(user, password.hash, false, null);
        signOuts.endAll(user);
    }

    /**
     * Gives the user a new temporary password that must be replaced at first sign-in and stops working at
     * {@code expiresAt}; returns it so that it can be emailed (it is stored only as a hash).
     */
    @Transactional
    public String setTemporaryPassword(UserId user, Instant expiresAt) {
        String password = Passwords.temporary();
        credentials.save(user, passwords.hashTemporary(password), true, expiresAt);
        return password;
    }

    /** Ends a temporary password at once, for a revoked invitation. */
    @Transactional
    public void expireTemporaryPassword(UserId user) {
        credentials.expireTemporary(user);
    }
}
