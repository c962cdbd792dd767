DROP TABLE reference_revisions;
ALTER TABLE domains DROP COLUMN revision;
ALTER TABLE categories DROP COLUMN revision;
ALTER TABLE organisations DROP COLUMN revision;
