//! The search crate's errors. Everything that can fail while opening, filling or querying the
//! index is a [`SearchError`]; callers on the request path map [`SearchError::Rejected`] to a 400
//! that names the limit, [`SearchError::TimedOut`] to a 503 and the rest to a 500; callers at
//! start decide between rebuilding and giving up.

use std::path::{Path, PathBuf};

use aikatalog_storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// There is no index in the folder yet (a first start).
    #[error("there is no index yet")]
    Missing,
    /// The index cannot be used as it is and should be rebuilt from the database.
    #[error("the index cannot be used: {0}")]
    Unusable(String),
    #[error(
        "another process is writing to the index; give each server its own AIKATALOG_INDEX_DIR"
    )]
    Locked,
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Synonyms(#[from] crate::synonyms::SynonymError),
    #[error(transparent)]
    Crosslingual(#[from] crate::crosslingual::CrosslingualError),
    /// The query is over one of the [`crate::QueryLimits`]; it did not run.
    #[error(transparent)]
    Rejected(#[from] crate::limits::QueryRejected),
    /// Running the query took longer than its time budget; it was stopped.
    #[error("the search took longer than the {} ms allowed", .0.as_millis())]
    TimedOut(std::time::Duration),
}

impl SearchError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        SearchError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

impl From<diesel::result::Error> for SearchError {
    fn from(e: diesel::result::Error) -> Self {
        SearchError::Storage(e.into())
    }
}
