-- The members list sorts by name: one key per user, as the console shows the name (the name, else first and last
-- name, else the email), lower-cased. Keyset pages walk (organization, key, id), so equal names page by id.
ALTER TABLE users ADD COLUMN sort_name text GENERATED ALWAYS AS (
    lower(coalesce(name, nullif(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), email))
) STORED;
CREATE INDEX users_name_page ON users (organization_id, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX users_deleted_name_page ON users (organization_id, sort_name, id) WHERE deleted_at IS NOT NULL;
