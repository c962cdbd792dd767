//! The index on disk (or in memory for tests and benchmarks): opening it, telling whether it
//! can be trusted, and the checkpoint it carries — the last outbox change it applied.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::analysis;
use crate::crosslingual::Crosslingual;
use crate::error::SearchError;
use crate::facet_cache::FacetCache;
use crate::limits::QueryLimits;
use crate::reference::ReferenceData;
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::synonyms::Synonyms;
use crate::vocabulary::Vocabulary;

/// Stored with every commit: what the index holds, so a restarted server knows whether it can
/// continue from here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub schema_version: u32,
    /// The newest outbox sequence number below which every change has been applied.
    pub outbox_seq: i64,
    /// Which database the index mirrors (its URL without password), so pointing a server at
    /// another database rebuilds instead of mixing catalogues.
    pub database: String,
}

impl Checkpoint {
    pub fn new(outbox_seq: i64, database: &str) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            outbox_seq,
            database: database.to_owned(),
        }
    }
}

/// A searchable index and what searching it needs.
pub struct SearchIndex {
    pub(crate) index: Index,
    reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) facets: Arc<FacetCache>,
    pub(crate) vocabulary: Arc<Vocabulary>,
    reference: RwLock<Arc<ReferenceData>>,
    pub(crate) synonyms: Arc<Synonyms>,
    /// The cross-language vocabulary: the bundled one until [`SearchIndex::set_crosslingual`].
    pub(crate) crosslingual: Arc<Crosslingual>,
    pub(crate) analyzers: analysis::Analyzers,
    /// The outbox position of the last commit searches can see, for the readiness check.
    position: AtomicI64,
    pub(crate) limits: QueryLimits,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.reader.searcher().num_docs())
            .finish()
    }
}

/// Memory for a writer that applies small batches.
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// Stored documents are read a block at a time, each block decompressed whole to take one hit
/// from it: a page of hits reads twenty blocks. tantivy's default of 16 KiB holds about eight
/// entries; at 4 KiB a hit's stored fields came out in 7 µs instead of 12 (median over the
/// benchmark's hits at 100,000 entries), for an index a sixth larger (145 MiB against 124).
/// The server's resident memory after `aikatalog-bench serve-memory`'s mix went down too (274
/// MB against 299).
const DOCSTORE_BLOCK_BYTES: usize = 4 * 1024;

impl SearchIndex {
    fn wrap(
        mut index: Index,
        synonyms: Arc<Synonyms>,
        search_threads: usize,
    ) -> Result<Self, SearchError> {
        analysis::register(&index);
        if search_threads > 1 {
            // Segments are searched in parallel: a query over most of a large index (a word in
            // nearly every entry) uses every core instead of one.
            index.set_multithread_executor(search_threads)?;
        }
        let (expected, fields) = schema::build();
        if index.schema() != expected {
            return Err(SearchError::Unusable(
                "its schema differs from this version's".into(),
            ));
        }
        let facets = Arc::new(FacetCache::default());
        let vocabulary = Arc::new(Vocabulary::new(fields.danish_text().to_vec()));
        let facet_warmer: Arc<dyn tantivy::Warmer> = facets.clone();
        let vocabulary_warmer: Arc<dyn tantivy::Warmer> = vocabulary.clone();
        let reader = index
            .reader_builder()
            // The indexer reloads right after each commit, so changes show without waiting for
            // a file watcher.
            .reload_policy(ReloadPolicy::Manual)
            .warmers(vec![
                Arc::downgrade(&facet_warmer),
                Arc::downgrade(&vocabulary_warmer),
            ])
            .try_into()?;
        // The reader holds the warmers weakly; `facets` and `vocabulary` are the same
        // allocations and keep them alive for as long as this index is.
        Ok(Self {
            index,
            reader,
            fields,
            facets,
            vocabulary,
            analyzers: analysis::Analyzers::default(),
            reference: RwLock::new(Arc::new(ReferenceData::default())),
            synonyms,
            crosslingual: bundled_crosslingual(),
            position: AtomicI64::new(0),
            limits: QueryLimits::default(),
        })
    }

    /// Replaces the cross-language vocabulary (the bundled one by default).
    pub fn set_crosslingual(&mut self, crosslingual: Arc<Crosslingual>) {
        self.crosslingual = crosslingual;
    }

    pub fn crosslingual(&self) -> &Crosslingual {
        &self.crosslingual
    }

    /// Replaces the default limits on what one query may cost.
    pub fn set_limits(&mut self, limits: QueryLimits) {
        self.limits = limits;
    }

    pub fn limits(&self) -> &QueryLimits {
        &self.limits
    }

    /// A new, empty index in memory.
    pub fn in_memory(synonyms: Arc<Synonyms>) -> Result<Self, SearchError> {
        let (schema, _) = schema::build();
        Self::wrap(Index::create_in_ram(schema), synonyms, 1)
    }

