-- Secrets at rest. The values themselves are sealed by Roster on start (the master key is never in the database);
-- this adds what signing-key rotation and idempotent replays need.

-- A key is published (JWKS, every node's verification keys) before it signs: it signs from activates_at on. A
-- retired key stops signing at retired_at and verifies until its longest token has expired.
ALTER TABLE signing_keys ADD COLUMN activates_at timestamptz NOT NULL DEFAULT now();
UPDATE signing_keys SET activates_at = created_at;

-- The permission checks the first request passed: a replay is served only while the credential still passes them.
ALTER TABLE idempotency_keys ADD COLUMN required_permissions text[];
