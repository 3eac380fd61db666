-- Roles are sets of permissions. The two built-in roles belong to no organization and have fixed ids; custom
-- roles belong to one. Role assignments replace users.roles, and pending assignments replace
-- invitations.pending_roles: they take effect when the invitation is accepted.
CREATE TABLE roles (
    id              uuid PRIMARY KEY,
    organization_id uuid REFERENCES organizations (id),
    built_in        boolean     NOT NULL DEFAULT false,
    name            text        NOT NULL,
    description     text,
    permissions     text[]      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL,
    CHECK (built_in = (organization_id IS NULL))
);
CREATE UNIQUE INDEX roles_name ON roles (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'), lower(name));
CREATE INDEX roles_page ON roles (organization_id, created_at, id);

INSERT INTO roles (id, built_in, name, description, permissions, created_at, created_by, updated_by) VALUES
    ('00000000-0000-4000-8000-000000000001', true, 'admin', 'Everything in the organization.',
     ARRAY['organization:read', 'organization:manage', 'users:read', 'users:write', 'users:invite', 'roles:read',
           'roles:manage', 'environments:read', 'environments:manage', 'groups:read', 'groups:manage',
           'keys:manage', 'webhooks:manage', 'audit:read'],
     '2026-01-01T00:00:00Z', 'system', 'system'),
    ('00000000-0000-4000-8000-000000000002', true, 'user', 'Reads its own profile.', ARRAY[]::text[],
     '2026-01-01T00:00:01Z', 'system', 'system');

-- The first kind of resource a role can be scoped to.
CREATE TABLE environments (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL
);
CREATE UNIQUE INDEX environments_name ON environments (organization_id, lower(name));
CREATE INDEX environments_page ON environments (organization_id, created_at, id);

-- A role held by a user across the organization (resource_id null) or on one environment.
CREATE TABLE role_assignments (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    user_id         uuid        NOT NULL REFERENCES users (id),
    role_id         uuid        NOT NULL REFERENCES roles (id),
    resource_id     uuid REFERENCES environments (id),
    pending         boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL
);
CREATE UNIQUE INDEX role_assignments_once
    ON role_assignments (user_id, role_id, coalesce(resource_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX role_assignments_by_role ON role_assignments (role_id);
CREATE INDEX role_assignments_by_resource ON role_assignments (resource_id) WHERE resource_id IS NOT NULL;

INSERT INTO role_assignments (id, organization_id, user_id, role_id, pending, created_at, created_by)
SELECT gen_random_uuid(), u.organization_id, u.id, r.id, false, u.created_at, u.created_by
FROM users u CROSS JOIN LATERAL unnest(u.roles) AS given(name) JOIN roles r ON r.built_in AND r.name = given.name;

INSERT INTO role_assignments (id, organization_id, user_id, role_id, pending, created_at, created_by)
SELECT gen_random_uuid(), i.organization_id, i.user_id, r.id, true, i.created_at, i.created_by
FROM invitations i CROSS JOIN LATERAL unnest(i.pending_roles) AS given(name)
    JOIN roles r ON r.built_in AND r.name = given.name
WHERE i.pending_roles IS NOT NULL AND i.status = 'pending'
ON CONFLICT DO NOTHING;

ALTER TABLE users DROP COLUMN roles;
ALTER TABLE invitations DROP COLUMN pending_roles;

-- Organization keys carry a role: built-in or custom.
ALTER TABLE api_keys ADD COLUMN role_id uuid REFERENCES roles (id);
UPDATE api_keys SET role_id = CASE role WHEN 'admin' THEN '00000000-0000-4000-8000-000000000001'::uuid
                                        ELSE '00000000-0000-4000-8000-000000000002'::uuid END;
ALTER TABLE api_keys ALTER COLUMN role_id SET NOT NULL;
ALTER TABLE api_keys DROP COLUMN role;
CREATE INDEX api_keys_by_role ON api_keys (role_id);
