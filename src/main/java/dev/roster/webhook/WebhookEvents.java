package dev.roster.webhook;

import java.util.List;
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
            "sso_provider.deleted");

    private WebhookEvents() {}

    static boolean matches(List<String> subscribed, String type) {
        return subscribed.contains("*") || subscribed.contains(type);
    }
}
