//! Storage errors. Queries return `diesel::QueryResult`; what can go wrong around them
//! (connecting, migrating, a stored document that no longer parses) is a `StorageError`, and so
//! is a guarded write that lost a race, which no diesel error describes.

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
    /// A guarded update found a newer revision than the one the writer read: another writer
    /// committed first, and this change, based on revision `read`, was not stored. `read` is 0
    /// when the writer found no record and another writer created it first.
    #[error("the {what} changed after revision {read} was read; another writer saved first")]
    LostRace { what: &'static str, read: i64 },
}
