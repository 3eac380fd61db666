-- Every change that can alter what a credential may do is announced, at commit, on the channel roster_changes, so
-- that each node drops what it remembered of the credentials concerned (dev.roster.auth.CallerCache, fed by
-- dev.roster.shared.database.ChangeFeed). The payload is '<kind>:<id>': k an API key, u a user, o an organization,
-- a an application, w an organization's webhook endpoints. Triggers, not application code, so that no path that
-- writes these tables (a feature, a migration, an operator's SQL) can forget to announce it.
-- A transaction that notifies takes a database-wide lock at commit, so the hot paths stay silent: a key's
-- lastUsedAt, a seat count, and the role assignments of a user created in the same transaction announce nothing.

CREATE FUNCTION roster_announce_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('roster_changes', TG_ARGV[0] || ':'
        || (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[1]));
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_announce
    AFTER UPDATE ON api_keys FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.role_id IS DISTINCT FROM NEW.role_id)
    EXECUTE FUNCTION roster_announce_change('k', 'id');
CREATE TRIGGER api_keys_announce_delete
    AFTER DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION roster_announce_change('k', 'id');

CREATE TRIGGER roles_announce
    AFTER UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION roster_announce_change('o', 'organization_id');

CREATE TRIGGER users_announce
    AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION roster_announce_change('u', 'id');
CREATE TRIGGER users_announce_delete
    AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION roster_announce_change('u', 'id');

CREATE TRIGGER organizations_announce
    AFTER UPDATE ON organizations FOR EACH ROW
    WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION roster_announce_change('o', 'id');

CREATE TRIGGER applications_announce
    AFTER UPDATE OR DELETE ON applications FOR EACH ROW EXECUTE FUNCTION roster_announce_change('a', 'id');

CREATE TRIGGER webhook_endpoints_announce
    AFTER INSERT OR UPDATE OR DELETE ON webhook_endpoints FOR EACH ROW
    EXECUTE FUNCTION roster_announce_change('w', 'organization_id');

-- A role assignment changes what its user may do, unless the user was created in this very transaction (now() is
-- the transaction's start, which a user made earlier cannot carry): such a user has no credential yet.
CREATE FUNCTION roster_announce_assignment() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    changed uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
BEGIN
    IF TG_OP <> 'INSERT' OR NOT EXISTS (SELECT 1 FROM users WHERE id = changed AND created_at = now()) THEN
        PERFORM pg_notify('roster_changes', 'u:' || changed);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER role_assignments_announce
    AFTER INSERT OR UPDATE OR DELETE ON role_assignments FOR EACH ROW EXECUTE FUNCTION roster_announce_assignment();
