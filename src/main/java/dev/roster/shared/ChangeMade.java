package dev.roster.shared;

import java.util.Map;

/**
 * Published by every feature, inside the transaction of the change, for each change it makes: the audit log (and
 * later webhooks) listen for it, so no feature needs to know who records what.
 *
 * @param organizationId the organization the change belongs to; null for platform-level changes
 * @param actor who made it ({@link Caller#actor()})
 * @param action a stable past-tense name such as {@code user.created}
 * @param targetType the kind of object changed, such as {@code user}
 * @param targetId the id of the object changed
 * @param changes the fields that changed, each from its old value to its new one
 */
public record ChangeMade(
        OrganizationId organizationId,
        String actor,
        String action,
        String targetType,
        String targetId,
        Map<String, FieldChange> changes) {

    /** One field's value before and after a change; secrets never appear here. */
    public record FieldChange(Object from, Object to) {}
}
