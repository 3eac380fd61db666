package dev.roster.invitation;

import dev.roster.auth.CredentialService;
import dev.roster.auth.PasswordChanged;
import dev.roster.auth.Secrets;
import dev.roster.auth.SsoRequirement;
import dev.roster.mail.Mail;
import dev.roster.mail.MailDelivered;
import dev.roster.mail.MailProperties;
import dev.roster.mail.OutboxService;
import dev.roster.organization.OrganizationService;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.InviteeEmailChanged;
import dev.roster.user.User;
import dev.roster.user.UserDeparted;
import dev.roster.user.UserInvitationRequested;
import dev.roster.user.UserMadeSsoOnly;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The invitation lifecycle: invite, resend, revoke, accept. */
@Service
public class InvitationService {

    private static final String TOKEN_PREFIX = "roster_inv_";

    private final JdbcInvitationRepository invitations;
    private final InvitationEmails emails;
    private final OutboxService outbox;
    private final UserService users;
    private final OrganizationService organizations;
    private final RoleAssignmentService roles;
    private final CredentialService credentials;
    private final Secrets secrets;
    private final SsoRequirement ssoRequirement;
    private final MailProperties mail;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    InvitationService(
            JdbcInvitationRepository invitations,
            InvitationEmails emails,
            OutboxService outbox,
            UserService users,
            OrganizationService organizations,
            RoleAssignmentService roles,
            CredentialService credentials,
            Secrets secrets,
            SsoRequirement ssoRequirement,
            MailProperties mail,
            ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.invitations = invitations;
        this.emails = emails;
        this.outbox = outbox;
        this.users = users;
        this.organizations = organizations;
        this.roles = roles;
        this.credentials = credentials;
        this.secrets = secrets;
        this.ssoRequirement = ssoRequirement;
        this.mail = mail;
        this.events = events;
        this.transaction = transaction;
    }

    /** Invites a user just created, in the transaction that created it. */
    @EventListener
    void on(UserInvitationRequested request) {
        send(
                request.caller(),
                request.organizationId(),
                request.userId(),
                request.email(),
                request.type(),
                request.expiresInDays(),
                "invitation.sent");
    }

