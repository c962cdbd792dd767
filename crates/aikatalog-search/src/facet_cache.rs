//! Facet values decoded once per index segment into a document set per value, so counting a
//! facet value for a query that matches 100,000 entries is the population count of two
//! bitsets' intersection, not a walk over every matching document's values.
//!
//! Segments never change once written (deletes are a separate bitset tantivy applies before
//! documents reach a collector), so a segment's table stays valid for the segment's life. The
//! tables are built as a [`Warmer`] when the reader loads a new generation, off the request path,
//! and dropped when no live searcher uses their segment.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fixedbitset::FixedBitSet;

use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use crate::facets::Facet;

/// Every facet value seen, numbered densely so per-query tables are plain vectors. Values are
/// never removed: the numbering must stay stable for the segment tables that use it.
#[derive(Debug, Default)]
pub struct Values {
    ids: HashMap<String, u32>,
    /// For each id: its facet and value.
    entries: Vec<(Facet, String)>,
}

impl Values {
    fn intern(&mut self, term: &str) -> Option<u32> {
        if let Some(id) = self.ids.get(term) {
            return Some(*id);
        }
        let (facet, value) = Facet::split(term)?;
        let id = u32::try_from(self.entries.len()).ok()?;
        self.entries.push((facet, value.to_owned()));
        self.ids.insert(term.to_owned(), id);
        Some(id)
    }

    pub fn id(&self, facet: Facet, value: &str) -> Option<u32> {
        self.ids.get(&facet.term(value)).copied()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, id: u32) -> Option<&(Facet, String)> {
        self.entries.get(id as usize)
    }

    /// The facet of every id, as a dense table.
    pub fn facet_table(&self) -> Vec<u8> {
        self.entries.iter().map(|(f, _)| f.index() as u8).collect()
    }
}

/// How rare a value must be, as a fraction of a segment's documents, to be kept as a list of
/// documents rather than a bitset. Counting a bitset costs one word operation per 64
/// documents of the segment; counting a list costs one lookup per document that has the
/// value. At one in 32 the bitset is already the cheaper, and its memory (one bit per document)
/// stays below the list's (32 bits per listed document).
const DENSE_FRACTION: usize = 32;

/// The documents of one segment that have one facet value.
pub enum ValueDocs {
    /// A common value: one bit per document, counted against a set of hits a word at a time.
    Dense(FixedBitSet),
    /// A rare value: its documents in order, looked up one by one.
    Sparse(Vec<DocId>),
}

impl ValueDocs {
    fn new(docs: Vec<DocId>, max_doc: u32) -> Self {
        if docs.len() * DENSE_FRACTION >= max_doc as usize {
            let mut bits = FixedBitSet::with_capacity(max_doc as usize);
            bits.extend(docs.iter().map(|&d| d as usize));
            ValueDocs::Dense(bits)
        } else {
            ValueDocs::Sparse(docs)
        }
    }

