-- The console's operator sessions: a browser session that stands for a platform or partner key (by its id, never
-- its secret) instead of a user. It ends like any session, and also when its key is revoked.
ALTER TABLE browser_sessions ADD COLUMN api_key_id uuid REFERENCES api_keys (id);
ALTER TABLE browser_sessions ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE browser_sessions ALTER COLUMN organization_id DROP NOT NULL;
ALTER TABLE browser_sessions ADD CONSTRAINT browser_sessions_user_or_key
    CHECK ((user_id IS NULL) <> (api_key_id IS NULL));
CREATE INDEX browser_sessions_of_key ON browser_sessions (api_key_id, created_at DESC) WHERE api_key_id IS NOT NULL;
