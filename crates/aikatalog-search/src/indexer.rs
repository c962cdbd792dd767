//! The indexer: drains the outbox into the index. For every changed entry it deletes the
//! entry's document by id and, if the entry is public, adds its new document; each batch is one
//! commit that also records the outbox position, so a killed server resumes where it stopped.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use aikatalog_domain::EntryKind;
use aikatalog_storage::Database;
use aikatalog_storage::models::{adoptions, bulk_entries, entries, outbox};
use tantivy::IndexWriter;
use tantivy::schema::Value;

use crate::cursor::Cursor;
use crate::error::SearchError;
use crate::index::{self, Checkpoint, SearchIndex};
use crate::load;
use crate::reference::ReferenceData;

/// The most changes read and committed at once. An edit is a batch of one and commits in
/// milliseconds; a backlog (after a large import) is taken in batches this large, as every
/// commit writes a segment that later lookups and merges pay for: with 256 a batch, catching up
/// with 100,000 imported entries took minutes.
const BATCH: i64 = 2048;
/// How often the outbox is polled when idle; with a commit of a few milliseconds, a published
/// change is searchable well within a second.
pub const POLL: Duration = Duration::from_millis(100);
/// How long a missing outbox number may stay missing before it counts as rolled back.
const GAP_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest wait between retries after a failure (the database being down, say).
const MAX_BACKOFF: Duration = Duration::from_secs(30);

pub struct Indexer {
    index: Arc<SearchIndex>,
    db: Database,
    writer: IndexWriter,
    cursor: Cursor,
    database: String,
}

impl Indexer {
    /// Takes the index's writer and continues from `checkpoint`.
    pub fn new(
        index: Arc<SearchIndex>,
        db: Database,
        checkpoint: &Checkpoint,
    ) -> Result<Self, SearchError> {
        let writer = index.batch_writer()?;
        index.set_position(checkpoint.outbox_seq);
        Ok(Self {
            cursor: Cursor::new(checkpoint.outbox_seq, GAP_TIMEOUT),
            database: checkpoint.database.clone(),
            index,
            db,
            writer,
        })
    }

    /// The outbox position every change up to which is in the index.
    pub fn position(&self) -> i64 {
        self.cursor.watermark()
    }

    /// Applies one batch of outbox changes; returns how many changes it applied.
    pub fn sync_once(&mut self) -> Result<usize, SearchError> {
        let rows = self
            .db
            .read(|c| outbox::after(c, self.cursor.watermark(), BATCH))?;
        let fresh: Vec<(i64, String, String)> = rows
            .into_iter()
            .filter(|(seq, _, _)| self.cursor.is_new(*seq))
            .collect();
        if fresh.is_empty() {
            if self.cursor.has_gap() {
                // Nothing new, but the watermark may now step over a rolled-back number.
                let before = self.cursor.watermark();
                self.cursor.applied([], Instant::now());
                if self.cursor.watermark() != before {
                    self.commit()?;
                }
            }
            return Ok(0);
        }
        // Reference data has no outbox; reading it per batch keeps names current cheaply.
        let refs = self.db.read_with(ReferenceData::load)?;
        let mut changed: BTreeMap<String, EntryKind> = BTreeMap::new();
        for (_, id, kind) in &fresh {
            if let Some(kind) = EntryKind::parse(kind) {
                changed.insert(id.clone(), kind);
            }
        }
        self.apply(&changed, &refs)?;
        self.index.set_reference(refs);
        self.cursor
            .applied(fresh.iter().map(|(seq, _, _)| *seq), Instant::now());
        self.commit()?;
        tracing::debug!(
            changes = fresh.len(),
            entries = changed.len(),
            outbox.seq = self.cursor.watermark(),
            "indexed outbox changes"
        );
        Ok(fresh.len())
    }

    /// Applies batches until the outbox holds nothing new.
    pub fn catch_up(&mut self) -> Result<usize, SearchError> {
        let mut total = 0;
        loop {
            let n = self.sync_once()?;
            if n == 0 {
                return Ok(total);
            }
            total += n;
        }
    }

    fn commit(&mut self) -> Result<(), SearchError> {
        let checkpoint = Checkpoint::new(self.cursor.watermark(), &self.database);
        index::commit(&mut self.writer, &checkpoint)?;
        self.index.reload()?;
        self.index.set_position(checkpoint.outbox_seq);
        Ok(())
    }

