-- The catalogue's first schema. Portable by design: ids and JSON documents are TEXT, timestamps
-- are generated in Rust, so one diesel codebase serves SQLite and PostgreSQL.

CREATE TABLE organisations (
    code TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    region_code TEXT,
    document TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind);

CREATE TABLE categories (
    slug TEXT PRIMARY KEY NOT NULL,
    number INTEGER NOT NULL,
    name_da TEXT NOT NULL,
    document TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE domains (
    slug TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    name_da TEXT NOT NULL,
    document TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Use cases and algorithms. `document` is the newest revision (perhaps a draft or a pending
-- change); `published_document` is what the public sees, kept until a newer one is published.
CREATE TABLE entries (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    owner_code TEXT NOT NULL REFERENCES organisations (code),
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    revision BIGINT NOT NULL,
    document TEXT NOT NULL,
    published_revision BIGINT,
    published_document TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (kind, slug)
);
CREATE INDEX entries_kind_state ON entries (kind, state);
CREATE INDEX entries_owner ON entries (owner_code);

-- Facts derived from each entry's published document (owner, partners, categories, domains,
-- vendors, algorithms used), so pages can count and filter without parsing JSON.
CREATE TABLE entry_relations (
    entry_id TEXT NOT NULL REFERENCES entries (id),
    relation TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (entry_id, relation, target)
);
CREATE INDEX entry_relations_target ON entry_relations (relation, target);

-- An organisation's declaration that it reuses someone else's entry.
CREATE TABLE adoptions (
    entry_id TEXT NOT NULL REFERENCES entries (id),
    org_code TEXT NOT NULL REFERENCES organisations (code),
    adopted_on DATE NOT NULL,
    note TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, org_code)
);

-- Every change to an entry as a full snapshot: history is never rewritten.
CREATE TABLE revisions (
    entry_id TEXT NOT NULL REFERENCES entries (id),
    revision BIGINT NOT NULL,
    state TEXT NOT NULL,
    transition TEXT NOT NULL,
    actor TEXT NOT NULL,
    message TEXT,
    document TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, revision)
);

-- Changes the search index must apply, written in the same transaction as the change itself.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    entry_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
