-- The members list sorts by name: one key per user, as the console shows the name (the name, else first and last
-- name, else the email), lower-cased. Keyset pages walk (organization, key, id), so equal names page by id.
ALTER TABLE users ADD COLUMN sort_name text GENERATED ALWAYS AS (
    lower(coalesce(name, nullif(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), email))
) STORED;
CREATE INDEX users_name_page ON users (organization_id, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX users_deleted_name_page ON users (organization_id, sort_name, id) WHERE deleted_at IS NOT NULL;
-- A status filter (and the count of invited members the seat meter shows) reads only that status's rows, in page
-- order, instead of walking every member of a large organization.
CREATE INDEX users_status_page ON users (organization_id, status, created_at, id) WHERE deleted_at IS NULL;
-- The role filter reads the holders of one role across the organization from here, not every assignment.
CREATE INDEX role_assignments_holders ON role_assignments (role_id, user_id) WHERE resource_id IS NULL AND NOT pending;
