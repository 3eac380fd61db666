-- Forgotten passwords: a single-use token (only its HMAC is kept) emailed to the user, valid 60 minutes.
CREATE TABLE password_resets (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    user_id         uuid        NOT NULL REFERENCES users (id),
    token_hash      bytea       NOT NULL UNIQUE,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_unused_by_user ON password_resets (user_id) WHERE used_at IS NULL;
