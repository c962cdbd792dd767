//! Storage errors. Queries return `diesel::QueryResult`; what can go wrong around them
//! (connecting, migrating, a stored document that no longer parses) is a `StorageError`.

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("invalid database URL {url}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("cannot reach the database at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("migrations failed: {0}")]
    Migration(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    #[error("a stored document does not parse: {0}")]
    Corrupt(#[from] serde_json::Error),
}
