-- What an organization's login pages show: its display name and a logo (an https URL the browser loads; Roster
-- never fetches it).
ALTER TABLE organizations ADD COLUMN display_name text, ADD COLUMN logo_url text;
