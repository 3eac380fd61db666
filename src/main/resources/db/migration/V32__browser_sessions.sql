-- Server-side browser sessions of the hosted login and the console. The cookie holds 256 random bits; only their
-- HMAC is stored. A session ends when it is idle too long (last_seen_at), at its absolute expiry, or when it is
-- ended (sign-out, a password change, deactivation): ended_at is then set and the row kept for the user's list.
CREATE TABLE browser_sessions (
    id              uuid PRIMARY KEY,
    token_hash      bytea       NOT NULL UNIQUE,
    user_id         uuid        NOT NULL REFERENCES users (id),
    organization_id uuid        NOT NULL,
    method          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    user_agent      text,
    address         text
);

CREATE INDEX browser_sessions_of_user ON browser_sessions (user_id, created_at DESC);
