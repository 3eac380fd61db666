-- Whether the expiry of a pending invitation has been announced (audit event and webhook invitation.expired).
ALTER TABLE invitations ADD COLUMN expiry_announced boolean NOT NULL DEFAULT false;
CREATE INDEX invitations_to_expire ON invitations (expires_at) WHERE status = 'pending' AND NOT expiry_announced;
