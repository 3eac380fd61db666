package dev.roster.auth;

import dev.roster.shared.UserId;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sets users' passwords, for the features that prove who may (invitation acceptance, temporary passwords). */
@Service
public class CredentialService {

    private final JdbcCredentialRepository credentials;
    private final Passwords passwords;

    CredentialService(JdbcCredentialRepository credentials, Passwords passwords) {
        this.credentials = credentials;
        this.passwords = passwords;
    }

    /** Sets a password the user chose; fails with 400 naming {@code field} when it breaks the length rule. */
    @Transactional
    public void setPassword(UserId user, String field, String password) {
        credentials.save(user, passwords.hash(Passwords.check(field, password)), false, null);
    }

    /**
     * Gives the user a new temporary password that must be replaced at first sign-in and stops working at
     * {@code expiresAt}; returns it so that it can be emailed (it is stored only as a hash).
     */
    @Transactional
    public String setTemporaryPassword(UserId user, Instant expiresAt) {
        String password = Passwords.temporary();
        credentials.save(user, passwords.hash(password), true, expiresAt);
        return password;
    }

    /** Ends a temporary password at once, for a revoked invitation. */
    @Transactional
    public void expireTemporaryPassword(UserId user) {
        credentials.expireTemporary(user);
    }
}
