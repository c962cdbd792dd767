//! Seed-data folders, both ways. The importer reads human-edited TOML files (reference data, one
//! file per use case and per algorithm) and syncs them into the database; [`export`] writes the
//! public catalogue as such a folder, which the importer reads back.
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
mod questionnaire;
mod toml_file;

use std::path::Path;

use aikatalog_storage::models::reference_set::ReferenceSet;
use aikatalog_storage::{Database, StorageError};

pub use apply::{Counts, IMPORT_ACTOR, Summary};
pub use bundled::seed_sources;
pub use export::{ExportError, Exported, export};
pub use files::FileKind;
pub use problem::{Problem, Problems};
pub use questionnaire::{bundled_questionnaire, read_questionnaire};

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

/// Told how far an import's writes have come, so a command at a terminal can draw a bar; this
/// crate draws nothing (a server seeding its database at start shows no bar).
pub trait Progress {
    /// The files are checked and `documents` records are about to be synced.
    fn start(&mut self, documents: usize);
    /// One more record synced.
    fn advance(&mut self);
}

/// No report.
impl Progress for () {
    fn start(&mut self, _: usize) {}
    fn advance(&mut self) {}
}

/// Imports the folder or file at `path`.
pub fn import(db: &Database, path: &Path, dry_run: bool) -> Result<Summary, ImportError> {
    import_reporting(db, path, dry_run, &mut ())
}

/// [`import`], telling `progress` how far the writes have come.
pub fn import_reporting(
    db: &Database,
    path: &Path,
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<Summary, ImportError> {
    let sources = plan::read_files(path)?;
    sync(db, &sources, dry_run, progress)
}

/// Imports files already in memory (the seed data bundled into the binary, say).
pub fn import_sources(
    db: &Database,
    sources: &[Source],
    dry_run: bool,
) -> Result<Summary, ImportError> {
    sync(db, sources, dry_run, &mut ())
}

fn sync(
    db: &Database,
    sources: &[Source],
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<Summary, ImportError> {
    let outcome = db.write_with(|conn| {
        // Checking inside the write transaction means the checks see exactly what the writes
        // will build on.
        let stored = ReferenceSet::load(conn)?;
        let plan = plan::check(sources, &stored).map_err(|p| RunError::Import(p.into()))?;
        let summary =
            apply::apply(conn, &plan, progress).map_err(|e| RunError::Import(e.into()))?;
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
