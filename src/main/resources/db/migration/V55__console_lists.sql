-- The console's lists: the audit log filtered by who acted, and each role's holders counted per organization.
CREATE INDEX audit_events_by_actor ON audit_events (organization_id, actor, occurred_at, id);
CREATE INDEX role_assignments_in_effect ON role_assignments (organization_id, role_id, user_id)
    WHERE resource_id IS NULL AND NOT pending;
