-- For the per-organization limit on invitation emails.
CREATE INDEX outbox_by_organization ON outbox_messages (organization_id, kind, created_at);
