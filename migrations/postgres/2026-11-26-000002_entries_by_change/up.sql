-- The work list (GET /me/entries) pages entries by their latest change.
CREATE INDEX entries_owner_updated ON entries (owner_code, updated_at);
CREATE INDEX entries_updated ON entries (updated_at);
