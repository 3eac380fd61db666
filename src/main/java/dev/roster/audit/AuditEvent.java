package dev.roster.audit;

import dev.roster.shared.ChangeMade.FieldChange;
import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded change.
 *
 * @param actor who made it, such as {@code api_key:<id>}
 * @param action what happened, such as {@code user.created}
 * @param requestId the request that made it, as in its {@code X-Request-Id}
 * @param changes each changed field from its old value to its new one
 */
public record AuditEvent(
        UUID id,
        OrganizationId organizationId,
        String actor,
        String action,
        String targetType,
        String targetId,
        String requestId,
        Map<String, FieldChange> changes,
        Instant occurredAt) {}
