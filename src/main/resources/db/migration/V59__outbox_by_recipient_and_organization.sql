-- The per-recipient invitation limit counts one organization's recent messages to one address. With the old index
-- (recipient, kind, created_at) the organization was a filter, so a plan made before statistics existed (every
-- plan in a new deployment, and the one a connection keeps) could prefer outbox_by_organization and read every
-- invitation the organization sent in the window to count one recipient's: 2.5 ms after 2,500 invitations, and
-- growing with each. With the organization in this index, it is the cheaper one with or without statistics.
DROP INDEX outbox_by_recipient;
CREATE INDEX outbox_by_recipient ON outbox_messages (recipient, kind, organization_id, created_at);
