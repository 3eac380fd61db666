-- A user created with roles is inserted with their names on its row already (the role feature resolves them before
-- the insert), so assigning those roles next in the same transaction need not lock the row, aggregate its
-- assignments and write it again. An assignment's insert leaves the names alone when the user's row was written by
-- this transaction (its xmin) in a transaction that started as this one did (created_at is now()), that is when the
-- row was inserted here and no other transaction can see it, and when the row already carries the role's name in
-- the list it belongs to (held, or pending acceptance). Any other change recomputes the names as V51 does.

CREATE OR REPLACE FUNCTION roster_assignment_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.resource_id IS NULL THEN
        PERFORM roster_recompute_role_names(OLD.user_id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.resource_id IS NULL
        AND (TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
        IF TG_OP = 'INSERT' AND EXISTS (
                SELECT 1 FROM users u JOIN roles r ON r.id = NEW.role_id
                WHERE u.id = NEW.user_id
                  AND u.xmin = pg_current_xact_id()::xid AND u.created_at = now()
                  AND r.name = ANY (CASE WHEN NEW.pending THEN u.pending_role_names ELSE u.role_names END)) THEN
            RETURN NULL;
        END IF;
        PERFORM roster_recompute_role_names(NEW.user_id);
    END IF;
    RETURN NULL;
END
$$;
