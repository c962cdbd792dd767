//! Search over the catalogue's published entries, with tantivy.
//!
//! - `analysis`: text analysis (Danish: folding æ/ø/å, stop words, stems; the other
//!   languages' stemmers), and `language`: each entry's language, stated or detected.
//! - [`crosslingual`]: the field's terms across languages, head words and word families, from
//!   `seed-data/crosslingual.toml`.
//! - [`query`]: the query syntax and how a query becomes tantivy queries (synonyms from
//!   `seed-data/synonyms.toml`, compound words, near spellings).
//! - [`SearchIndex::search`], [`SearchIndex::similar`], [`SearchIndex::suggest`]: what the HTTP API
//!   calls; facet counting lives in `collector` over tables from `facet_cache`. What one query
//!   may cost is bounded by [`QueryLimits`] (`limits`).
//! - [`Indexer`]: keeps the index in step with the database by draining the outbox; [`rebuild`]
//!   builds it from scratch. The index is a disposable cache of the database.
//! - `correction` and `organisation_match`: what a search says besides its hits — which typed
//!   words were read as which, near words when nothing was found, organisations the query names.
//! - [`bulk`]: indexing a corpus that is in no database, for the benchmark.
//! - [`evaluation`]: ranking metrics (nDCG@k, top-k hit rate, precision@k) and the graded
//!   relevance suite's format, shared by the relevance test and the benchmark.
//!
//! Error policy: everything returns [`SearchError`]. On the request path a failure is a server
//! error; at start, an index that cannot be used is rebuilt rather than reported.

// Public modules are the ones other crates name paths in: the query syntax, rebuilding, the
// index on disk with its checkpoint, the synonym list, and the relevance metrics. The rest is
// reached through the re-exports below.
mod analysis;
pub mod bulk;
mod collector;
mod config;
mod correction;
pub mod crosslingual;
mod cursor;
mod document;
mod error;
pub mod evaluation;
mod facet_cache;
mod facets;
mod hits;
pub mod index;
mod indexer;
mod language;
mod limits;
mod load;
mod marker;
mod metrics;
mod organisation_match;
pub mod query;
pub mod rebuild;
mod reference;
mod schema;
mod search;
mod similar;
mod suggest;
pub mod synonyms;
mod term_stats;
mod vocabulary;

use std::sync::Arc;

use aikatalog_storage::Database;

pub use collector::Sort;
pub use config::SearchConfig;
pub use correction::{CorrectedWord, Correction};
pub use crosslingual::{Crosslingual, CrosslingualError};
pub use document::{CategoryRef, EntryContext, OrgRef};
pub use error::SearchError;
pub use facets::{Facet, FacetCount, Filters};
pub use hits::{Highlights, Hit};
pub use index::{Checkpoint, SearchIndex};
pub use indexer::{Indexer, IndexerHandle};
pub use limits::{QueryLimits, QueryRejected};
pub use organisation_match::NamedOrganisation;
pub use query::Strictness;
pub use reference::ReferenceData;
pub use schema::SCHEMA_VERSION;
pub use search::{MAX_WINDOW, SearchRequest, SearchResults};
pub use suggest::{Suggestion, SuggestionKind};
pub use synonyms::{SynonymError, Synonyms};

/// Opens this server's index (rebuilding it from the database if it cannot continue), applies
/// the changes made while the server was down, and starts the indexer that applies the rest.
pub fn start(
    config: &SearchConfig,
    db: &Database,
) -> Result<(Arc<SearchIndex>, IndexerHandle), SearchError> {
    let synonyms = Arc::new(Synonyms::load(config.synonyms.as_deref())?);
    tracing::info!(synonyms.groups = synonyms.len(), synonyms.source = %synonyms.source, "loaded the synonym list");
    let crosslingual = Arc::new(Crosslingual::load(config.crosslingual.as_deref())?);
    tracing::info!(crosslingual.concepts = crosslingual.len(), crosslingual.source = %crosslingual.source, "loaded the cross-language vocabulary");
    let (mut index, checkpoint) = rebuild::open_or_rebuild_with_threads(
        &config.index_dir,
        db,
        synonyms,
        config.search_threads,
    )?;
    index.set_limits(config.limits.clone());
    index.set_crosslingual(crosslingual);
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), db.clone(), &checkpoint)?;
    let applied = indexer.catch_up()?;
    tracing::info!(
        index.dir = %config.index_dir.display(),
        documents = index.num_docs(),
        caught_up = applied,
        outbox.seq = indexer.position(),
        "the search index is ready"
    );
    Ok((index, indexer.spawn()?))
}

/// An index in memory, filled from the database, with the bundled synonym list: for tests and
/// tools that need search without a folder of their own.
pub fn in_memory_from(db: &Database) -> Result<Arc<SearchIndex>, SearchError> {
    let synonyms = Arc::new(Synonyms::parse(
        synonyms::BUNDLED,
        "the bundled synonym list",
    )?);
    let index = SearchIndex::in_memory(synonyms)?;
    rebuild::fill(&index, db)?;
    Ok(Arc::new(index))
}
