-- Platform, partner and organization keys. Only an HMAC of the secret is kept; the prefix is for people to
-- recognise a key in a list, never enough to use it.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('platform', 'partner', 'organization')),
    organization_id uuid REFERENCES organizations (id),
    role            text        NOT NULL CHECK (role IN ('admin', 'user')),
    name            text        NOT NULL,
    prefix          text        NOT NULL,
    secret_hash     bytea       NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    revoked_by      text,
    CHECK ((kind = 'organization') = (organization_id IS NOT NULL))
);

CREATE INDEX api_keys_by_organization ON api_keys (organization_id, created_at, id);
CREATE INDEX api_keys_by_kind ON api_keys (kind, created_at, id) WHERE organization_id IS NULL;

ALTER TABLE organizations ADD FOREIGN KEY (partner_key_id) REFERENCES api_keys (id);
