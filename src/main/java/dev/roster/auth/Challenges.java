package dev.roster.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The challenges a sign-in may stop at (a new password, a second factor, an authenticator to enroll): checking one
 * that comes back, and spending it, since each works once.
 */
@Component
class Challenges {

    /** The claim that says where a challenge may be met: {@link Delivery#TOKENS} or {@link Delivery#SESSION}. */
    static final String DELIVERY = "dlv";

    /** A challenge that verified: whose it is, and what spends it. */
    record Challenge(SignInCandidate user, UUID id, Instant expiresAt) {}

    private final SigningKeys signingKeys;
    private final UserService users;
    private final JdbcCredentialRepository credentials;

    Challenges(SigningKeys signingKeys, UserService users, JdbcCredentialRepository credentials) {
        this.signingKeys = signingKeys;
        this.users = users;
        this.credentials = credentials;
    }

    /**
     * The challenge of this type, made for this delivery, signed by Roster and unexpired, of a live user; 401
     * invalid_token otherwise.
     */
    Challenge verify(String token, String type, Delivery delivery) {
        JWTClaimsSet claims = Optional.ofNullable(token)
                .flatMap(given -> signingKeys.verify(given, type))
                .filter(verified -> verified.getJWTID() != null && verified.getExpirationTime() != null)
                .filter(verified -> delivery.name().equals(verified.getClaim(DELIVERY)))
                .orElseThrow(Challenges::invalid);
        SignInCandidate user =
                users.findCandidate(UserId.of(claims.getSubject())).orElseThrow(Challenges::invalid);
        return new Challenge(
                user,
                UUID.fromString(claims.getJWTID()),
                claims.getExpirationTime().toInstant());
    }

    /** Spends the challenge in the caller's transaction; 401 invalid_token when it was spent before. */
    void spend(Challenge challenge) {
        if (!credentials.spendChallenge(challenge.id(), challenge.expiresAt())) {
            throw invalid();
        }
    }

    static ProblemException invalid() {
        return SignInService.invalidToken("The challenge token is invalid, used or expired; sign in again.");
    }
}
