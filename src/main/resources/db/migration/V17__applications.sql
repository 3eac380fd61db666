-- Applications that sign users in through Roster as an OpenID Connect provider. A confidential application keeps
-- only an HMAC of its client secret (never in a list query); a public one has none and uses PKCE. Made by the
-- platform (partner_key_id null) or by a partner key, which alone among partners sees it. organization_ids null
-- means every organization the owner reaches. Deleted applications keep their row, so that their client_id is
-- never given out again and what was issued to them can still be recognised as theirs; their secret goes.
CREATE TABLE applications (
    id                        uuid PRIMARY KEY,
    client_id                 text        NOT NULL UNIQUE,
    name                      text        NOT NULL,
    type                      text        NOT NULL CHECK (type IN ('confidential', 'public')),
    redirect_uris             text[]      NOT NULL,
    post_logout_redirect_uris text[]      NOT NULL DEFAULT '{}',
    organization_ids          uuid[],
    partner_key_id            uuid REFERENCES api_keys (id),
    secret_hash               bytea,
    secret_rotated_at         timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    created_by                text        NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    updated_by                text        NOT NULL,
    deleted_at                timestamptz,
    deleted_by                text,
    CHECK (deleted_at IS NOT NULL OR (type = 'confidential') = (secret_hash IS NOT NULL))
);

CREATE INDEX applications_page ON applications (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX applications_by_partner ON applications (partner_key_id, created_at, id) WHERE deleted_at IS NULL;
