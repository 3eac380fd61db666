-- The seat counter leaves the organization's row for a row of its own. Every insert that references an
-- organization (a user, a role assignment, an audit event) takes a key-share lock on the organization's row; while
-- the counter lived there, each create also updated that row, so concurrent creates in one organization kept
-- rewriting a row that all of them had locked, at the cost of a new MultiXact each time. Nothing references this
-- row, so updating it locks only what the seat limit needs.
CREATE TABLE organization_seats (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id),
    used            integer NOT NULL DEFAULT 0 CHECK (used >= 0)
);

INSERT INTO organization_seats (organization_id, used) SELECT id, seats_used FROM organizations;

ALTER TABLE organizations DROP COLUMN seats_used;

CREATE FUNCTION roster_organization_seats() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO organization_seats (organization_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER organizations_seats
    AFTER INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION roster_organization_seats();