    fn apply(
        &mut self,
        changed: &BTreeMap<String, EntryKind>,
        refs: &ReferenceData,
    ) -> Result<(), SearchError> {
        let searcher = self.index.searcher();
        let fields = *self.index.fields();
        // A use case's change can change the algorithms it names (their categories come from
        // the use cases that use them), both those it names now and those it named before.
        let mut algorithms: Vec<String> = Vec::new();
        // The batch's entries in one transaction, their rows and their adopters in one query
        // each: on PostgreSQL a transaction and lookups per entry cost four round trips each,
        // most of the time a catch-up after a large import takes.
        let ids: Vec<&str> = changed.keys().map(String::as_str).collect();
        let loaded = self.db.read_with(|c| -> Result<Vec<_>, SearchError> {
            let rows = bulk_entries::find_by_ids(c, &ids)?;
            let mut adopted = adoptions::adopters_of(c, &ids)?;
            let mut loaded = Vec::with_capacity(changed.len());
            for (id, kind) in changed {
                loaded.push(match rows.get(id) {
                    Some(row) if row.kind == kind.as_str() => {
                        load::public_with(c, row, |_, id| {
                            Ok(adopted.remove(id).unwrap_or_default())
                        })?
                    }
                    _ => None,
                });
            }
            Ok(loaded)
        })?;
        for ((id, kind), public) in changed.iter().zip(loaded) {
            if *kind == EntryKind::UseCase
                && let Some((_, old)) = self.index.stored_by_id(&searcher, id)?
            {
                algorithms.extend(
                    old.get_all(fields.algorithms)
                        .filter_map(|v| v.as_str().map(str::to_owned)),
                );
            }
            self.writer.delete_term(self.index.id_term(id));
            if let Some(public) = public {
                algorithms.extend(public.algorithms());
                self.writer.add_document(public.document(&fields, refs))?;
            }
        }
        algorithms.sort();
        algorithms.dedup();
        for slug in algorithms {
            let public = self.db.read_with(|c| -> Result<_, SearchError> {
                let Some(row) = entries::find(c, EntryKind::Algorithm, &slug)? else {
                    return Ok(None);
                };
                if changed.contains_key(&row.id) {
                    return Ok(None);
                }
                Ok(load::public(c, &row)?.map(|p| (row.id.clone(), p)))
            })?;
            if let Some((id, public)) = public {
                self.writer.delete_term(self.index.id_term(&id));
                self.writer.add_document(public.document(&fields, refs))?;
            }
        }
        Ok(())
    }

    /// Runs the indexer on its own thread until the handle is stopped or dropped.
    pub fn spawn(mut self) -> Result<IndexerHandle, SearchError> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("search-indexer".into())
            .spawn(move || self.run(&rx))
            .map_err(|e| SearchError::io(std::path::Path::new("search-indexer thread"), e))?;
        Ok(IndexerHandle {
            tx,
            thread: Some(thread),
        })
    }

    fn run(&mut self, rx: &Receiver<Signal>) {
        let mut backoff = POLL;
        let mut failing = false;
        loop {
            let wait = match self.sync_once() {
                Ok(n) => {
                    if failing {
                        tracing::info!(
                            outbox.seq = self.position(),
                            "the search indexer recovered"
                        );
                        failing = false;
                    }
                    backoff = POLL;
                    if n > 0 { Duration::ZERO } else { POLL }
                }
                Err(e) => {
                    // Log the first failure of a streak, not every retry.
                    if !failing {
                        tracing::error!(error = %e, "the search indexer failed; retrying");
                        failing = true;
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    backoff
                }
            };
            match rx.recv_timeout(wait) {
                Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => {
                    // The server has stopped taking requests: apply and commit what the last
                    // ones wrote, so a restart has nothing to catch up.
                    match self.catch_up() {
                        Ok(_) => tracing::info!(
                            outbox.seq = self.position(),
                            "the search indexer committed and stopped"
                        ),
                        Err(e) => tracing::warn!(
                            error = %e,
                            outbox.seq = self.position(),
                            "the search indexer stopped without its last changes; \
                             the next start applies them"
                        ),
                    }
                    return;
                }
                Ok(Signal::Nudge) | Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }
}

enum Signal {
    Nudge,
    Stop,
}

/// Controls a running indexer; dropping it stops the indexer.
pub struct IndexerHandle {
    tx: Sender<Signal>,
    thread: Option<JoinHandle<()>>,
}

impl IndexerHandle {
    /// Asks the indexer to look at the outbox now rather than at its next poll.
    pub fn nudge(&self) {
        let _ = self.tx.send(Signal::Nudge);
    }

    /// Stops the indexer and waits for its current batch to finish.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.tx.send(Signal::Stop);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the search indexer thread panicked");
        }
    }
}

impl Drop for IndexerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}
