-- Refresh tokens rotate in families (RFC 9700 section 4.14): each sign-in starts one, each refresh adds the next
-- token to it, and a spent token used again revokes the whole family.
ALTER TABLE refresh_tokens ADD COLUMN family_id uuid;
UPDATE refresh_tokens SET family_id = id;
ALTER TABLE refresh_tokens ALTER COLUMN family_id SET NOT NULL;
ALTER TABLE refresh_tokens ADD COLUMN revoked_at timestamptz;
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_live_by_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL AND used_at IS NULL;

-- A password-change challenge works once: its id is kept here until it would have expired anyway.
CREATE TABLE spent_challenges (
    id         uuid PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- Sign-in attempts per email (an HMAC of the lower-cased address), counted before the password is checked and
-- whether or not any user has the email, so that known and unknown addresses answer alike.
CREATE TABLE sign_in_attempts (
    email_hash   bytea PRIMARY KEY,
    attempts     integer     NOT NULL,
    window_start timestamptz NOT NULL
);
ALTER TABLE user_credentials DROP COLUMN failed_attempts, DROP COLUMN last_failed_at;

-- SSO-only users sign in through SSO alone: a password kept from before the switch goes.
DELETE FROM user_credentials WHERE user_id IN (SELECT id FROM users WHERE NOT allow_password_auth);
