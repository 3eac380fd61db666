-- The OpenID Connect provider's authorizations: one row per sign-in of a user to an application (or per
-- client_credentials grant), holding the authorization request, the code, and the current access, refresh and ID
-- tokens. Tokens are stored only as HMACs under the server pepper. version makes every change compare-and-set,
-- so that a code or a refresh token spent twice at once is seen, and the whole authorization revoked.
CREATE TABLE oauth2_authorizations (
    id                   text PRIMARY KEY,
    version              bigint      NOT NULL DEFAULT 0,
    application_id       uuid        NOT NULL REFERENCES applications (id),
    principal_name       text        NOT NULL,
    user_id              uuid REFERENCES users (id),
    organization_id      uuid,
    session_id           uuid,
    auth_time            timestamptz,
    grant_type           text        NOT NULL,
    scopes               jsonb       NOT NULL,
    request              jsonb,
    code_hash            bytea UNIQUE,
    code_issued_at       timestamptz,
    code_expires_at      timestamptz,
    code_invalidated     boolean     NOT NULL DEFAULT false,
    access_hash          bytea UNIQUE,
    access_issued_at     timestamptz,
    access_expires_at    timestamptz,
    access_scopes        jsonb,
    access_claims        jsonb,
    access_invalidated   boolean     NOT NULL DEFAULT false,
    refresh_hash         bytea UNIQUE,
    refresh_issued_at    timestamptz,
    refresh_expires_at   timestamptz,
    refresh_invalidated  boolean     NOT NULL DEFAULT false,
    id_token_hash        bytea UNIQUE,
    id_token_issued_at   timestamptz,
    id_token_expires_at  timestamptz,
    id_token_claims      jsonb,
    id_token_invalidated boolean     NOT NULL DEFAULT false,
    revoked_at           timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX oauth2_authorizations_of_user ON oauth2_authorizations (user_id) WHERE revoked_at IS NULL;
CREATE INDEX oauth2_authorizations_of_organization ON oauth2_authorizations (organization_id)
    WHERE revoked_at IS NULL;

-- Refresh tokens already exchanged: one coming back means its family was stolen, and revokes the authorization.
CREATE TABLE oauth2_spent_refresh_tokens (
    token_hash       bytea PRIMARY KEY,
    authorization_id text NOT NULL REFERENCES oauth2_authorizations (id) ON DELETE CASCADE
);

CREATE INDEX oauth2_spent_refresh_tokens_of ON oauth2_spent_refresh_tokens (authorization_id);

-- Consents a user gave an application (Roster's applications are first-party and ask none today; kept so that a
-- consent screen needs no new storage).
CREATE TABLE oauth2_consents (
    application_id uuid  NOT NULL REFERENCES applications (id),
    principal_name text  NOT NULL,
    authorities    jsonb NOT NULL,
    PRIMARY KEY (application_id, principal_name)
);
