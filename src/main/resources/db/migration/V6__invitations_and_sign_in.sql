-- Polytomic: roles given with an invitation may wait for its acceptance.
ALTER TABLE organizations ADD COLUMN roles_take_effect text NOT NULL DEFAULT 'immediately'
    CHECK (roles_take_effect IN ('immediately', 'on_accept'));

-- The minimal SSO configuration that SSO-only users need; the sign-in protocol itself is a later step.
CREATE TABLE sso_providers (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        NOT NULL,
    protocol        text        NOT NULL CHECK (protocol IN ('oidc', 'saml')),
    issuer          text        NOT NULL,
    client_id       text,
    enabled         boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL
);
CREATE INDEX sso_providers_page ON sso_providers (organization_id, created_at, id);

-- One invitation per user, renewed in place by resend. 'expired' is not stored: a pending invitation past
-- expires_at is expired.
CREATE TABLE invitations (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    user_id         uuid        NOT NULL UNIQUE REFERENCES users (id),
    email           text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('link', 'temporary_password')),
    token_hash      bytea UNIQUE,
    status          text        NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
    delivery        text        NOT NULL CHECK (delivery IN ('queued', 'sent', 'failed')),
    message_id      uuid,
    pending_roles   text[],
    expires_at      timestamptz NOT NULL,
    send_count      integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    accepted_at     timestamptz,
    revoked_at      timestamptz,
    revoked_by      text
);
CREATE INDEX invitations_page ON invitations (organization_id, created_at, id);
CREATE INDEX invitations_by_message ON invitations (message_id);

-- Passwords (Argon2id), never in a default column list of anything that answers the API.
CREATE TABLE user_credentials (
    user_id         uuid PRIMARY KEY REFERENCES users (id),
    password_hash   text        NOT NULL,
    must_change     boolean     NOT NULL DEFAULT false,
    expires_at      timestamptz,
    failed_attempts integer     NOT NULL DEFAULT 0,
    last_failed_at  timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    token_hash bytea       NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);

-- JWT signing keys, shared by every node.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);
