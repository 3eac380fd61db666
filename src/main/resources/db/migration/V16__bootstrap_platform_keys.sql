-- Platform keys made at start (ROSTER_BOOTSTRAP_KEY, or the generated bootstrap-key file) are marked, so that a
-- start with another ROSTER_BOOTSTRAP_KEY revokes them, and leaves the named platform keys an operator made
-- through the API. Until now start-up made every platform key.
ALTER TABLE api_keys ADD COLUMN bootstrap boolean NOT NULL DEFAULT false;
UPDATE api_keys SET bootstrap = true WHERE kind = 'platform';
CREATE INDEX api_keys_live_platform ON api_keys (id) WHERE kind = 'platform' AND revoked_at IS NULL;

-- A key an operator chose showed as many characters as a generated key's prefix and random start together: keep
-- only the first six of it.
UPDATE api_keys SET prefix = left(prefix, 6) WHERE prefix NOT LIKE 'roster\_%';
