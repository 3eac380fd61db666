package dev.roster.audit;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit", description = "Every change, with who made it, from which request, and what it changed")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping({"/v1/audit-events", "/v1/organizations/{orgId}/audit-events"})
    @Operation(
            summary = "List the organization's audit events, oldest first (order=newest for newest first)",
            description = "Filters combine: action, actor (such as user:<id> or api_key:<id>), targetType,"
                    + " targetId, and occurredAfter (inclusive) / occurredBefore (exclusive) as ISO 8601 instants.")
    Page<AuditEvent> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String occurredAfter,
            @RequestParam(required = false) String occurredBefore,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        AuditQuery query = AuditQuery.parse(action, actor, targetType, targetId, occurredAfter, occurredBefore, order);
        return audit.list(caller, orgId, query, cursor, limit);
    }
}
