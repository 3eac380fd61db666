-- Webhook endpoints. The signing secret must be readable to sign with, so it is kept (never in a list query).
CREATE TABLE webhook_endpoints (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    url             text        NOT NULL,
    events          text[]      NOT NULL,
    enabled         boolean     NOT NULL DEFAULT true,
    secret          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL
);
CREATE INDEX webhook_endpoints_page ON webhook_endpoints (organization_id, created_at, id);

-- One row per event per endpoint, written in the transaction of the change; sent after commit, in order per
-- object (ordering_key), retried for more than a day.
CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY,
    sequence         bigserial   NOT NULL,
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    ordering_key     text        NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    locked_until     timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, ordering_key, sequence)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_page ON webhook_deliveries (organization_id, created_at, id);
