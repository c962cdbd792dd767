//! Search over the seed data: a seeded database with an index built from it (from the shared
//! harness, `aikatalog_testing`), the mixed corpus (the seed data and the other registers' files),
//! and short ways to query them.

use std::path::Path;
use std::sync::{Arc, OnceLock};

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

/// The mixed corpus: the seed data plus every register file of `../shared/datasets`
/// ([`aikatalog_interop::datasets::REGISTER_FILES`]), on SQLite, indexed in memory. Built once
/// per test process: importing some 4,500 records takes a while in a debug build.
pub fn mixed() -> &'static Seeded {
    static MIXED: OnceLock<Seeded> = OnceLock::new();
    MIXED.get_or_init(|| {
        let db = aikatalog_testing::seeded(Backend::Sqlite);
        let datasets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets");
        aikatalog_interop::datasets::import_all(&db.db, &datasets)
            .unwrap_or_else(|e| panic!("the mixed corpus: {e}"));
        let index = aikatalog_testing::index(&db.db);
        Seeded { db, index }
    })
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

/// The seed data's use cases whose names end in "GPT" (the head word): Vejle's, Gladsaxe's,
/// the joint municipal one and Copenhagen's.
pub const GPT_NAMED: [&str; 4] = [
    "berthagpt-vejle",
    "gladgpt-gladsaxe",
    "kommunegpt",
    "kk-gpt-koebenhavn",
];

/// Asserts that every one of `wanted` is among the first `n` hits.
pub fn assert_in_top(results: &SearchResults, n: usize, wanted: &[&str]) {
    let top: Vec<String> = slugs(results).into_iter().take(n).collect();
    for slug in wanted {
        assert!(
            top.iter().any(|s| s == slug),
            "{slug} in the top {n}: {top:?}"
        );
    }
}
