-- SCIM 2.0: the tokens directories (Okta, Entra ID) provision an organization with, and what SCIM says about the
-- users and groups it manages beyond Roster's own columns.
CREATE TABLE scim_tokens (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        NOT NULL,
    token_hash      bytea       NOT NULL UNIQUE,
    prefix          text        NOT NULL,
    expires_at      timestamptz,
    last_used_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    revoked_at      timestamptz,
    revoked_by      text
);
CREATE INDEX scim_tokens_by_organization ON scim_tokens (organization_id, created_at);

-- One row per user or group a SCIM request has written: the attributes as sent (those Roster does not model are
-- returned unchanged), the token that made it, and a version that is the resource's ETag with updated_at.
CREATE TABLE scim_resources (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    resource_type   text        NOT NULL CHECK (resource_type IN ('User', 'Group')),
    token_id        uuid REFERENCES scim_tokens (id),
    external_id     text,
    -- The userName as sent, lower-cased: unique among the organization's live SCIM users (null once deleted).
    user_name       text,
    attributes      jsonb       NOT NULL DEFAULT '{}',
    version         bigint      NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scim_resources_external_id ON scim_resources (organization_id, resource_type, external_id)
    WHERE external_id IS NOT NULL;

CREATE UNIQUE INDEX scim_resources_user_name ON scim_resources (organization_id, user_name)
    WHERE user_name IS NOT NULL;

CREATE TABLE scim_settings (
    organization_id    uuid PRIMARY KEY REFERENCES organizations (id),
    sends_invitations  boolean     NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text        NOT NULL
);
