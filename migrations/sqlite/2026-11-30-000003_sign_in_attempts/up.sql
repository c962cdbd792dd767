-- Sign-ins under way at the identity provider: what the callback must check. The browser holds
-- a random attempt id in a short-lived cookie; only its SHA-256 is stored. A row is used once
-- (deleted when the callback reads it) and rows older than ten minutes are swept.
CREATE TABLE sign_in_attempts (
    id_hash TEXT PRIMARY KEY NOT NULL,
    csrf_state TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    return_to TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