    /// How many documents of `set` have the value.
    pub fn count_in(&self, set: &FixedBitSet) -> u32 {
        let n = match self {
            ValueDocs::Dense(bits) => bits.intersection_count(set),
            ValueDocs::Sparse(docs) => docs.iter().filter(|&&d| set.contains(d as usize)).count(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Adds the value's documents to `set` (sized for the segment).
    pub fn add_to(&self, set: &mut FixedBitSet) {
        match self {
            ValueDocs::Dense(bits) => set.union_with(bits),
            ValueDocs::Sparse(docs) => set.extend(docs.iter().map(|&d| d as usize)),
        }
    }
}

/// One segment's facet values, by value, and its sort keys, by document.
pub struct SegmentFacets {
    pub max_doc: u32,
    /// For each value id known when the segment was read, the documents that have it.
    by_value: Vec<Option<ValueDocs>>,
    /// For each document, the ids of its rare ([`ValueDocs::Sparse`]) values.
    rare: PerDoc,
    /// Publication time, for sorting by newest.
    pub published: Vec<i64>,
    /// Completeness percentage, for the minimum filter and sorting by completeness.
    pub completeness: Vec<u8>,
    /// The title's rank in this segment's sorted title dictionary, for sorting by title.
    pub title_rank: Vec<u32>,
    /// The titles by rank, to compare hits of different segments.
    pub titles: Vec<String>,
}

/// Value ids listed per document: one run of ids per document, in one array.
///
/// Rare values (organisations, vendors, technologies: thousands of them, each on a few
/// documents) are counted document by document: a set of hits costs its documents' few rare
/// values, where looking up each value's documents in the set would cost every listed document
/// of the segment, hit or not, on every search. (Common values stay bitsets: counting them
/// document by document was slower even for a few hundred hits.)
struct PerDoc {
    /// Where each document's run starts in `items`; one more entry than documents.
    starts: Vec<u32>,
    items: Vec<u32>,
}

/// The rare values' ids with their documents.
fn rare_values(by_value: &[Option<ValueDocs>]) -> impl Iterator<Item = (u32, &[DocId])> {
    by_value
        .iter()
        .enumerate()
        .filter_map(|(id, docs)| match docs {
            Some(ValueDocs::Sparse(docs)) => Some((id as u32, docs.as_slice())),
            _ => None,
        })
}

impl PerDoc {
    /// The rare values of each document of a segment with `by_value`.
    fn rare(by_value: &[Option<ValueDocs>], max_doc: u32) -> Self {
        let mut next = vec![0u32; max_doc as usize + 1];
        for (_, docs) in rare_values(by_value) {
            for &d in docs {
                if let Some(n) = next.get_mut(d as usize + 1) {
                    *n += 1;
                }
            }
        }
        for d in 1..next.len() {
            next[d] += next[d - 1];
        }
        let starts = next.clone();
        let mut items = vec![0; next.last().copied().unwrap_or(0) as usize];
        for (item, docs) in rare_values(by_value) {
            for &d in docs {
                if let Some(at) = next.get_mut(d as usize) {
                    items[*at as usize] = item;
                    *at += 1;
                }
            }
        }
        Self { starts, items }
    }

    fn of(&self, doc: usize) -> &[u32] {
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&from), Some(&to)) => self.items.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl SegmentFacets {
    /// The documents that have the value; `None` when none has.
    pub fn docs_of(&self, id: u32) -> Option<&ValueDocs> {
        self.by_value.get(id as usize)?.as_ref()
    }

    /// Adds to `counts` (by value id) how many documents of `docs` have each value that
    /// `wanted` accepts: common values by intersecting their bitsets with `docs`, rare ones by
    /// reading the rare values of each document in `docs`.
    pub fn count(&self, docs: &FixedBitSet, wanted: impl Fn(u32) -> bool, counts: &mut [u32]) {
        for (id, values) in self.by_value.iter().enumerate() {
            if let (Some(values @ ValueDocs::Dense(_)), Some(c)) = (values, counts.get_mut(id))
                && wanted(id as u32)
            {
                *c += values.count_in(docs);
            }
        }
        // A facet counted alone (a filtered one) often has no rare value in the segment
        // (categories, regions, years): then its documents' rare values need not be read.
        if rare_values(&self.by_value).any(|(id, _)| wanted(id)) {
            self.count_rare(docs, wanted, counts);
        }
    }

    /// Adds the rare values of `docs` that `wanted` accepts to `counts`, document by document.
    fn count_rare(&self, docs: &FixedBitSet, wanted: impl Fn(u32) -> bool, counts: &mut [u32]) {
        for doc in docs.ones() {
            for &id in self.rare.of(doc) {
                if wanted(id)
                    && let Some(c) = counts.get_mut(id as usize)
                {
                    *c += 1;
                }
            }
        }
    }

    fn build(reader: &SegmentReader, values: &RwLock<Values>) -> tantivy::Result<Self> {
        let max_doc = reader.max_doc();
        let fast = reader.fast_fields();
        let mut lists: Vec<Vec<DocId>> = Vec::new();
        if let Some(column) = fast.str("facet")? {
            // Map this segment's term ordinals to global ids, streaming the sorted dictionary.
            let mut by_ord = Vec::with_capacity(column.num_terms());
            {
                let mut global = values.write().unwrap_or_else(|p| p.into_inner());
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    let term = String::from_utf8_lossy(stream.key());
                    by_ord.push(global.intern(&term).unwrap_or(u32::MAX));
                }
            }
            for doc in 0..max_doc {
                for ord in column.term_ords(doc) {
                    if let Some(&id) = by_ord.get(ord as usize)
                        && id != u32::MAX
                    {
                        let id = id as usize;
                        if lists.len() <= id {
                            lists.resize_with(id + 1, Vec::new);
                        }
                        lists[id].push(doc);
                    }
                }
            }
        }
        let by_value: Vec<Option<ValueDocs>> = lists
            .into_iter()
            .map(|docs| (!docs.is_empty()).then(|| ValueDocs::new(docs, max_doc)))
            .collect();
        let rare = PerDoc::rare(&by_value, max_doc);
        let published_column = fast.i64("published")?;
        let published = (0..max_doc)
            .map(|d| published_column.first(d).unwrap_or(0))
            .collect();
        // An index written before the field existed has no column; its documents read as 0
        // until the rebuild that the schema version forces.
        let completeness = match fast.u64("completeness") {
            Ok(column) => (0..max_doc)
                .map(|d| u8::try_from(column.first(d).unwrap_or(0)).unwrap_or(100))
                .collect(),
            Err(_) => vec![0; max_doc as usize],
        };
        let (title_rank, titles) = match fast.str("title_sort")? {
            Some(column) => {
                let mut titles = Vec::with_capacity(column.num_terms());
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    titles.push(String::from_utf8_lossy(stream.key()).into_owned());
                }
                let ords = column.ords();
                let ranks = (0..max_doc)
                    .map(|d| ords.first(d).map_or(u32::MAX, |o| o as u32))
                    .collect();
                (ranks, titles)
            }
            None => (vec![u32::MAX; max_doc as usize], Vec::new()),
        };
        Ok(Self {
            max_doc,
            by_value,
            rare,
            published,
            completeness,
            title_rank,
            titles,
        })
    }
}

/// The facet tables of live segments, shared by every search.
#[derive(Default)]
pub struct FacetCache {
    pub values: RwLock<Values>,
    segments: RwLock<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetCache {
    /// The table for a segment, built now if the warmer has not yet.
    pub fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Some(found) = self
            .segments
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
        {
            return Ok(found.clone());
        }
        let built = Arc::new(SegmentFacets::build(reader, &self.values)?);
        self.segments
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, built.clone());
        Ok(built)
    }
}

