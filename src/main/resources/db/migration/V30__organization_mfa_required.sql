-- An organization may require every user to sign in with a second factor: a user without an authenticator
-- enrolls one at its next sign-in, before it gets any token.
ALTER TABLE organizations ADD COLUMN mfa_required boolean NOT NULL DEFAULT false;
