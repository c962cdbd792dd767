//! A search index in memory, as the running server builds one on disk.

use std::sync::Arc;

use aikatalog_search::{SearchIndex, Synonyms};
use aikatalog_storage::Database;

/// The bundled synonym list, for tests that open an index of their own.
pub fn synonyms() -> Arc<Synonyms> {
    Arc::new(
        Synonyms::parse(
            aikatalog_search::synonyms::BUNDLED,
            "the bundled synonym list",
        )
        .expect("the bundled synonym list parses"),
    )
}

/// An index in memory with the bundled synonyms, filled from `db` as it is now; later changes
/// to `db` do not reach it.
pub fn index(db: &Database) -> Arc<SearchIndex> {
    aikatalog_search::in_memory_from(db).expect("an in-memory index fills from the database")
}
