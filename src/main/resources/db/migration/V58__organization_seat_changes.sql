-- An organization without a seat limit no longer queues its creates on its seat counter. While every create updated
-- the counter's row, creates in one organization waited for each other's commit there, though without a limit there
-- is nothing to check. Now a seat taken or given back without a limit is a row of its own here, inserted without
-- waiting for anyone; the counter is the row in organization_seats plus these changes, and a periodic pass folds
-- them into it. An organization with a limit still takes its seats on the counter's row, under its lock, counting
-- the changes not yet folded (normally none: only creates that began before the limit was set leave any).
CREATE TABLE organization_seat_changes (
    organization_id uuid    NOT NULL,
    change          integer NOT NULL CHECK (change IN (-1, 1))
);

CREATE INDEX organization_seat_changes_organization ON organization_seat_changes (organization_id);

-- The seats an organization uses: the counter and the changes not yet folded into it.
CREATE FUNCTION organization_seats_used(org uuid) RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN coalesce((SELECT used FROM organization_seats WHERE organization_id = org), 0)
        + coalesce((SELECT sum(change) FROM organization_seat_changes WHERE organization_id = org), 0)::integer;
