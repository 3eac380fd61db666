-- A SCIM token revoked (or deleted) is announced like an API key ('k:' and its id), so that every node forgets it
-- within the change feed's bound (see V50).
CREATE TRIGGER scim_tokens_announce
    AFTER UPDATE ON scim_tokens FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at)
    EXECUTE FUNCTION roster_announce_change('k', 'id');
CREATE TRIGGER scim_tokens_announce_delete
    AFTER DELETE ON scim_tokens FOR EACH ROW EXECUTE FUNCTION roster_announce_change('k', 'id');
