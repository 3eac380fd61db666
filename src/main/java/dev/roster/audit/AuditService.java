package dev.roster.audit;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Cursor;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.RequestIdFilter;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records every change in the audit log and lists an organization's log. */
@Service
public class AuditService {

    private final JdbcAuditRepository events;
    private final OrganizationService organizations;

    AuditService(JdbcAuditRepository events, OrganizationService organizations) {
        this.events = events;
        this.organizations = organizations;
    }

    /** Writes the change in the transaction that made it; a change without a transaction is a programming error. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void record(ChangeMade change) {
        events.insert(change, RequestIdFilter.current());
    }

    /** The organization's audit events, oldest first, optionally of one action or one target; needs audit:read. */
    @Transactional(readOnly = true)
    public Page<AuditEvent> list(
            Caller caller, OrganizationId pathId, String action, String targetId, String cursor, Integer limit) {
        return list(caller, pathId, new AuditQuery(action, null, null, targetId, null, null, false), cursor, limit);
    }

    /**
     * The organization's audit events that match the query (by action, actor, target and time), oldest or newest
     * first, in keyset pages; needs audit:read.
     */
    @Transactional(readOnly = true)
    public Page<AuditEvent> list(Caller caller, OrganizationId pathId, AuditQuery query, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.AUDIT_READ);
        int size = Cursor.limit(limit);
        return Page.of(
                events.page(org, query, Cursor.decode(cursor), size + 1),
                size,
                event -> new Cursor(event.occurredAt(), event.id()));
    }
}
