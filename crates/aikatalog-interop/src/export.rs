//! Writing the public catalogue (or one public entry) in a register's format. Only published,
//! public documents are exported; the standard's required fields an entry cannot fill are
//! listed per entry in [`Exported::missing_required`].

use aikatalog_domain::{EntryKind, Organisation, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::StorageError;
use aikatalog_storage::models::entries;
use aikatalog_storage::models::reference_records as reference;

use crate::Format;
use crate::formats::{self, ExportEntry};

/// A file in the format, and what the standard wanted that the entries could not give.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub content_type: &'static str,
    pub extension: &'static str,
    pub body: Vec<u8>,
    pub missing_required: Vec<MissingRequired>,
}

/// One entry's required fields of the standard that it leaves empty.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MissingRequired {
    /// The entry's slug.
    pub entry: String,
    /// The standard's field names.
    pub fields: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the format {0} cannot be exported yet")]
    Unsupported(Format),
    /// No public use case has that slug or id.
    #[error("no public use case `{0}`")]
    NotFound(String),
    #[error("cannot write the file: {0}")]
    Write(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        ExportError::Write(e.to_string())
    }
}

impl From<diesel::result::Error> for ExportError {
    fn from(e: diesel::result::Error) -> Self {
        ExportError::Storage(e.into())
    }
}

pub(crate) fn export(
    db: &Database,
    format: Format,
    entry: Option<&str>,
) -> Result<Exported, ExportError> {
    let standard = formats::standard(format).ok_or(ExportError::Unsupported(format))?;
    let (rows, organisations) = db.read_with(|conn| {
        let rows = match entry {
            Some(key) => entries::find(conn, EntryKind::UseCase, key)?
                .into_iter()
                .collect(),
            None => entries::all_public(conn, EntryKind::UseCase)?,
        };
        let organisations = reference::list_organisations(conn, None)?;
        Ok::<_, ExportError>((rows, organisations))
    })?;
    let organisations: Vec<Organisation> = reference::parse_all(organisations)?;
    let mut out = Vec::new();
    for row in rows {
        let Some(doc) = row.public_document::<UseCase>()? else {
            continue;
        };
        let owner = organisations.iter().find(|o| o.code == doc.owner).cloned();
        out.push(ExportEntry { doc, owner });
    }
    if let Some(key) = entry
        && out.is_empty()
    {
        return Err(ExportError::NotFound(key.to_owned()));
    }
    standard.export(&out, entry.is_some())
}