    /**
     * Sends the invitation again with a new token (or temporary password) and a new expiry; the old link stops
     * working. Limited per recipient and per organization (429 beyond; see {@code MailProperties}). Like every
     * invitation sent, it needs the caller to hold every permission of the user's roles.
     */
    @Transactional
    public Invitation resend(Caller caller, OrganizationId pathId, UserId userId, ResendInvitationRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_INVITE);
        int days = request == null || request.expiresInDays() == null ? 7 : request.expiresInDays();
        if (days < 1 || days > 30) {
            throw ProblemException.invalid("expiresInDays", "must be between 1 and 30");
        }
        // The invitation's row first, as accept takes it: a resend that waited for an accept sees the user active.
        Invitation current = invitations.lockByUser(org, userId).orElse(null);
        User user = users.find(org, userId);
        if (user.deletedAt() != null || user.status() != UserStatus.INVITED) {
            throw ProblemException.conflict(
                    "not_invitable", "Only invited users who have not accepted can be sent an invitation.");
        }
        requirePassword(user);
        String type = current == null ? "link" : current.type();
        return send(caller, user.organizationId(), userId, user.email(), type, days, "invitation.resent");
    }

    /** Revokes a pending (or expired) invitation: its link and temporary password stop working at once. */
    @Transactional
    public Invitation revoke(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_INVITE);
        Invitation invitation = invitations.find(org, id).orElseThrow(InvitationService::notFound);
        switch (invitation.status()) {
            case "accepted" ->
                throw ProblemException.conflict("invitation_accepted", "The invitation was already accepted.");
            case "revoked" ->
                throw ProblemException.conflict("invitation_revoked", "The invitation is already revoked.");
            default -> {}
        }
        revoke(invitation, caller.actor());
        return invitations.find(org, id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Page<Invitation> list(
            Caller caller, OrganizationId pathId, String status, String email, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        if (status != null
                && !List.of("pending", "accepted", "expired", "revoked").contains(status)) {
            throw ProblemException.invalid("status", "must be pending, accepted, expired or revoked");
        }
        int size = Cursor.limit(limit);
        String normalized =
                email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        return Page.of(
                invitations.page(org, status, normalized, Cursor.decode(cursor), size + 1),
                size,
                i -> new Cursor(i.createdAt(), i.id()));
    }

    @Transactional(readOnly = true)
    public Invitation get(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_READ);
        return invitations.find(org, id).orElseThrow(InvitationService::notFound);
    }

    /**
     * What the holder of a link may see about its invitation; 404 unknown, 410 used, revoked or expired, 403
     * sso_required when the user signs in only through SSO (SSO-only, or under a domain that requires SSO).
     */
    @Transactional(readOnly = true)
    public PublicInvitation preview(String token) {
        Invitation invitation = usable(invitations.findByToken(hash(token)));
        User user = users.find(invitation.organizationId(), invitation.userId());
        requirePassword(user);
        String organizationName = organizations.name(invitation.organizationId());
        return new PublicInvitation(
                organizationName,
                invitation.email(),
                user.firstName(),
                user.lastName(),
                invitation.expiresAt(),
                user.firstName() == null || user.lastName() == null);
    }

    /**
     * Accepts a link invitation: sets the password, fills in missing names, activates the user and grants the roles
     * that waited for acceptance. Concurrent accepts of one token queue on its row; exactly one wins. The password
     * is hashed before the transaction, and only for a token that can still be accepted. A user who signs in only
     * through SSO sets no password (403 sso_required): it accepts by signing in through SSO.
     */
    public void accept(String token, AcceptInvitationRequest request) {
        usable(invitations.findByToken(hash(token)));
        CredentialService.HashedPassword password = credentials.hash("password", request.password());
        transaction.executeWithoutResult(status -> accept(token, request, password));
    }

    private void accept(String token, AcceptInvitationRequest request, CredentialService.HashedPassword password) {
        Invitation invitation = usable(invitations.lockByToken(hash(token)));
        User user = users.find(invitation.organizationId(), invitation.userId());
        if (user.deletedAt() != null || user.status() == UserStatus.DEACTIVATED) {
            throw gone("invitation_revoked", "This invitation was revoked.");
        }
        if (user.status() != UserStatus.INVITED) {
            throw gone("invitation_used", "This user has already joined; sign in instead.");
        }
        requirePassword(user);
        String actor = "user:" + user.id();
        credentials.setPassword(user.id(), password);
        users.completeProfile(user.organizationId(), user.id(), request.firstName(), request.lastName(), actor);
        complete(invitation, actor);
    }

    /**
     * Accepts the user's pending invitation because the user proved its email through the organization's SSO: the
     * user becomes active and the roles that waited take effect, as with a link (its seat was taken at the invite).
     * A temporary password sent with it stops working. False when the user has no pending, unexpired invitation.
     */
    @Transactional
    public boolean acceptThroughSso(OrganizationId org, UserId user, String actor) {
        Invitation invitation = invitations.lockPendingOf(org, user).orElse(null);
        if (invitation == null || !invitation.pending()) {
            return false;
        }
        if (invitation.type().equals("temporary_password")) {
            credentials.expireTemporaryPassword(user);
        }
        complete(invitation, actor);
        return true;
    }

    /** A user invited with a temporary password accepts by replacing it at first sign-in. */
    @EventListener
    void on(PasswordChanged changed) {
        invitations
                .lockByUser(changed.userId())
                .filter(i -> i.pending() && i.type().equals("temporary_password"))
                .ifPresent(i -> complete(i, "user:" + changed.userId()));
    }

    /** Announces invitations that expired since the last sweep: an audit event and webhook each. */
    @Scheduled(fixedDelayString = "${roster.invitations.expiry-sweep-interval:PT1M}")
    @Transactional
    public void announceExpired() {
        for (Invitation invitation : invitations.claimNewlyExpired(100)) {
            publish("system", "invitation.expired", invitation, new Changes().diff("status", "pending", "expired"));
        }
    }

    /** A user who is deleted or deactivated can no longer accept: their pending invitation is revoked. */
    @EventListener
    void on(UserDeparted departed) {
        invitations
                .lockPendingOf(departed.organizationId(), departed.userId())
                .ifPresent(invitation -> revoke(invitation, departed.actor()));
    }

    /**
     * A user who has not accepted got another email: the invitation sent to the old address ends, and since the next
     * one goes to the new address, the change is a grant of the user's roles.
     */
    @EventListener
    void on(InviteeEmailChanged changed) {
        roles.requireMayGrantRolesOf(changed.caller(), changed.organizationId(), changed.userId());
        invitations
                .lockPendingOf(changed.organizationId(), changed.userId())
                .ifPresent(invitation -> revoke(invitation, changed.caller().actor()));
    }

    /** An SSO-only user sets no password: its pending (password) invitation ends. */
    @EventListener
    void on(UserMadeSsoOnly changed) {
        invitations
                .lockPendingOf(changed.organizationId(), changed.userId())
                .ifPresent(invitation -> revoke(invitation, changed.actor()));
    }

    /** Ends an invitation that was not accepted: its link and any temporary password stop working. */
    private void revoke(Invitation invitation, String actor) {
        invitations.finish(invitation.id(), "revoked", actor);
        if (invitation.type().equals("temporary_password")) {
            credentials.expireTemporaryPassword(invitation.userId());
        }
        publish(actor, "invitation.revoked", invitation, new Changes().diff("status", invitation.status(), "revoked"));
    }

    /** Keeps each invitation's delivery state: sent once the mail left, failed once the outbox gave up. */
    @EventListener
    void on(MailDelivered delivered) {
        invitations.recordDelivery(delivered.messageId(), delivered.sent());
    }

    private Invitation send(
            Caller caller, OrganizationId org, UserId userId, String email, String type, int days, String action) {
        roles.requireMayGrantRolesOf(caller, org, userId);
        checkSendingLimits(org, email);
        Instant expires = Instant.now().plus(Duration.ofDays(days));
        String organizationName = organizations.name(org);
        String inviter = inviter(caller, org);
        byte[] tokenHash = null;
        Mail mail;
        if (type.equals("temporary_password")) {
            String password = credentials.setTemporaryPassword(userId, expires);
            mail = emails.temporaryPassword(org, organizationName, inviter, email, password, expires);
        } else {
            String token = secrets.newToken(TOKEN_PREFIX);
            tokenHash = hash(token);
            mail = emails.link(org, organizationName, inviter, email, token, expires);
        }
        Invitation invitation = invitations.save(
                Ids.next(), org, userId, email, type, tokenHash, expires, outbox.enqueue(mail), caller.actor());
        publish(
                caller.actor(),
                action,
                invitation,
                new Changes()
                        .set("type", type)
                        .set("expiresAt", expires)
                        .set("pendingRoles", invitation.pendingRoles()));
        return invitation;
    }

    /**
     * Email limits: per recipient (within the organization) and per organization, each over the last hour. The
     * answer's {@code limit} says which was reached, so that a background import waits for the organization's and
     * fails only the row of an address that was sent too many.
     */
    private void checkSendingLimits(OrganizationId org, String email) {
        if (outbox.recipientReached(
                org, "invitation", email, Duration.ofHours(1), mail.invitationsPerRecipientPerHour())) {
            throw tooManyInvitations("recipient", "This address was sent too many invitations in the last hour.");
        }
        if (outbox.organizationReached(
                org, "invitation", Duration.ofHours(1), mail.invitationsPerOrganizationPerHour())) {
            throw tooManyInvitations("organization", "This organization sent too many invitations in the last hour.");
        }
    }

    private static ProblemException tooManyInvitations(String limit, String detail) {
        return new ProblemException(
                HttpStatus.TOO_MANY_REQUESTS,
                "too_many_invitations",
                detail,
                List.of(),
                Map.of(ProblemException.RETRY_AFTER, 3600L, "limit", limit));
    }

    private void complete(Invitation invitation, String actor) {
        invitations.finish(invitation.id(), "accepted", actor);
        users.activate(invitation.organizationId(), invitation.userId(), actor);
        publish(actor, "invitation.accepted", invitation, new Changes().diff("status", "pending", "accepted"));
    }

    private String inviter(Caller caller, OrganizationId org) {
        if (caller.kind() == Caller.Kind.USER) {
            User inviting = users.find(org, new UserId(caller.keyId()));
            return inviting.name() != null ? inviting.name() : inviting.email();
        }
        return "An administrator";
    }

    private Invitation usable(java.util.Optional<Invitation> found) {
        Invitation invitation = found.orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "invitation_not_found", "This invitation link is not valid."));
        return switch (invitation.status()) {
            case "pending" -> invitation;
            case "expired" -> throw gone("invitation_expired", "This invitation has expired; ask for a new one.");
            case "revoked" -> throw gone("invitation_revoked", "This invitation was revoked.");
            default -> throw gone("invitation_used", "This invitation was already accepted; sign in instead.");
        };
    }

    private byte[] hash(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND, "invitation_not_found", "This invitation link is not valid.");
        }
        return secrets.hash(token);
    }

    private void publish(String actor, String action, Invitation invitation, Changes changes) {
        events.publishEvent(new ChangeMade(
                invitation.organizationId(),
                actor,
                action,
                "invitation",
                invitation.id().toString(),
                changes.asMap()));
    }

    /** Refuses a password for a user who signs in only through SSO: SSO-only, or under a domain that requires it. */
    private void requirePassword(User user) {
        if (!user.allowPasswordAuth() || ssoRequirement.requiresSso(user.organizationId(), user.email())) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "sso_required",
                    "This user signs in only through its organization's single sign-on, so there is no password to"
                            + " set. Sign in with your email on the sign-in page.");
        }
    }

    private static ProblemException gone(String code, String detail) {
        return new ProblemException(HttpStatus.GONE, code, detail);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Invitation");
    }
}
