CREATE TABLE users (
    id                  uuid PRIMARY KEY,
    organization_id     uuid        NOT NULL REFERENCES organizations (id),
    email               text        NOT NULL CHECK (email = lower(email)),
    first_name          text,
    last_name           text,
    name                text,
    mobile_phone        text,
    roles               text[]      NOT NULL,
    status              text        NOT NULL CHECK (status IN ('invited', 'active', 'deactivated')),
    allow_password_auth boolean     NOT NULL DEFAULT true,
    send_invitation     boolean     NOT NULL DEFAULT true,
    mfa_enabled         boolean     NOT NULL DEFAULT false,
    activated_at        timestamptz,
    last_login_at       timestamptz,
    metadata            jsonb       NOT NULL DEFAULT '{}',
    external_id         text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text        NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by          text        NOT NULL,
    deleted_at          timestamptz,
    deleted_by          text
);

-- One live user per email in an organization; platform-wide uniqueness is a setting, checked under a lock.
CREATE UNIQUE INDEX users_email_per_organization ON users (organization_id, email) WHERE deleted_at IS NULL;
CREATE INDEX users_email ON users (email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_external_id ON users (organization_id, external_id)
    WHERE deleted_at IS NULL AND external_id IS NOT NULL;

-- Keyset pages: (created_at, id) within an organization, live or deleted.
CREATE INDEX users_page ON users (organization_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX users_deleted_page ON users (organization_id, created_at, id) WHERE deleted_at IS NOT NULL;
-- Prefix search on email and display name.
CREATE INDEX users_email_prefix ON users (organization_id, email text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX users_name_prefix ON users (organization_id, lower(name) text_pattern_ops) WHERE deleted_at IS NULL;
