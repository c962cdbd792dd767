-- Corrections anyone may suggest on a public entry ("Foreslå en rettelse"), until an editor of
-- the owning organisation or a curator closes them with a reply. No IP address is stored: the
-- per-client rate limit lives in the server's memory. `form_nonce` is the nonce of the page
-- form's signed token, unique so a token is good for one suggestion (the API sends none).
CREATE TABLE correction_suggestions (
    id TEXT PRIMARY KEY NOT NULL,
    entry_id TEXT NOT NULL REFERENCES entries (id),
    text TEXT NOT NULL,
    email TEXT,
    form_nonce TEXT UNIQUE,
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    reply TEXT,
    closed_by TEXT,
    closed_at TIMESTAMP
);
CREATE INDEX correction_suggestions_by_entry ON correction_suggestions (entry_id, status);
CREATE INDEX correction_suggestions_by_time ON correction_suggestions (created_at);

-- Server-side secrets every server on this database shares, made on first use (hex): the key
-- the public forms' tokens are signed with, so a form one server rendered passes on another.
CREATE TABLE site_keys (
    name TEXT PRIMARY KEY NOT NULL,
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
