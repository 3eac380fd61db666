-- The organization's structure: a user's manager, groups (departments, teams...) and positions.
ALTER TABLE users ADD COLUMN manager_id uuid REFERENCES users (id);
CREATE INDEX users_by_manager ON users (organization_id, manager_id) WHERE manager_id IS NOT NULL;

CREATE TABLE groups (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        NOT NULL,
    type            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL
);
CREATE UNIQUE INDEX groups_name ON groups (organization_id, lower(name));
CREATE INDEX groups_page ON groups (organization_id, created_at, id);

CREATE TABLE group_members (
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    group_id        uuid        NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id),
    is_primary      boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);
-- At most one primary group per user.
CREATE UNIQUE INDEX group_members_one_primary ON group_members (user_id) WHERE is_primary;
CREATE INDEX group_members_by_user ON group_members (user_id);

CREATE TABLE positions (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text        NOT NULL
);
CREATE UNIQUE INDEX positions_name ON positions (organization_id, lower(name));
CREATE INDEX positions_page ON positions (organization_id, created_at, id);

CREATE TABLE user_positions (
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    user_id         uuid        NOT NULL REFERENCES users (id),
    position_id     uuid        NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, position_id)
);
CREATE INDEX user_positions_by_position ON user_positions (position_id);
