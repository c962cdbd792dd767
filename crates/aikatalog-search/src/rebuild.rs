//! Building the index from the database: at start when the index is missing, corrupt or of an
//! older schema, and on `aikatalog reindex`. A rebuild fills a fresh folder beside the index
//! and swaps it in only when complete, so a failed rebuild leaves the old index as it was.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use aikatalog_domain::EntryKind;
use aikatalog_storage::Database;
use aikatalog_storage::models::{entries, outbox};

use crate::error::SearchError;
use crate::index::{self, Checkpoint, SearchIndex};
use crate::load;
use crate::reference::ReferenceData;
use crate::synonyms::Synonyms;

/// Entries read from the database at a time.
const PAGE: i64 = 500;
/// A bulk build may use more memory and both cores.
const BULK_THREADS: usize = 2;
const BULK_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub documents: u64,
    pub checkpoint: Checkpoint,
    pub duration_ms: u128,
}

/// Fills `index` (empty) with every public entry and commits with the outbox head read before
/// the entries, so changes made during the rebuild are applied again afterwards.
pub fn fill(index: &SearchIndex, db: &Database) -> Result<Rebuilt, SearchError> {
    let started = Instant::now();
    let head = db.read(outbox::head)?;
    let refs = db.read_with(ReferenceData::load)?;
    let fields = *index.fields();
    let mut writer = index.writer(BULK_THREADS, BULK_HEAP_BYTES)?;
    writer.delete_all_documents()?;
    let mut documents = 0u64;
    for kind in [EntryKind::Algorithm, EntryKind::UseCase] {
        let mut after: Option<String> = None;
        loop {
            let page = db.read_with(|c| -> Result<_, SearchError> {
                let rows = entries::public_after(c, kind, after.as_deref(), PAGE)?;
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    if let Some(public) = load::public(c, row)? {
                        out.push((row.id.clone(), public));
                    }
                }
                Ok((rows.len(), rows.last().map(|r| r.slug.clone()), out))
            })?;
            let (read, last, public) = page;
            for (id, entry) in public {
                // Paging may meet an entry twice if it is republished meanwhile.
                writer.delete_term(index.id_term(&id));
                writer.add_document(entry.document(&fields, &refs))?;
                documents += 1;
            }
            if (read as i64) < PAGE {
                break;
            }
            after = last;
        }
    }
    let checkpoint = Checkpoint::new(head, db.url().redacted());
    index::commit(&mut writer, &checkpoint)?;
    writer.wait_merging_threads()?;
    index.set_reference(refs);
    index.reload()?;
    index.set_position(head);
    Ok(Rebuilt {
        documents,
        checkpoint,
        duration_ms: started.elapsed().as_millis(),
    })
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("{name}.{suffix}"))
}

fn remove_dir(dir: &Path) -> Result<(), SearchError> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SearchError::io(dir, e)),
    }
}

/// Rebuilds the index in `dir` from the database and opens it.
pub fn rebuild_dir(
    dir: &Path,
    db: &Database,
    synonyms: Arc<Synonyms>,
) -> Result<(SearchIndex, Rebuilt), SearchError> {
    rebuild_dir_with_threads(dir, db, synonyms, 1)
}

fn rebuild_dir_with_threads(
    dir: &Path,
    db: &Database,
    synonyms: Arc<Synonyms>,
    search_threads: usize,
) -> Result<(SearchIndex, Rebuilt), SearchError> {
    let fresh = sibling(dir, "rebuilding");
    remove_dir(&fresh)?;
    let rebuilt = {
        let index = SearchIndex::create(&fresh, synonyms.clone())?;
        fill(&index, db)?
    };
    let old = sibling(dir, "old");
    remove_dir(&old)?;
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(|e| SearchError::io(dir, e))?;
    }
    std::fs::rename(&fresh, dir).map_err(|e| SearchError::io(&fresh, e))?;
    remove_dir(&old)?;
    let (index, _) = SearchIndex::open_with_threads(dir, synonyms, search_threads)?;
    index.set_reference(db.read_with(ReferenceData::load)?);
    Ok((index, rebuilt))
}

/// Opens the index in `dir` if it can continue from where it stopped, else rebuilds it.
pub fn open_or_rebuild(
    dir: &Path,
    db: &Database,
    synonyms: Arc<Synonyms>,
) -> Result<(SearchIndex, Checkpoint), SearchError> {
    open_or_rebuild_with_threads(dir, db, synonyms, 1)
}

/// [`open_or_rebuild`], searching segments on `search_threads` threads.
pub fn open_or_rebuild_with_threads(
    dir: &Path,
    db: &Database,
    synonyms: Arc<Synonyms>,
    search_threads: usize,
) -> Result<(SearchIndex, Checkpoint), SearchError> {
    let reason = match SearchIndex::open_with_threads(dir, synonyms.clone(), search_threads) {
        Ok((index, checkpoint)) => match usable(&checkpoint, db)? {
            None => {
                index.set_reference(db.read_with(ReferenceData::load)?);
                return Ok((index, checkpoint));
            }
            Some(reason) => reason,
        },
        Err(SearchError::Missing) => {
            tracing::info!(index.dir = %dir.display(), "building the search index from the database");
            String::new()
        }
        Err(e) => e.to_string(),
    };
    if !reason.is_empty() {
        tracing::warn!(index.dir = %dir.display(), reason = %reason, "rebuilding the search index from the database");
    }
    let (index, rebuilt) = rebuild_dir_with_threads(dir, db, synonyms, search_threads)?;
    tracing::info!(
        index.dir = %dir.display(),
        documents = rebuilt.documents,
        duration_ms = rebuilt.duration_ms,
        "rebuilt the search index"
    );
    Ok((index, rebuilt.checkpoint))
}

/// Why an index that opened cannot continue from its checkpoint, if it cannot.
fn usable(checkpoint: &Checkpoint, db: &Database) -> Result<Option<String>, SearchError> {
    if checkpoint.database != db.url().redacted() {
        return Ok(Some(format!(
            "it mirrors another database ({})",
            checkpoint.database
        )));
    }
    let head = db.read(outbox::head)?;
    if checkpoint.outbox_seq > head {
        // The outbox is behind the index: the database was recreated or restored.
        return Ok(Some(format!(
            "it has applied outbox change {} but the database's newest is {head}",
            checkpoint.outbox_seq
        )));
    }
    Ok(None)
}

/// `aikatalog reindex`: rebuilds the index in `dir` from the database. A server using the
/// folder holds its writer lock; rebuilding under it would swap files away from a running
/// indexer, so that is refused.
pub fn reindex(dir: &Path, db: &Database, synonyms: Arc<Synonyms>) -> Result<Rebuilt, SearchError> {
    if let Ok((index, _)) = SearchIndex::open(dir, synonyms.clone()) {
        // Taking the writer proves no server is writing; it is released at once.
        drop(index.batch_writer()?);
    }
    rebuild_dir(dir, db, synonyms).map(|(_, rebuilt)| rebuilt)
}
