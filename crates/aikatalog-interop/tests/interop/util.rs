//! What the tests share: a fresh catalogue (the bundled seed data, nothing else), reading
//! files, and looking records up.

use std::path::{Path, PathBuf};

use aikatalog_domain::{EntryKind, UseCase};
use aikatalog_interop::{Format, ImportError, Input, Report};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries;
use aikatalog_storage::testing::{TestDb, backends, fresh, on_backend};

pub fn datasets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `test` once per backend on a catalogue holding only the bundled seed data.
pub fn each_catalogue(mut test: impl FnMut(&TestDb)) {
    for backend in backends() {
        let db = fresh(backend);
        aikatalog_seed::import_sources(&db.db, &aikatalog_seed::seed_sources(), false)
            .expect("the seed data imports");
        on_backend(backend, || test(&db));
    }
}

pub fn read(path: &Path) -> Vec<Input> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    vec![Input {
        name: name.to_owned(),
        bytes: std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }]
}

pub fn import(db: &Database, format: Format, path: &Path) -> Result<Report, ImportError> {
    aikatalog_interop::import(db, format, &read(path), false, &mut ())
}

pub fn import_ok(db: &Database, format: Format, path: &Path) -> Report {
    match import(db, format, path) {
        Ok(report) => report,
        Err(ImportError::Invalid(report)) => panic!("{} did not import:\n{report}", path.display()),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// How many entries and revisions the database holds, to show a run wrote nothing.
pub fn footprint(db: &Database) -> (usize, i64, usize) {
    db.read(|c| {
        use aikatalog_storage::schema::{entries, organisations, revisions};
        use diesel::prelude::*;
        let e: i64 = entries::table.count().get_result(c)?;
        let r: i64 = revisions::table.count().get_result(c)?;
        let o: i64 = organisations::table.count().get_result(c)?;
        Ok((e as usize, r, o as usize))
    })
    .expect("counts")
}

/// The public use case with this slug.
pub fn use_case(db: &Database, slug: &str) -> Option<UseCase> {
    db.read(|c| entries::find(c, EntryKind::UseCase, slug))
        .expect("query")
        .and_then(|row| row.public_document().expect("parses"))
}
