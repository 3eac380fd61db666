package dev.roster.auth;

import dev.roster.organization.OrganizationService;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.shared.secret.SecretBox;
import dev.roster.user.SignInCandidate;
import dev.roster.user.User;
import dev.roster.user.UserService;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A second factor: one TOTP authenticator per user, and ten single-use recovery codes shown once. A user enrolls
 * itself; from then on sign-in asks for a code after the password. Each code works once. An admin may reset a
 * user's MFA, which counts as a grant of the user's roles (whoever can reset it and the password owns the
 * account).
 */
@Service
public class MfaService {

    static final int RECOVERY_CODES = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcMfaRepository mfa;
    private final UserService users;
    private final OrganizationService organizations;
    private final RoleAssignmentService roles;
    private final SecretBox box;
    private final Secrets secrets;
    private final SignInAttempts attempts;
    private final ApplicationEventPublisher events;

    MfaService(
            JdbcMfaRepository mfa,
            UserService users,
            OrganizationService organizations,
            RoleAssignmentService roles,
            SecretBox box,
            Secrets secrets,
            SignInAttempts attempts,
            ApplicationEventPublisher events) {
        this.mfa = mfa;
        this.users = users;
        this.organizations = organizations;
        this.roles = roles;
        this.box = box;
        this.secrets = secrets;
        this.attempts = attempts;
        this.events = events;
    }

    /** Starts enrolling the signed-in user's authenticator; 409 when it already has one. */
    @Transactional
    public MfaEnrollment enroll(Caller caller) {
        return enroll(signedIn(caller));
    }

    /**
     * Confirms enrollment with a code from the new authenticator; returns the recovery codes, shown only now. From
     * then on sign-in asks for a code.
     */
    @Transactional
    public List<String> confirm(Caller caller, String code) {
        return confirm(signedIn(caller), code);
    }

    MfaEnrollment enroll(SignInCandidate user) {
        if (user.mfaEnabled()) {
            throw ProblemException.conflict(
                    "mfa_already_enabled", "This user already has an authenticator; an admin can reset it.");
        }
        // An enrollment begun in the last ten minutes goes on with its secret: the app may have scanned it already.
        String secret = mfa.find(user.id())
                .filter(found -> !found.confirmed()
                        && found.createdAt().isAfter(Instant.now().minus(TokenIssuer.CHALLENGE_TTL)))
                .map(found -> box.open(found.sealedSecret()))
                .orElseGet(() -> {
                    String fresh = Totp.newSecret();
                    mfa.saveUnconfirmed(user.id(), box.seal(fresh));
                    return fresh;
                });
        String uri = Totp.uri(organizations.name(user.organizationId()), user.email(), secret);
        return new MfaEnrollment(secret, uri, QrCodes.svg(uri));
    }

    List<String> confirm(SignInCandidate user, String code) {
        JdbcMfaRepository.Authenticator authenticator = mfa.find(user.id())
                .filter(found -> !found.confirmed())
                .orElseThrow(() -> ProblemException.conflict(
                        "mfa_not_enrolling", "Start enrolling first: POST /v1/users/me/mfa/totp."));
        OptionalLong step = Totp.matchingStep(box.open(authenticator.sealedSecret()), code, Instant.now());
        if (step.isEmpty() || !mfa.spendStep(user.id(), step.getAsLong(), true)) {
            throw ProblemException.invalid("code", "is not the authenticator's current code");
        }
        List<String> codes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = recoveryCode();
            codes.add(recovery);
            hashes.add(hashRecovery(recovery));
        }
        mfa.replaceRecoveryCodes(user.id(), hashes);
        users.recordMfa(user.id(), true);
        publish(user.organizationId(), "user:" + user.id(), "user.mfa_enabled", user.id());
        return codes;
    }

    /**
     * Turns off the signed-in user's own authenticator with a current code from it (a stolen session or token alone
     * cannot): its secret and recovery codes are removed, and sign-in asks for the password only. Refused with 409
     * {@code mfa_required_by_organization} while the user's organization requires MFA. Wrong codes count toward the
     * email's sign-in limit, as at sign-in.
     */
    @Transactional(noRollbackFor = ProblemException.class)
    public void turnOff(Caller caller, String code) {
        SignInCandidate user = signedIn(caller);
        if (!user.mfaEnabled()) {
            throw ProblemException.conflict("mfa_not_enabled", "This user has no authenticator to turn off.");
        }
        if (organizations.mfaRequired(user.organizationId())) {
            throw ProblemException.conflict(
                    "mfa_required_by_organization",
                    "Your organization requires an authenticator; an admin can reset it if you lost yours.");
        }
        attempts.count(user.email());
        if (code == null || !verify(user, code, null)) {
            throw ProblemException.invalid("code", "is not the authenticator's current code");
        }
        attempts.clear(user.email());
        mfa.delete(user.id());
        users.recordMfa(user.id(), false);
        publish(user.organizationId(), caller.actor(), "user.mfa_disabled", user.id());
    }

    /**
     * Removes a user's authenticator and recovery codes (users:write, and every permission the user's roles carry),
     * so that it can enroll again.
     */
    @Transactional
    public void reset(Caller caller, OrganizationId pathId, UserId userId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_WRITE);
        User user = users.find(org, userId);
        roles.requireMayGrantRolesOf(caller, org, userId);
        mfa.delete(user.id());
        users.recordMfa(user.id(), false);
        publish(org, caller.actor(), "user.mfa_reset", user.id());
    }

    /**
     * Whether a browser session must wait for its user to enroll an authenticator before an application gets
     * anything from it: the organization requires MFA now, the user has none, and the session began with a password
     * (a sign-in through the organization's identity provider is that provider's to secure, as at sign-in). This
     * catches a session from before the organization turned the requirement on.
     */
    @Transactional(readOnly = true)
    public boolean mustEnroll(BrowserSession session) {
        if (session.method().equals("sso")) {
            return false;
        }
        return users.findCandidate(session.userId())
                .filter(user -> !user.mfaEnabled())
                .map(user -> organizations.mfaRequired(user.organizationId()))
                .orElse(false);
    }

    /** Whether a code from the user's authenticator, or one of its recovery codes, is right; each works once. */
    boolean verify(SignInCandidate user, String code, String recoveryCode) {
        if (recoveryCode != null && !recoveryCode.isBlank()) {
            return mfa.spendRecoveryCode(user.id(), hashRecovery(recoveryCode));
        }
        return mfa.find(user.id())
                .filter(JdbcMfaRepository.Authenticator::confirmed)
                .map(found -> Totp.matchingStep(box.open(found.sealedSecret()), code, Instant.now()))
                .filter(OptionalLong::isPresent)
                .map(step -> mfa.spendStep(user.id(), step.getAsLong(), false))
                .orElse(false);
    }

    private SignInCandidate signedIn(Caller caller) {
        if (caller == null || caller.kind() != Caller.Kind.USER) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "user_required", "Only a signed-in user enrolls its own authenticator.");
        }
        return users.findCandidate(new UserId(caller.keyId())).orElseThrow(() -> ProblemException.notFound("User"));
    }

    private byte[] hashRecovery(String code) {
        return secrets.hash(
                "mfa-recovery:" + code.strip().toLowerCase(Locale.ROOT).replace("-", ""));
    }

    /** 12 characters without look-alikes (about 59 bits), shown as xxxx-xxxx-xxxx. */
    private static String recoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private void publish(OrganizationId org, String actor, String action, UserId user) {
        events.publishEvent(new ChangeMade(org, actor, action, "user", user.toString(), new Changes().asMap()));
    }
}
