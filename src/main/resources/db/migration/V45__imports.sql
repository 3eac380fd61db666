-- CSV imports of people: one job per file and one row per record, worked through in the background by whichever
-- node claims the rows. Each row is created in its own transaction, which also records its outcome.
CREATE TABLE imports (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    state           text        NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    -- The credential that started the import; every row acts as that credential is at that moment.
    caller_kind     text        NOT NULL,
    caller_id       uuid        NOT NULL,
    send_invitation boolean     NOT NULL,
    invitation_type text        NOT NULL,
    expires_in_days integer     NOT NULL,
    default_role    text        NOT NULL,
    total_rows      integer     NOT NULL,
    -- The counts per outcome, kept once the import has ended (while it runs they are counted from its rows).
    counts          jsonb,
    error_code      text,
    error_detail    text,
    -- Set while the organization's hourly invitation limit holds the import back.
    waiting_until   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    cancelled_by    text
);
CREATE INDEX imports_page ON imports (organization_id, created_at, id);
CREATE INDEX imports_active ON imports (created_at) WHERE state IN ('queued', 'running');

CREATE TABLE import_rows (
    id                    uuid PRIMARY KEY,
    import_id             uuid        NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    -- The record's number in the file, the header being 1, as a spreadsheet numbers it.
    row_number            integer     NOT NULL,
    email                 text        NOT NULL,
    first_name            text,
    last_name             text,
    roles                 jsonb       NOT NULL,
    groups                jsonb       NOT NULL,
    manager_email         text,
    outcome               text        NOT NULL DEFAULT 'pending' CHECK (outcome IN
                              ('pending', 'created', 'invited', 'already_member', 'failed', 'not_processed')),
    user_id               uuid,
    error_code            text,
    error_field           text,
    error_message         text,
    -- Set for rows that name a manager: linked in a second pass, once every row of the import has been created.
    manager_outcome       text CHECK (manager_outcome IN ('pending', 'linked', 'failed', 'skipped', 'not_processed')),
    manager_error_code    text,
    manager_error_message text,
    attempts              integer     NOT NULL DEFAULT 0,
    locked_until          timestamptz,
    UNIQUE (import_id, row_number)
);
CREATE INDEX import_rows_pending ON import_rows (import_id, row_number) WHERE outcome = 'pending';
CREATE INDEX import_rows_managers_pending ON import_rows (import_id, row_number) WHERE manager_outcome = 'pending';
CREATE INDEX import_rows_failed ON import_rows (import_id, row_number)
    WHERE outcome = 'failed' OR manager_outcome = 'failed';
