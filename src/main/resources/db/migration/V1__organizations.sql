-- Plans and their seat limits live here, in one place: the guarded seat update reads them in the same statement.
CREATE FUNCTION plan_seat_limit(plan text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE plan WHEN 'free' THEN 1 WHEN 'starter' THEN 5 WHEN 'business' THEN 25 END;

CREATE TABLE organizations (
    id                  uuid PRIMARY KEY,
    name                text        NOT NULL,
    plan                text        NOT NULL CHECK (plan IN ('free', 'starter', 'business', 'enterprise')),
    seat_limit_override integer     CHECK (seat_limit_override >= 0),
    seats_used          integer     NOT NULL DEFAULT 0 CHECK (seats_used >= 0),
    partner_key_id      uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text        NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by          text        NOT NULL,
    deleted_at          timestamptz
);

CREATE INDEX organizations_page ON organizations (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_partner_page ON organizations (partner_key_id, created_at, id) WHERE deleted_at IS NULL;

-- Server-wide secrets that must be shared by every node (the key pepper, when none is configured).
CREATE TABLE server_secrets (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);
