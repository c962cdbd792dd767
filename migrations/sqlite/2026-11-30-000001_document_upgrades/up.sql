-- Which upgrades of the entry document format have run. The upgrade itself is Rust code (the one
-- function in crates/aikatalog-domain/src/schema_version.rs), which `migrate` runs right after
-- the SQL migrations on the current documents and records here, so it runs once per version.
-- Revisions are never rewritten: readers pass them through the same function.
CREATE TABLE document_upgrades (
    schema_version BIGINT PRIMARY KEY NOT NULL,
    entries_upgraded BIGINT NOT NULL,
    ran_at TIMESTAMP NOT NULL
);
