-- A confidential application may act on its own (client_credentials) in one organization, with one of its roles.
ALTER TABLE applications ADD COLUMN service_organization_id uuid REFERENCES organizations (id),
    ADD COLUMN service_role_id uuid;
