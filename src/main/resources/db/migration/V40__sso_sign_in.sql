-- Signing in through an organization's OpenID Connect provider (issue #13).

-- The provider's settings. client_secret is sealed by Roster (SecretBox) and never in a default column list.
ALTER TABLE sso_providers
    ADD COLUMN client_secret       text,
    ADD COLUMN scopes              text[]  NOT NULL DEFAULT ARRAY['openid', 'email', 'profile'],
    ADD COLUMN groups_claim        text,
    ADD COLUMN jit_provisioning    text    NOT NULL DEFAULT 'off'
        CHECK (jit_provisioning IN ('off', 'invited_only', 'verified_domains')),
    ADD COLUMN default_role_id     uuid,
    ADD COLUMN group_roles         jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN link_existing_users boolean NOT NULL DEFAULT false;

-- A sign-in in flight: created by /sso/start, spent by the callback (spent_at; kept until it expires so that a
-- replay is recognised and audited for its organization). Only hashes of the state and of the browser's cookie are
-- kept; the PKCE verifier is sealed. Rows past expires_at are worthless and swept.
CREATE TABLE sso_states (
    state_hash      bytea PRIMARY KEY,
    browser_hash    bytea       NOT NULL,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    provider_id     uuid        NOT NULL REFERENCES sso_providers (id) ON DELETE CASCADE,
    nonce           text        NOT NULL,
    code_verifier   text        NOT NULL,
    continue_url    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    spent_at        timestamptz
);
CREATE INDEX sso_states_expiry ON sso_states (expires_at);

-- Who a provider's subject is in Roster: keyed on (provider, sub), never on the email.
CREATE TABLE sso_identities (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    provider_id     uuid        NOT NULL REFERENCES sso_providers (id) ON DELETE CASCADE,
    subject         text        NOT NULL,
    user_id         uuid        NOT NULL REFERENCES users (id),
    email           text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX sso_identities_subject ON sso_identities (provider_id, subject);
CREATE INDEX sso_identities_by_user ON sso_identities (organization_id, user_id, created_at, id);
