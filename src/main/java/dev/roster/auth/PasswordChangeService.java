package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replacing a password: with the challenge a temporary password led to, or as a signed-in user who knows the
 * current one. Either way every refresh token the user had dies, and the answer carries fresh tokens.
 */
@Service
public class PasswordChangeService {

    private final UserService users;
    private final JdbcCredentialRepository credentials;
    private final SignOuts signOuts;
    private final SignInAttempts attempts;
    private final Passwords passwords;
    private final Challenges challenges;
    private final TokenIssuer tokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    PasswordChangeService(
            UserService users,
            JdbcCredentialRepository credentials,
            SignOuts signOuts,
            SignInAttempts attempts,
            Passwords passwords,
            Challenges challenges,
            TokenIssuer tokens,
            ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.users = users;
        this.credentials = credentials;
        this.signOuts = signOuts;
        this.attempts = attempts;
        this.passwords = passwords;
        this.challenges = challenges;
        this.tokens = tokens;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * Meets a password-change challenge. The challenge works once, and only while the temporary password it came
     * from is still the user's, unreplaced and unexpired; replacing it accepts a temporary-password invitation.
     */
    public SignInResult withChallenge(String challengeToken, String newPassword) {
        return withChallenge(challengeToken, newPassword, Delivery.TOKENS);
    }

    /** Meets a password-change challenge made on this delivery's path. */
    public SignInResult withChallenge(String challengeToken, String newPassword, Delivery delivery) {
        Passwords.check("newPassword", newPassword);
        Challenges.Challenge challenge = challenges.verify(challengeToken, TokenIssuer.CHALLENGE, delivery);
        SignInCandidate user = challenge.user();
        if (!user.allowPasswordAuth()) {
            throw SignInService.ssoRequired();
        }
        String hash = passwords.hash(newPassword);
        return transaction.execute(status -> {
            challenges.spend(challenge);
            if (!credentials.replaceTemporary(user.id(), hash)) {
                throw Challenges.invalid();
            }
            events.publishEvent(new PasswordChanged(user.organizationId(), user.id()));
            signOuts.endAll(user.id());
            return tokens.afterFirstFactor(
                    users.findCandidate(user.id()).orElseThrow(SignInService::invalidCredentials), delivery);
        });
    }

    /**
     * Replaces the password of the signed-in caller, who must send the current one. Wrong current passwords count
     * toward the account's sign-in limit, as wrong passwords at sign-in do.
     */
    public SignInResult asSignedIn(Caller caller, String currentPassword, String newPassword) {
        Passwords.check("newPassword", newPassword);
        SignInCandidate user =
                users.findCandidate(new UserId(caller.keyId())).orElseThrow(SignInService::invalidCredentials);
        attempts.count(user.email());
        var credential = credentials.find(user.id());
        if (credential.isEmpty()
                || !passwords.matches(currentPassword, credential.get().hash())) {
            throw ProblemException.invalid("currentPassword", "is not the current password");
        }
        attempts.clear(user.email());
        if (!user.allowPasswordAuth()) {
            throw SignInService.ssoRequired();
        }
        String hash = passwords.hash(newPassword);
        return transaction.execute(status -> {
            credentials.save(user.id(), hash, false, null);
            if (credential.get().mustChange()) {
                events.publishEvent(new PasswordChanged(user.organizationId(), user.id()));
            }
            return renewed(user);
        });
    }

    private SignInResult renewed(SignInCandidate user) {
        signOuts.endAll(user.id());
        return tokens.issue(users.findCandidate(user.id()).orElseThrow(SignInService::invalidCredentials), null);
    }
}
