//! Optimistic concurrency: a change names the revision of the entry it is based on, and is
//! refused (never silently applied over someone else's work) if the entry moved on since.

use aikatalog_storage::models::entries::EntryRow;

use crate::PublishError;

/// One revision of one entry, as an HTTP ETag names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionTag {
    pub entry_id: String,
    pub revision: i64,
}

/// The revision a change is based on: what the caller read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasedOn {
    /// Revision `n` of the entry the change names (a form's hidden field).
    Revision(i64),
    /// Any of these revisions (an `If-Match` list of ETags, each naming an entry and a
    /// revision); a tag of another entry never matches.
    AnyOf(Vec<RevisionTag>),
}

impl BasedOn {
    fn matches(&self, row: &EntryRow) -> bool {
        match self {
            BasedOn::Revision(n) => *n == row.revision,
            BasedOn::AnyOf(tags) => tags
                .iter()
                .any(|t| t.entry_id == row.id && t.revision == row.revision),
        }
    }
}

/// Refuses a change based on anything but the entry's current revision.
pub(crate) fn check(based_on: Option<&BasedOn>, row: &EntryRow) -> Result<(), PublishError> {
    match based_on {
        None => Err(PublishError::RevisionRequired),
        Some(b) if b.matches(row) => Ok(()),
        Some(_) => Err(PublishError::Stale {
            what: "entry",
            current: row.revision,
        }),
    }
}
