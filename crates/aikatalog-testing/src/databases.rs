//! Fresh databases filled with the bundled seed data, one per backend, and loops over them
//! that name the backend when a test fails on it.

use std::panic::AssertUnwindSafe;

use aikatalog_storage::Backend;
use aikatalog_storage::testing::{TestDb, backends, fail_on, fresh, on_backend};
use futures_util::FutureExt;

use crate::TestApp;

/// A fresh, migrated database on `backend` holding the bundled seed data.
pub fn seeded(backend: Backend) -> TestDb {
    let db = fresh(backend);
    if let Err(e) = aikatalog_seed::import_sources(&db.db, &aikatalog_seed::seed_sources(), false) {
        panic!("the bundled seed data does not import on the {backend} backend: {e}");
    }
    db
}

/// Runs an async `test` once per backend, each time on a freshly seeded database; a failure
/// says which backend it happened on.
pub async fn each_seeded<F, Fut>(mut test: F)
where
    F: FnMut(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends() {
        let db = seeded(backend);
        naming_backend(backend, test(db)).await;
    }
}

/// [`each_seeded`] for a test that needs only the app: it gets a [`TestApp`] over the freshly
/// seeded database.
pub async fn each_seeded_app<F, Fut>(mut test: F)
where
    F: FnMut(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends() {
        let db = seeded(backend);
        // `db` outlives the test: dropping it removes the database.
        naming_backend(backend, async { test(TestApp::new(&db).await).await }).await;
    }
}

/// [`each_seeded`] for a test that needs no runtime.
pub fn each_seeded_blocking(mut test: impl FnMut(&TestDb)) {
    for backend in backends() {
        let db = seeded(backend);
        on_backend(backend, || test(&db));
    }
}

/// Runs `test`, naming `backend` if it panics.
async fn naming_backend(backend: Backend, test: impl Future<Output = ()>) {
    // Unwind safety: what the test shares is its own database, dropped with the panic.
    if let Err(panic) = AssertUnwindSafe(test).catch_unwind().await {
        fail_on(backend, panic);
    }
}
