-- Append-only: the application never updates or deletes these rows.
CREATE TABLE audit_events (
    id              uuid PRIMARY KEY,
    organization_id uuid REFERENCES organizations (id),
    actor           text        NOT NULL,
    action          text        NOT NULL,
    target_type     text        NOT NULL,
    target_id       text        NOT NULL,
    request_id      text,
    changes         jsonb       NOT NULL DEFAULT '{}',
    occurred_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_events_page ON audit_events (organization_id, occurred_at, id);
CREATE INDEX audit_events_target ON audit_events (organization_id, target_id, occurred_at, id);
