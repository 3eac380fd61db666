-- One index for a live user's email within its organization, where there were two: users_email_per_organization
-- (unique) and users_email_prefix (text_pattern_ops, for prefix search). Equality is the same operator under both
-- operator classes, so the unique index in byte order keeps one live user per email and serves prefix search too;
-- every create, email change and deletion writes one index fewer. The index keeps the unique one's name.

CREATE UNIQUE INDEX users_email_in_organization ON users (organization_id, email text_pattern_ops)
    WHERE deleted_at IS NULL;
DROP INDEX users_email_per_organization;
DROP INDEX users_email_prefix;
ALTER INDEX users_email_in_organization RENAME TO users_email_per_organization;
