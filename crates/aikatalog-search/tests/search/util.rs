//! Shared setup: a fresh database filled with the bundled seed data, and an index built from it.

use std::sync::Arc;

use aikatalog_search::{SearchIndex, SearchRequest, SearchResults, Synonyms, rebuild};
use aikatalog_storage::Backend;
use aikatalog_storage::testing::{TestDb, backends, fresh};

pub struct Seeded {
    pub db: TestDb,
    pub index: Arc<SearchIndex>,
}

/// A database on `backend` with the seed data imported.
pub fn seeded_db(backend: Backend) -> TestDb {
    let db = fresh(backend);
    aikatalog_seed::import_sources(&db.db, &aikatalog_seed::seed_sources(), false)
        .expect("the bundled seed data imports");
    db
}

pub fn synonyms() -> Arc<Synonyms> {
    Arc::new(
        Synonyms::parse(aikatalog_search::synonyms::BUNDLED, "bundled").expect("synonyms parse"),
    )
}

/// The seed data in a database and an in-memory index built from it.
pub fn seeded(backend: Backend) -> Seeded {
    let db = seeded_db(backend);
    let index = SearchIndex::in_memory(synonyms()).expect("an index in memory");
    rebuild::fill(&index, &db.db).expect("the index fills from the database");
    Seeded {
        db,
        index: Arc::new(index),
    }
}

pub fn search(index: &SearchIndex, q: &str) -> SearchResults {
    index
        .search(&SearchRequest {
            q: q.into(),
            limit: 10,
            ..SearchRequest::default()
        })
        .expect("search runs")
}

pub fn slugs(results: &SearchResults) -> Vec<String> {
    results.items.iter().map(|h| h.slug.clone()).collect()
}

/// Runs `test` on a seeded database on every backend the environment offers.
pub fn each_seeded_backend(mut test: impl FnMut(&TestDb)) {
    for backend in backends() {
        let db = seeded_db(backend);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test(&db)));
        if let Err(panic) = result {
            eprintln!("test failed on the {backend} backend");
            std::panic::resume_unwind(panic);
        }
    }
}
