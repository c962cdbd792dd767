-- Reference data keeps its history as entries do: each record counts its revisions (the ETag a
-- curator's PUT must name), and every version is kept with who wrote it.
ALTER TABLE organisations ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE categories ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE domains ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;

CREATE TABLE reference_revisions (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    revision BIGINT NOT NULL,
    actor TEXT NOT NULL,
    document TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, key, revision)
);

-- What the records hold now is their first known revision.
INSERT INTO reference_revisions (kind, key, revision, actor, document, created_at)
    SELECT 'organisation', code, 1, 'migration', document, updated_at FROM organisations;
INSERT INTO reference_revisions (kind, key, revision, actor, document, created_at)
    SELECT 'category', slug, 1, 'migration', document, updated_at FROM categories;
INSERT INTO reference_revisions (kind, key, revision, actor, document, created_at)
    SELECT 'domain', slug, 1, 'migration', document, updated_at FROM domains;