impl Warmer for FacetCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.segment(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: std::collections::HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|g| g.segments().keys().copied())
            .collect();
        self.segments
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|id, _| live.contains(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(max_doc: u32, docs: &[DocId]) -> FixedBitSet {
        let mut s = FixedBitSet::with_capacity(max_doc as usize);
        s.extend(docs.iter().map(|&d| d as usize));
        s
    }

    #[test]
    fn common_and_rare_values_count_and_combine_alike() {
        let max_doc = 1000;
        let docs: Vec<DocId> = (0..max_doc).filter(|d| d % 7 == 0).collect();
        let hits = set(
            max_doc,
            &(0..max_doc).filter(|d| d % 2 == 0).collect::<Vec<_>>(),
        );
        let expected = docs.iter().filter(|&&d| d % 2 == 0).count() as u32;

        let dense = ValueDocs::new(docs.clone(), max_doc);
        let sparse = ValueDocs::new(docs.clone(), max_doc * 1000);
        assert!(matches!(dense, ValueDocs::Dense(_)));
        assert!(matches!(sparse, ValueDocs::Sparse(_)));
        assert_eq!(dense.count_in(&hits), expected);
        assert_eq!(sparse.count_in(&hits), expected);

        let (mut a, mut b) = (set(max_doc, &[1, 2]), set(max_doc, &[1, 2]));
        dense.add_to(&mut a);
        sparse.add_to(&mut b);
        assert_eq!(a, b);
        assert_eq!(a.count_ones(..), docs.len() + 2);
    }
}
