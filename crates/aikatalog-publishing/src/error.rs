//! What can go wrong when publishing, in the catalogue's terms. Each edge (the API's problem
//! documents, the pages' messages) maps these variants to its own words and status codes.

use aikatalog_domain::FieldErrors;
use aikatalog_storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// No such entry, or one the caller may not see (drafts of other organisations).
    #[error("{what} `{key}` does not exist")]
    NotFound { what: &'static str, key: String },
    /// Another organisation's entry that the public does not see (a draft). The API answers it
    /// as if it did not exist; a signed-in editor's page says it is not theirs (issue 12: "an
    /// editor of one municipality cannot open another's draft or edit form: 403 page").
    #[error("{what} `{key}` does not exist")]
    OthersDraft { what: &'static str, key: String },
    /// The caller may see the entry but not do this; the text says why.
    #[error("{0}")]
    Forbidden(String),
    /// The document (or a message, a note) breaks the domain's rules; every field is named.
    #[error("{} invalid field(s)", .0.0.len())]
    Invalid(FieldErrors),
    /// The change did not say which revision it is based on.
    #[error("the change does not say which revision it is based on")]
    RevisionRequired,
    /// The entry changed since the caller read it: it is now at revision `current`. Also the
    /// answer when another writer saved first while this change was being stored.
    #[error("the {what} has changed since it was read: it is now at revision {current}")]
    Stale { what: &'static str, current: i64 },
    /// The workflow does not allow this step now; the text says why.
    #[error("{0}")]
    Refused(String),
    /// An organisation declared reuse of its own entry.
    #[error("organisation {0} owns this entry; an organisation does not adopt its own entry")]
    SelfAdoption(String),
    #[error(transparent)]
    Storage(StorageError),
}

impl From<StorageError> for PublishError {
    fn from(e: StorageError) -> Self {
        match e {
            // Another writer saved after this caller read the record: the same answer as a
            // stale revision, naming the revision that is at least current now.
            StorageError::LostRace { what, read } => PublishError::Stale {
                what,
                current: read + 1,
            },
            other => PublishError::Storage(other),
        }
    }
}

impl From<diesel::result::Error> for PublishError {
    fn from(e: diesel::result::Error) -> Self {
        PublishError::Storage(StorageError::Query(e))
    }
}
