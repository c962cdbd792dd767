//! The seed importer: reads human-edited TOML files (reference data, one file per use case and
//! per algorithm) and syncs them into the database.
//!
//! A run is all or nothing. Every file is read and checked first, and all problems of all files
//! are reported together (file, line, field path) with nothing written. Only a clean run opens a
//! transaction, upserting each document by its natural key; a second run of the same files
//! changes nothing and says so. `dry_run` performs the same writes and rolls them back, so its
//! summary is exactly what a real run would do.

mod apply;
mod bundled;
mod export;
mod files;
mod plan;
mod problem;
mod toml_file;

use std::path::Path;

use aikatalog_storage::models::reference_set::ReferenceSet;
use aikatalog_storage::{Database, StorageError};

pub use apply::{Counts, IMPORT_ACTOR, Summary};
pub use bundled::seed_sources;
pub use export::{ExportError, Exported, export};
pub use files::FileKind;
pub use problem::{Problem, Problems};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Invalid(#[from] Problems),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Storage(e.into())
    }
}

/// Marks the deliberate rollback of a dry run.
struct DryRun(Summary);

enum RunError {
    Import(ImportError),
    DryRun(Box<DryRun>),
}

impl From<diesel::result::Error> for RunError {
    fn from(e: diesel::result::Error) -> Self {
        RunError::Import(e.into())
    }
}

impl From<StorageError> for RunError {
    fn from(e: StorageError) -> Self {
        RunError::Import(e.into())
    }
}

pub use plan::Source;

/// Imports the folder or file at `path`.
pub fn import(db: &Database, path: &Path, dry_run: bool) -> Result<Summary, ImportError> {
    let sources = plan::read_files(path)?;
    import_sources(db, &sources, dry_run)
}

/// Imports files already in memory (the seed data bundled into the binary, say).
pub fn import_sources(
    db: &Database,
    sources: &[Source],
    dry_run: bool,
) -> Result<Summary, ImportError> {
    let outcome = db.write_with(|conn| {
        // Checking inside the write transaction means the checks see exactly what the writes
        // will build on.
        let stored = ReferenceSet::load(conn)?;
        let plan = plan::check(sources, &stored).map_err(|p| RunError::Import(p.into()))?;
        let summary = apply::apply(conn, &plan).map_err(|e| RunError::Import(e.into()))?;
        if dry_run {
            Err(RunError::DryRun(Box::new(DryRun(Summary {
                dry_run: true,
                ..summary
            }))))
        } else {
            Ok(summary)
        }
    });
    match outcome {
        Ok(summary) => Ok(summary),
        Err(RunError::DryRun(dry)) => Ok(dry.0),
        Err(RunError::Import(e)) => Err(e),
    }
}
