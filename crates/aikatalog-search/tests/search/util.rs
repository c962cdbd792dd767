//! Search over the seed data: a seeded database with an index built from it (from the shared
//! harness, `aikatalog_testing`), and short ways to query it.

use std::sync::Arc;

use aikatalog_search::{SearchIndex, SearchRequest, SearchResults};
use aikatalog_storage::Backend;
use aikatalog_testing::TestDb;

pub struct Seeded {
    pub db: TestDb,
    pub index: Arc<SearchIndex>,
}

/// The seed data in a database on `backend` and an in-memory index built from it.
pub fn seeded(backend: Backend) -> Seeded {
    let db = aikatalog_testing::seeded(backend);
    let index = aikatalog_testing::index(&db.db);
    Seeded { db, index }
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
