//! Facet values per document, decoded once per index segment into flat arrays, so counting
//! facets for a query that matches 100,000 entries is a tight loop over integers.
//!
//! Segments never change once written (deletes are a separate bitset tantivy applies before
//! documents reach a collector), so a segment's table stays valid for the segment's life. The
//! tables are built as a [`Warmer`] when the reader loads a new generation, off the request path,
//! and dropped when no live searcher uses their segment.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

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

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: u32) -> Option<&(Facet, String)> {
        self.entries.get(id as usize)
    }

    /// The facet of every id, as a dense table.
    pub fn facet_table(&self) -> Vec<u8> {
        self.entries.iter().map(|(f, _)| f.index() as u8).collect()
    }
}

/// One segment's facet values and sort keys, by document.
pub struct SegmentFacets {
    /// `values[offsets[d]..offsets[d + 1]]` are document `d`'s value ids.
    offsets: Vec<u32>,
    values: Vec<u32>,
    /// Publication time, for sorting by newest.
    pub published: Vec<i64>,
    /// The title's rank in this segment's sorted title dictionary, for sorting by title.
    pub title_rank: Vec<u32>,
    /// The titles by rank, to compare hits of different segments.
    pub titles: Vec<String>,
}

impl SegmentFacets {
    pub fn values(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.values[a as usize..b as usize],
            _ => &[],
        }
    }

    fn build(reader: &SegmentReader, values: &RwLock<Values>) -> tantivy::Result<Self> {
        let max_doc = reader.max_doc();
        let fast = reader.fast_fields();
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut ids = Vec::new();
        offsets.push(0);
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
                        ids.push(id);
                    }
                }
                offsets.push(u32::try_from(ids.len()).unwrap_or(u32::MAX));
            }
        } else {
            offsets.resize(max_doc as usize + 1, 0);
        }
        let published_column = fast.i64("published")?;
        let published = (0..max_doc)
            .map(|d| published_column.first(d).unwrap_or(0))
            .collect();
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
            offsets,
            values: ids,
            published,
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
