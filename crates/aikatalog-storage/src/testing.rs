//! Fresh databases for tests, on every backend the environment offers.
//!
//! SQLite always runs (a temporary file per database). PostgreSQL runs when
//! `AIKATALOG_TEST_POSTGRES_URL` names a server where the user may create databases; each test
//! database gets its own freshly created database, dropped afterwards. With
//! `AIKATALOG_TEST_REQUIRE_POSTGRES=1` (as CI sets it) a missing URL fails the test instead of
//! silently testing one backend.

use diesel::prelude::*;
use diesel::{PgConnection, RunQueryDsl};

use crate::{Backend, Database, DatabaseUrl};

/// A migrated, empty database that is removed when dropped.
pub struct TestDb {
    pub db: Database,
    /// The full URL (with password), for handing to a child process.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_drop.take()
            && let Ok(mut conn) = PgConnection::establish(&admin)
        {
            // FORCE ends the pool's connections, which are still open at this point.
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

/// The backends to test on, read from the environment.
pub fn backends() -> Vec<Backend> {
    let pg = std::env::var("AIKATALOG_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    let required = std::env::var("AIKATALOG_TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    match (pg, required) {
        (Some(_), _) => vec![Backend::Sqlite, Backend::Postgres],
        (None, true) => {
            panic!("AIKATALOG_TEST_REQUIRE_POSTGRES=1 but AIKATALOG_TEST_POSTGRES_URL is not set")
        }
        (None, false) => vec![Backend::Sqlite],
    }
}

/// A fresh, migrated, empty database on `backend`.
pub fn fresh(backend: Backend) -> TestDb {
    let db = prepared(backend, |_| {});
    db.db.migrate().expect("migrate the test database");
    db
}

/// A new database on `backend` that `fill` writes before anything connects to it (copying in
/// an SQLite file, loading a PostgreSQL dump), not migrated: for testing upgrades of databases
/// written by older versions.
pub fn prepared(backend: Backend, fill: impl FnOnce(&str)) -> TestDb {
    let (url, dir, pg_drop) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temporary folder");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres => {
            let admin = std::env::var("AIKATALOG_TEST_POSTGRES_URL")
                .expect("AIKATALOG_TEST_POSTGRES_URL for a PostgreSQL test");
            let name = format!("aikatalog_test_{}", uuid::Uuid::now_v7().simple());
            let mut conn = PgConnection::establish(&admin)
                .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL server: {e}"));
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .expect("create a test database");
            let mut parsed = url::Url::parse(&admin).expect("AIKATALOG_TEST_POSTGRES_URL parses");
            parsed.set_path(&format!("/{name}"));
            (parsed.to_string(), None, Some((admin, name)))
        }
    };
    fill(&url);
    let parsed = DatabaseUrl::parse(&url).expect("test database URL");
    let db = Database::connect(&parsed).expect("connect to the test database");
    TestDb {
        db,
        url,
        _dir: dir,
        pg_drop,
    }
}

/// Runs `test` once on a fresh database per backend, naming the backend if it panics.
pub fn each_backend(mut test: impl FnMut(&TestDb)) {
    for backend in backends() {
        let db = fresh(backend);
        on_backend(backend, || test(&db));
    }
}

/// Runs `test`, and if it panics says that it failed on `backend` before passing the panic on:
/// a failure on one backend only reads differently from one on both.
pub fn on_backend<R>(backend: Backend, test: impl FnOnce() -> R) -> R {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(test))
        .unwrap_or_else(|panic| fail_on(backend, panic))
}

/// Passes on a test's `panic` after naming the backend it failed on (for tests that catch the
/// panic themselves, e.g. async ones).
pub fn fail_on(backend: Backend, panic: Box<dyn std::any::Any + Send>) -> ! {
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    eprintln!("-- the test failed on {name}");
    std::panic::resume_unwind(panic)
}

/// Applies `edit` to an entry's newest document and saves the result as a new revision in
/// `state`, as the write API does; a `Published` state makes it the public revision.
pub fn edit_entry<E: aikatalog_domain::Entry>(
    db: &Database,
    slug: &str,
    state: aikatalog_domain::PublicationState,
    edit: impl FnOnce(&mut E),
) {
    use crate::models::entries::{self, Change, Save};
    db.write_with(|c| -> Result<(), crate::StorageError> {
        let row = entries::find(c, E::KIND, slug)?.expect("the entry exists");
        let mut doc: E = row.current_document()?;
        *doc.meta_mut() = None;
        edit(&mut doc);
        entries::save(
            c,
            Some(&row),
            &doc,
            Save {
                state,
                publish: state == aikatalog_domain::PublicationState::Published,
            },
            Change {
                actor: "test",
                transition: "update",
                message: None,
            },
        )?;
        Ok(())
    })
    .expect("the edit is saved");
}
