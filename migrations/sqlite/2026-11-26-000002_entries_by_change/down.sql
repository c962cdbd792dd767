DROP INDEX entries_updated;
DROP INDEX entries_owner_updated;
