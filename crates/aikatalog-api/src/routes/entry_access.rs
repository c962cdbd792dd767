//! What every entry endpoint shares: finding an entry the caller may read, its ETag,
//! and the response that carries it.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, http::StatusCode};
use aikatalog_domain::{Entry, EntryKind, OrgCode};
use aikatalog_storage::DbConnection;
use aikatalog_storage::models::entries::{self, EntryRow};

use crate::auth::Principal;
use crate::error::ApiError;
use aikatalog_publishing::Saved;

pub use aikatalog_publishing::what;

pub fn not_found(kind: EntryKind, key: &str) -> ApiError {
    ApiError::NotFound {
        what: what(kind),
        key: key.to_owned(),
    }
}

/// Whether the caller may see and change this entry's unpublished states.
pub fn privileged(row: &EntryRow, caller: Option<&Principal>) -> bool {
    let owner = OrgCode::try_from(row.owner_code.as_str());
    matches!((caller, owner), (Some(p), Ok(owner)) if p.may_edit(&owner))
}

/// Loads an entry for reading: privileged callers see the newest revision, everyone else the
/// published one (or nothing).
pub fn load_for_read<E: Entry>(
    conn: &mut DbConnection,
    key: &str,
    caller: Option<&Principal>,
) -> Result<(EntryRow, E, i64), ApiError> {
    let row = entries::find(conn, E::KIND, key)?.ok_or_else(|| not_found(E::KIND, key))?;
    if privileged(&row, caller) {
        let doc = row.current_document::<E>()?;
        let revision = row.revision;
        return Ok((row, doc, revision));
    }
    match (row.public_document::<E>()?, row.published_revision) {
        (Some(doc), Some(revision)) => Ok((row, doc, revision)),
        _ => Err(not_found(E::KIND, key)),
    }
}

/// The ETag of a revision of an entry.
pub fn etag(row: &EntryRow, revision: i64) -> String {
    format!("\"{}-{revision}\"", row.id)
}

/// An entry document ready to send, with its ETag. Built on the blocking pool (it is `Send`,
/// unlike a response) and turned into a response on the async side.
pub struct EntryReply<E> {
    pub status: StatusCode,
    pub etag: String,
    pub doc: E,
    pub location: Option<String>,
}

pub fn entry_response<E: Entry>(
    status: StatusCode,
    row: &EntryRow,
    revision: i64,
    doc: &E,
    location: Option<String>,
) -> EntryReply<E> {
    EntryReply {
        status,
        etag: etag(row, revision),
        doc: doc.clone(),
        location,
    }
}

/// The answer to a change: the entry as the publishing service stored it.
pub fn saved_response<E: Entry>(
    status: StatusCode,
    saved: Saved<E>,
    location: Option<String>,
) -> EntryReply<E> {
    EntryReply {
        status,
        etag: etag(&saved.row, saved.row.revision),
        doc: saved.doc,
        location,
    }
}

impl<E: Entry> EntryReply<E> {
    pub fn into_response(self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if let Ok(value) = HeaderValue::from_str(&self.etag) {
            response.insert_header((header::ETAG, value));
        }
        if let Some(location) = self.location {
            response.insert_header((header::LOCATION, location));
        }
        response.json(&self.doc)
    }
}
