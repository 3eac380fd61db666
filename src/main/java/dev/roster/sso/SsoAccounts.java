package dev.roster.sso;

import dev.roster.invitation.InvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Grants;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.SignInCandidate;
import dev.roster.user.User;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Who a verified SSO identity is in Roster, in the sign-in's transaction: the user its (provider, sub) is linked to;
 * else the user with a pending invitation for the email, whose invitation it accepts; else an existing user with
 * the email, linked when it is SSO-only, under a domain that requires SSO, or the provider allows linking; else a
 * new user when the provider provisions just in time. Deactivated and deleted users are refused (a deleted one also
 * when it was never linked: no new user replaces it), and so is a second subject for a user already linked at the
 * provider: an email the provider gave to someone new must not open the account of the person who had it.
 */
@Component
class SsoAccounts {

    /** The user who signs in, and how the identity led to it. */
    record Resolved(UserId user, String via) {}

    private final UserService users;
    private final InvitationService invitations;
    private final JdbcSsoIdentityRepository identities;
    private final DomainService domains;
    private final ApplicationEventPublisher events;

    SsoAccounts(
            UserService users,
            InvitationService invitations,
            JdbcSsoIdentityRepository identities,
            DomainService domains,
            ApplicationEventPublisher events) {
        this.users = users;
        this.invitations = invitations;
        this.identities = identities;
        this.domains = domains;
        this.events = events;
    }

    /** The provider acting on a verified sign-in: what it does is audited as {@code sso_provider:<id>}. */
    static Caller callerOf(SsoProvider provider) {
        return new Caller(
                Caller.Kind.SSO_PROVIDER,
                provider.id(),
                provider.organizationId().value(),
                Grants.ALL);
    }

    Resolved resolve(SsoProvider provider, IdTokenVerifier.Identity who) {
        OrganizationId org = provider.organizationId();
        Optional<Identity> linked = identities.find(provider.id(), who.subject());
        if (linked.isPresent()) {
            requireLive(users.find(org, linked.get().userId()));
            identities.touch(linked.get().id());
            return new Resolved(linked.get().userId(), "linked_identity");
        }
        Optional<SignInCandidate> existing = users.findForSignIn(who.email()).stream()
                .filter(c -> c.organizationId().equals(org))
                .findFirst();
        if (existing.isPresent()) {
            return link(provider, who, existing.get());
        }
        if (users.hasDeleted(org, who.email())) {
            // A new user would undo the admin's deletion; the admin can restore the deleted one instead.
            throw new SsoFailure(SsoFailure.Reason.USER_DELETED, "a deleted user has the email");
        }
        return switch (provider.jitProvisioning()) {
            case "verified_domains" -> new Resolved(link(provider, who, create(provider, who)), "created");
            case "invited_only" -> throw new SsoFailure(SsoFailure.Reason.NOT_INVITED, "no user with the email");
            default -> throw new SsoFailure(SsoFailure.Reason.JIT_OFF, "no user with the email");
        };
    }

    /** Keeps the user's lastLoginAt. */
    void recordSignIn(UserId user) {
        users.recordSignIn(user);
    }

    private Resolved link(SsoProvider provider, IdTokenVerifier.Identity who, SignInCandidate user) {
        Optional<Identity> other = identities.lockLinkOf(provider.id(), user.id());
        if (other.isPresent() && !other.get().subject().equals(who.subject())) {
            throw new SsoFailure(
                    SsoFailure.Reason.IDENTITY_CONFLICT, "the user is linked to another subject at this provider");
        }
        String actor = callerOf(provider).actor();
        String via;
        if (user.status() == UserStatus.DEACTIVATED) {
            throw new SsoFailure(SsoFailure.Reason.USER_DEACTIVATED, "user is deactivated");
        } else if (user.status() == UserStatus.INVITED) {
            if (!invitations.acceptThroughSso(user.organizationId(), user.id(), actor)) {
                throw new SsoFailure(SsoFailure.Reason.INVITATION_EXPIRED, "no pending invitation");
            }
            via = "invitation";
        } else if (!user.allowPasswordAuth()) {
            via = "sso_only_user";
        } else if (domains.requiresSso(user.organizationId(), user.email())) {
            // The domain leaves SSO as the only way in: linking is what the admin asked for.
            via = "sso_required_domain";
        } else if (provider.linkExistingUsers()) {
            via = "linked_existing";
        } else {
            throw new SsoFailure(SsoFailure.Reason.LINKING_OFF, "existing password user, linking off");
        }
        return new Resolved(link(provider, who, user.id()), via);
    }

    /** Links the identity to the user, audited; a concurrent first sign-in that linked it first wins. */
    private UserId link(SsoProvider provider, IdTokenVerifier.Identity who, UserId user) {
        String actor = callerOf(provider).actor();
        OrganizationId org = provider.organizationId();
        if (!identities.insert(org, Ids.next(), provider.id(), who.subject(), user, who.email(), actor)) {
            return identities.find(provider.id(), who.subject()).orElseThrow().userId();
        }
        events.publishEvent(new ChangeMade(
                org,
                actor,
                "sso_identity.linked",
                "user",
                user.toString(),
                new Changes()
                        .set("providerId", provider.id().toString())
                        .set("subject", who.subject())
                        .set("email", who.email())
                        .asMap()));
        return user;
    }

    /** A new SSO-only user, active at once, under the seat limit; a full organization makes nothing. */
    private UserId create(SsoProvider provider, IdTokenVerifier.Identity who) {
        CreateUserRequest request = CreateUserRequest.builder(who.email())
                .firstName(who.givenName())
                .lastName(who.familyName())
                .allowPasswordAuth(false)
                .sendInvitation(false)
                .roleIds(provider.defaultRoleId() == null ? null : List.of(provider.defaultRoleId()))
                .build();
        try {
            return users.create(callerOf(provider), provider.organizationId(), request)
                    .id();
        } catch (ProblemException e) {
            if ("seat_limit_reached".equals(e.code())) {
                throw new SsoFailure(SsoFailure.Reason.SEAT_LIMIT_REACHED, "every seat is taken");
            }
            if ("email_taken".equals(e.code())) {
                throw new SsoFailure(SsoFailure.Reason.EMAIL_TAKEN, "email taken elsewhere");
            }
            throw new SsoFailure(SsoFailure.Reason.BAD_TOKEN, "the provider's claims make no valid user");
        }
    }

    private static void requireLive(User user) {
        if (user.deletedAt() != null) {
            throw new SsoFailure(SsoFailure.Reason.USER_DELETED, "user is deleted");
        }
        if (user.status() == UserStatus.DEACTIVATED) {
            throw new SsoFailure(SsoFailure.Reason.USER_DEACTIVATED, "user is deactivated");
        }
    }
}
