-- Email domains an organization claims. Verification proves control of the domain's DNS (a TXT record at
-- _roster-challenge.<domain>); a verified domain belongs to one organization only.
CREATE TABLE domains (
    id                 uuid PRIMARY KEY,
    organization_id    uuid        NOT NULL REFERENCES organizations (id),
    name               text        NOT NULL,
    verification_value text        NOT NULL,
    verified_at        timestamptz,
    verified_by        text,
    sso_required       boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by         text        NOT NULL
);
CREATE UNIQUE INDEX domains_per_organization ON domains (organization_id, name);
CREATE UNIQUE INDEX domains_verified_once ON domains (name) WHERE verified_at IS NOT NULL;
CREATE INDEX domains_page ON domains (organization_id, created_at, id);
