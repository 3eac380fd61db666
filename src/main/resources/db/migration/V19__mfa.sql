-- TOTP (RFC 6238) per user: the shared secret, sealed under the master key like every secret Roster reads back;
-- the last time step a code was accepted for, so that each code works once; and ten single-use recovery codes,
-- kept as HMACs. users.mfa_enabled says whether sign-in asks for a code.
CREATE TABLE user_totp (
    user_id        uuid PRIMARY KEY REFERENCES users (id),
    secret         text        NOT NULL,
    confirmed_at   timestamptz,
    last_used_step bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mfa_recovery_codes (
    user_id   uuid  NOT NULL REFERENCES users (id),
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
