-- Idempotency-Key records: per credential, the first answer to a mutating POST, replayed for 24 hours.
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    key             text        NOT NULL,
    organization_id uuid,
    request_hash    bytea       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('running', 'done')),
    locked_until    timestamptz,
    response_status integer,
    response_type   text,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
