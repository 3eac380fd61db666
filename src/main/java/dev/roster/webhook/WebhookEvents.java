package dev.roster.webhook;

import java.util.Set;

/** The event types an endpoint may subscribe to; {@code *} subscribes to all. */
final class WebhookEvents {

    static final Set<String> TYPES = Set.of(
            "user.created",
            "user.updated",
            "user.deleted",
            "user.restored",
            "user.deactivated",
            "user.reactivated",
            "user.activated",
            "invitation.sent",
            "invitation.resent",
            "invitation.accepted",
            "invitation.revoked",
            "invitation.expired",
            "api_key.created",
            "api_key.revoked",
            "organization.updated",
            "sso_provider.created",
            "sso_provider.updated",
            "sso_provider.deleted",
            "role.created",
            "role.updated",
            "role.deleted",
            "user.role_assigned",
            "user.role_removed",
            "environment.created",
            "environment.updated",
            "environment.deleted",
            "group.created",
            "group.updated",
            "group.deleted",
            "group.member_added",
            "group.member_removed",
            "position.created",
            "position.updated",
            "position.deleted",
            "user.position_added",
            "user.position_removed");

    private WebhookEvents() {}
}
