//! Indexing use cases that are in no database: the benchmark's generated corpus. They are
//! indexed exactly as the indexer indexes published entries, and [`indexed_texts`] hands the
//! same words to the SQL engines the benchmark compares with, so every engine searches the same
//! text. Entries are taken one at a time, so a corpus made as it is indexed (a million
//! entries) is never held in memory whole.

use std::borrow::Borrow;
use std::path::Path;
use std::sync::Arc;

use aikatalog_domain::UseCase;
use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::document::{self, EntryContext};
use crate::error::SearchError;
use crate::index::{self, Checkpoint, SearchIndex};
use crate::reference::ReferenceData;
use crate::schema::{self, Fields};
use crate::synonyms::Synonyms;

/// A bulk build may use both cores and plenty of memory.
const THREADS: usize = 2;
const HEAP_BYTES: usize = 512 * 1024 * 1024;

/// Builds a new index in `dir` (empty or missing) holding `entries`, committed once, merged
/// and ready to search with `refs` as its reference data.
pub fn build_index<E: Borrow<(UseCase, EntryContext)>>(
    dir: &Path,
    synonyms: Arc<Synonyms>,
    refs: &ReferenceData,
    entries: impl IntoIterator<Item = E>,
) -> Result<SearchIndex, SearchError> {
    let index = SearchIndex::create(dir, synonyms)?;
    let fields = *index.fields();
    let mut writer = index.writer(THREADS, HEAP_BYTES)?;
    for entry in entries {
        let (uc, ctx) = entry.borrow();
        writer.add_document(document::use_case(&fields, refs, uc, ctx))?;
    }
    index::commit(&mut writer, &Checkpoint::new(0, "bulk"))?;
    writer.wait_merging_threads()?;
    index.set_reference(refs.clone());
    index.reload()?;
    Ok(index)
}

/// An entry's indexed text as plain strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedText {
    pub title: String,
    pub summary: String,
    /// Everything else searchable: the body and the names of organisations, categories and
    /// domains.
    pub rest: String,
    /// Facet values as `facet:value`.
    pub facets: Vec<String>,
    /// Publication time in microseconds since the epoch (0 if unknown).
    pub published: i64,
}

/// The indexed text of each entry, in order, made as it is taken.
pub fn indexed_texts<'a, E: Borrow<(UseCase, EntryContext)>>(
    refs: &'a ReferenceData,
    entries: impl Iterator<Item = E> + 'a,
) -> impl Iterator<Item = IndexedText> + 'a {
    let (_, fields) = schema::build();
    entries.map(move |entry| {
        let (uc, ctx) = entry.borrow();
        text_of(&document::use_case(&fields, refs, uc, ctx), &fields)
    })
}

fn text_of(doc: &TantivyDocument, fields: &Fields) -> IndexedText {
    let all = |field: Field| -> Vec<String> {
        doc.get_all(field)
            .filter_map(crate::document::stored_text)
            .map(|t| t.into_owned())
            .collect()
    };
    let first = |field| all(field).into_iter().next().unwrap_or_default();
    let mut rest = all(fields.body);
    rest.extend(all(fields.names));
    IndexedText {
        title: first(fields.title),
        summary: first(fields.summary),
        rest: rest.join(" "),
        facets: all(fields.facet),
        published: doc
            .get_first(fields.published)
            .and_then(|v| v.as_i64())
            .unwrap_or(0),
    }
}
