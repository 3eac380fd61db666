-- The names of the roles each user holds across its organization, in effect (role_names) and waiting for an
-- invitation's acceptance (pending_role_names), sorted, kept on the user's row so that a page of users reads them
-- without a lookup per row. Triggers keep them: every change to a user's organization-wide assignments, and every
-- rename of a role, recomputes them in the same transaction.

ALTER TABLE users ADD COLUMN role_names text[] NOT NULL DEFAULT '{}',
    ADD COLUMN pending_role_names text[] NOT NULL DEFAULT '{}';

UPDATE users u SET role_names = held.roles, pending_role_names = held.pending
FROM (SELECT a.user_id,
             coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE NOT a.pending), '{}') AS roles,
             coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE a.pending), '{}') AS pending
      FROM role_assignments a JOIN roles r ON r.id = a.role_id
      WHERE a.resource_id IS NULL
      GROUP BY a.user_id) held
WHERE u.id = held.user_id;

-- Recomputes one user's names. The row lock first, then a fresh read (each statement of a volatile function takes
-- its own snapshot): two transactions changing one user's roles at once apply one after the other, and the second
-- sees the first's assignments. FOR NO KEY UPDATE does not conflict with the key-share locks that inserting an
-- assignment takes on its user, so this cannot deadlock with them.
-- Its statements run with generic plans: the planner otherwise re-planned the aggregate for every second call,
-- which cost more than running it.
CREATE FUNCTION roster_recompute_role_names(target uuid) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    held    text[];
    pending text[];
BEGIN
    PERFORM 1 FROM users WHERE id = target FOR NO KEY UPDATE;
    SELECT coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE NOT a.pending), '{}'),
           coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE a.pending), '{}')
    INTO held, pending
    FROM role_assignments a JOIN roles r ON r.id = a.role_id
    WHERE a.user_id = target AND a.resource_id IS NULL;
    UPDATE users SET role_names = held, pending_role_names = pending
    WHERE id = target AND (role_names IS DISTINCT FROM held OR pending_role_names IS DISTINCT FROM pending);
END
$$;

CREATE FUNCTION roster_assignment_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.resource_id IS NULL THEN
        PERFORM roster_recompute_role_names(OLD.user_id);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.resource_id IS NULL
        AND (TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
        PERFORM roster_recompute_role_names(NEW.user_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER role_assignments_role_names
    AFTER INSERT OR UPDATE OR DELETE ON role_assignments
    FOR EACH ROW EXECUTE FUNCTION roster_assignment_changed();

CREATE FUNCTION roster_role_renamed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM roster_recompute_role_names(holder.user_id)
    FROM (SELECT DISTINCT user_id FROM role_assignments WHERE role_id = NEW.id AND resource_id IS NULL) holder;
    RETURN NULL;
END
$$;

CREATE TRIGGER roles_role_names
    AFTER UPDATE OF name ON roles
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION roster_role_renamed();
