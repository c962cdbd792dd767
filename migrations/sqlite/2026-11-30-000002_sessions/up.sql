-- Signed-in browser sessions, shared by every server on this database. The session id itself is
-- never stored: `id_hash` is its SHA-256 (hex), so a copy of this table signs nobody in. Times
-- are UTC, written by the server; the idle time-out is counted from `last_seen_at`, the absolute
-- one is `expires_at`.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    issuer TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    org_code TEXT,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