    /// A new, empty index in `dir`, which must be empty or missing. Its stored documents are
    /// compressed in blocks of [`DOCSTORE_BLOCK_BYTES`].
    pub(crate) fn create(dir: &Path, synonyms: Arc<Synonyms>) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
        let (schema, _) = schema::build();
        let directory = MmapDirectory::open(dir)?;
        let settings = IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            ..IndexSettings::default()
        };
        Self::wrap(Index::create(directory, schema, settings)?, synonyms, 1)
    }

    /// Opens the index in `dir` and checks that it is whole and of this schema version. Any
    /// error means "rebuild": the index is only a cache of the database.
    pub fn open(dir: &Path, synonyms: Arc<Synonyms>) -> Result<(Self, Checkpoint), SearchError> {
        Self::open_with_threads(dir, synonyms, 1)
    }

    /// [`SearchIndex::open`], searching segments on `search_threads` threads.
    pub fn open_with_threads(
        dir: &Path,
        synonyms: Arc<Synonyms>,
        search_threads: usize,
    ) -> Result<(Self, Checkpoint), SearchError> {
        // tantivy trusts its files and can panic on damaged ones (a truncated footer underflows
        // an offset); for a cache, that is one more reason to rebuild, not to stop the server.
        std::panic::catch_unwind(|| Self::open_checked(dir, synonyms, search_threads))
            .unwrap_or_else(|_| {
                Err(SearchError::Unusable(
                    "reading its files failed (see the panic above)".into(),
                ))
            })
    }

    fn open_checked(
        dir: &Path,
        synonyms: Arc<Synonyms>,
        search_threads: usize,
    ) -> Result<(Self, Checkpoint), SearchError> {
        if !dir.join("meta.json").is_file() {
            return Err(SearchError::Missing);
        }
        let index = Index::open_in_dir(dir)?;
        let checkpoint = read_checkpoint(&index)?;
        if checkpoint.schema_version != SCHEMA_VERSION {
            return Err(SearchError::Unusable(format!(
                "it has schema version {}, this version uses {SCHEMA_VERSION}",
                checkpoint.schema_version
            )));
        }
        let corrupt = index.validate_checksum()?;
        if !corrupt.is_empty() {
            return Err(SearchError::Unusable(format!(
                "{} file(s) fail their checksum",
                corrupt.len()
            )));
        }
        let opened = Self::wrap(index, synonyms, search_threads)?;
        // Reading every segment once proves the files can be read, and warms the facet cache.
        opened.reader.reload()?;
        Ok((opened, checkpoint))
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Makes everything committed visible to searches.
    pub(crate) fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The outbox position every change up to which is searchable: what `/readyz` compares with
    /// the outbox head.
    pub fn indexed_position(&self) -> i64 {
        self.position.load(Ordering::Relaxed)
    }

    pub(crate) fn set_position(&self, outbox_seq: i64) {
        self.position.store(outbox_seq, Ordering::Relaxed);
    }

    /// How many segments a search reads (one thread each, up to the search threads).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The writer; only one may exist per index folder, across processes.
    pub(crate) fn writer(
        &self,
        threads: usize,
        heap_bytes: usize,
    ) -> Result<IndexWriter, SearchError> {
        self.index
            .writer_with_num_threads(threads, heap_bytes.max(15_000_000 * threads))
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Locked,
                other => other.into(),
            })
    }

    /// The writer the indexer uses for its small batches.
    pub fn batch_writer(&self) -> Result<IndexWriter, SearchError> {
        self.writer(1, WRITER_HEAP_BYTES)
    }

    pub(crate) fn reference(&self) -> Arc<ReferenceData> {
        self.reference
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_reference(&self, reference: ReferenceData) {
        *self.reference.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(reference);
    }

    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// The shared synonym list, to open another handle on the same index.
    pub fn synonyms_arc(&self) -> Arc<Synonyms> {
        self.synonyms.clone()
    }

    pub(crate) fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.fields.id, id)
    }

    /// The stored document with this entry id, if indexed.
    pub(crate) fn stored_by_id(
        &self,
        searcher: &Searcher,
        id: &str,
    ) -> Result<Option<(tantivy::DocAddress, TantivyDocument)>, SearchError> {
        let query = tantivy::query::TermQuery::new(
            self.id_term(id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let top = searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match top.first() {
            Some((_, address)) => Ok(Some((*address, searcher.doc(*address)?))),
            None => Ok(None),
        }
    }
}

/// The bundled cross-language vocabulary, parsed once per process. A unit test proves it
/// parses; should it not, search goes on without cross-language terms.
fn bundled_crosslingual() -> Arc<Crosslingual> {
    static BUNDLED: std::sync::OnceLock<Arc<Crosslingual>> = std::sync::OnceLock::new();
    BUNDLED
        .get_or_init(|| Arc::new(Crosslingual::bundled().unwrap_or_default()))
        .clone()
}

/// The checkpoint of the last commit.
pub(crate) fn read_checkpoint(index: &Index) -> Result<Checkpoint, SearchError> {
    let metas = index.load_metas()?;
    let payload = metas
        .payload
        .ok_or_else(|| SearchError::Unusable("it carries no checkpoint".into()))?;
    serde_json::from_str(&payload)
        .map_err(|e| SearchError::Unusable(format!("its checkpoint does not parse: {e}")))
}

/// Commits what the writer holds, with `checkpoint` as the commit's payload.
pub fn commit(writer: &mut IndexWriter, checkpoint: &Checkpoint) -> Result<(), SearchError> {
    let payload = serde_json::to_string(checkpoint)
        .map_err(|e| SearchError::Unusable(format!("cannot write the checkpoint: {e}")))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}
