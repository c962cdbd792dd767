//! One pass over the documents a text query matches that applies the filters and keeps the best
//! page of hits, then facet counts from document sets.
//!
//! Facet counts are "disjunctive": a facet's counts apply every filter except its own, so a
//! person filtering by one category still sees how many hits each other category would give.
//! A document failing no filter is a hit and counts in every facet; one failing exactly one
//! filter counts only in that filter's facet; one failing more counts nowhere.
//!
//! The pass only marks the matched documents in a bitset and tests each against the filters'
//! combined set. Counting happens once per segment afterwards: a value's count is the size of
//! the intersection of its documents with the hits (or, for a facet with a filter, with the
//! matches that pass every other filter). That costs the number of facet values times a
//! segment's size in 64-bit words, instead of every facet value of every matching document,
//! which matters when a common word (`AI` in an AI catalogue) matches nearly everything.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::time::{Duration, Instant};

use fixedbitset::FixedBitSet;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED,
};

use crate::facet_cache::{FacetCache, SegmentFacets};
use crate::facets::Filters;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (the default with a query).
    #[default]
    Relevance,
    /// Most recently published first (the default without one).
    Newest,
    /// By title, A to Z.
    Title,
    /// Most complete first (the share of the facts readers need that an entry states), ties
    /// by relevance and then newest.
    Completeness,
}

impl Sort {
    pub fn parse(value: &str) -> Option<Sort> {
        match value {
            "relevance" => Some(Sort::Relevance),
            "newest" => Some(Sort::Newest),
            "title" => Some(Sort::Title),
            "completeness" => Some(Sort::Completeness),
            _ => None,
        }
    }
}

/// One filter of a query: the facet it restricts and the value ids it accepts (any of them).
struct FilterSpec {
    facet: usize,
    values: Vec<u32>,
    /// A person's choice, whose own facet's counts ignore it; otherwise fixed by the endpoint
    /// (the kind), applied everywhere.
    relaxed: bool,
}

/// The per-query tables the segment collectors read.
struct Spec {
    filters: Vec<FilterSpec>,
    /// For each value id, its facet's index.
    facet_of: Vec<u8>,
    /// How many value ids there are.
    values: usize,
    sort: Sort,
    window: usize,
    /// The least completeness percentage a hit may have; 0 accepts every entry.
    complete_min: u8,
}

/// A candidate hit and what it is ordered by.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub doc: DocAddress,
    pub score: Score,
    pub published: i64,
    pub title: String,
    pub completeness: u8,
    /// Within a segment, the title's rank stands in for the title.
    title_rank: u32,
}

fn better(sort: Sort, a: &Ranked, b: &Ranked, same_segment: bool) -> Ordering {
    let by_doc = || b.doc.cmp(&a.doc);
    let by_score = || a.score.partial_cmp(&b.score).unwrap_or(Ordering::Equal);
    let by_time = || a.published.cmp(&b.published);
    match sort {
        Sort::Relevance => by_score().then_with(by_time).then_with(by_doc),
        Sort::Newest => by_time().then_with(by_score).then_with(by_doc),
        Sort::Completeness => a
            .completeness
            .cmp(&b.completeness)
            .then_with(by_score)
            .then_with(by_time)
            .then_with(by_doc),
        Sort::Title => {
            let titles = if same_segment {
                b.title_rank.cmp(&a.title_rank)
            } else {
                b.title.cmp(&a.title)
            };
            titles.then_with(by_doc)
        }
    }
}

/// A heap entry whose ordering puts the worst candidate on top, so it is the one dropped.
struct Worst(Ranked, Sort);

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        better(self.1, &other.0, &self.0, true)
    }
}

/// What a search collected.
#[derive(Debug, Default)]
pub struct Collected {
    pub total: u64,
    /// Count per facet value id.
    pub counts: Vec<u32>,
    /// The best `window` hits, best first.
    pub hits: Vec<Ranked>,
}

/// When a search must stop: its start and time budget, shared by the segments searched in
/// parallel, with a flag set by the first one to give up.
#[derive(Debug)]
pub struct Deadline {
    started: Instant,
    budget: Duration,
    tripped: AtomicBool,
}

/// Documents visited between looks at the clock.
const CLOCK_EVERY: u32 = 4096;

impl Deadline {
    pub fn new(budget: Duration) -> Self {
        Self {
            started: Instant::now(),
            budget,
            tripped: AtomicBool::new(false),
        }
    }

    pub fn budget(&self) -> Duration {
        self.budget
    }

    /// Whether the budget is spent (and, if so, remembers that the search gave up).
    pub fn passed(&self) -> bool {
        if self.tripped.load(AtomicOrdering::Relaxed) {
            return true;
        }
        let passed = self.started.elapsed() > self.budget;
        if passed {
            self.tripped.store(true, AtomicOrdering::Relaxed);
        }
        passed
    }

    /// Whether some part of the search gave up because the budget was spent.
    pub fn tripped(&self) -> bool {
        self.tripped.load(AtomicOrdering::Relaxed)
    }

    /// An error for tantivy to carry out of a segment; the caller reads [`Deadline::tripped`].
    fn error(&self) -> tantivy::TantivyError {
        tantivy::TantivyError::InternalError("the search's time budget is spent".into())
    }
}

pub struct FacetCollector {
    cache: Arc<FacetCache>,
    spec: Arc<Spec>,
    deadline: Arc<Deadline>,
}

impl FacetCollector {
    /// `filters` are counted disjunctively; `required` must hold for every hit and counted doc.
    pub fn new(
        cache: Arc<FacetCache>,
        filters: &Filters,
        required: &Filters,
        complete_min: u8,
        sort: Sort,
        window: usize,
        deadline: Arc<Deadline>,
    ) -> Self {
        let values = cache.values.read().unwrap_or_else(|p| p.into_inner());
        let mut specs = Vec::new();
        for (set, relaxed) in [(filters, true), (required, false)] {
            for (facet, wanted) in set.iter() {
                specs.push(FilterSpec {
                    facet: facet.index(),
                    // A value no document has matches nothing: it adds no id.
                    values: wanted.iter().filter_map(|v| values.id(facet, v)).collect(),
                    relaxed,
                });
            }
        }
        let spec = Spec {
            filters: specs,
            facet_of: values.facet_table(),
            values: values.len(),
            sort,
            window,
            complete_min,
        };
        drop(values);
        Self {
            cache,
            spec: Arc::new(spec),
            deadline,
        }
    }
}

pub struct FacetSegmentCollector {
    segment: Arc<SegmentFacets>,
    spec: Arc<Spec>,
    segment_ord: SegmentOrdinal,
    /// For each filter, the documents it accepts; after them, when a minimum completeness is
    /// asked for, the documents that reach it (applied to every count, like the kind).
    accepted: Vec<FixedBitSet>,
    /// The documents every filter accepts; `None` without filters.
    passing: Option<FixedBitSet>,
    /// The documents the query matched, before filters.
    matched: FixedBitSet,
    total: u64,
    heap: BinaryHeap<Worst>,
}

impl FacetSegmentCollector {
    fn new(segment: Arc<SegmentFacets>, spec: Arc<Spec>, segment_ord: SegmentOrdinal) -> Self {
        let size = segment.max_doc as usize;
        let mut accepted: Vec<FixedBitSet> = spec
            .filters
            .iter()
            .map(|f| {
                let mut set = FixedBitSet::with_capacity(size);
                for docs in f.values.iter().filter_map(|&id| segment.docs_of(id)) {
                    docs.add_to(&mut set);
                }
                set
            })
            .collect();
        if spec.complete_min > 0 {
            let mut set = FixedBitSet::with_capacity(size);
            set.extend(
                segment
                    .completeness
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c >= spec.complete_min)
                    .map(|(d, _)| d),
            );
            accepted.push(set);
        }
        let passing = all_of(accepted.iter());
        Self {
            heap: BinaryHeap::with_capacity(spec.window.min(1024) + 1),
            matched: FixedBitSet::with_capacity(size),
            segment,
            spec,
            segment_ord,
            accepted,
            passing,
            total: 0,
        }
    }

    fn offer(&mut self, doc: DocId, score: Score) {
        let d = doc as usize;
        let candidate = Ranked {
            doc: DocAddress::new(self.segment_ord, doc),
            score,
            published: self.segment.published.get(d).copied().unwrap_or(0),
            title: String::new(),
            completeness: self.segment.completeness.get(d).copied().unwrap_or(0),
            title_rank: self.segment.title_rank.get(d).copied().unwrap_or(u32::MAX),
        };
        if self.heap.len() < self.spec.window {
            self.heap.push(Worst(candidate, self.spec.sort));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && better(self.spec.sort, &candidate, &worst.0, true) == Ordering::Greater
        {
            // Replacing the top sifts once, where a pop and a push would sift twice: with
            // hits in the order they are ranked by (the newest last) every document does so.
            worst.0 = candidate;
        }
    }

    /// Whether a document scoring `score` cannot enter the page: the page ranks by relevance
    /// first and its worst hit already scores higher. (An equal score may still enter, as the
    /// newer entry.)
    fn cannot_enter(&self, score: Score) -> bool {
        self.spec.sort == Sort::Relevance
            && self.heap.len() >= self.spec.window
            && self.heap.peek().is_some_and(|w| w.0.score > score)
    }

    /// Counts each value of the facets `counted` accepts among `docs`.
    fn count(&self, counted: impl Fn(usize) -> bool, docs: &FixedBitSet, counts: &mut [u32]) {
        let wanted = |id: u32| {
            self.spec
                .facet_of
                .get(id as usize)
                .is_some_and(|&f| counted(f as usize))
        };
        self.segment.count(docs, wanted, counts);
    }
}

/// The intersection of several document sets; `None` for none.
fn all_of<'a>(mut sets: impl Iterator<Item = &'a FixedBitSet>) -> Option<FixedBitSet> {
    let mut out = sets.next()?.clone();
    for set in sets {
        out.intersect_with(set);
    }
    Some(out)
}

impl FacetSegmentCollector {
    /// Marks a matched document and, if every filter accepts it, counts it and offers it to
    /// the page. The score is asked for only then: scoring a query of many clauses costs more
    /// than matching it, and with filters most matched documents are not hits.
    fn take(&mut self, doc: DocId, score: impl FnOnce() -> Score) {
        self.matched.insert(doc as usize);
        if self.passes(doc) {
            self.total += 1;
            if self.spec.window > 0 {
                let score = score();
                if !self.cannot_enter(score) {
                    self.offer(doc, score);
                }
            }
        }
    }

    /// Whether every filter accepts the document.
    fn passes(&self, doc: DocId) -> bool {
        self.passing
            .as_ref()
            .is_none_or(|set| set.contains(doc as usize))
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.take(doc, || score);
    }

    fn harvest(self) -> Collected {
        let spec = &*self.spec;
        let mut counts = vec![0u32; spec.values];
        // A facet a person filters by (one filter per facet): the matches every other filter
        // accepts.
        let mut counted = vec![false; crate::facets::Facet::ALL.len()];
        for (i, filter) in spec.filters.iter().enumerate() {
            if !filter.relaxed {
                continue;
            }
            counted[filter.facet] = true;
            let mut docs = self.matched.clone();
            for (_, set) in self.accepted.iter().enumerate().filter(|(j, _)| *j != i) {
                docs.intersect_with(set);
            }
            self.count(|f| f == filter.facet, &docs, &mut counts);
        }
        // Every other facet: the hits.
        let mut hits = self.matched.clone();
        if let Some(passing) = &self.passing {
            hits.intersect_with(passing);
        }
        self.count(|f| !counted[f], &hits, &mut counts);
        let segment = self.segment;
        let mut hits: Vec<Ranked> = self
            .heap
            .into_iter()
            .map(|Worst(mut r, _)| {
                if let Some(t) = segment.titles.get(r.title_rank as usize) {
                    r.title = t.clone();
                }
                r
            })
            .collect();
        let sort = spec.sort;
        hits.sort_by(|a, b| better(sort, b, a, true));
        Collected {
            total: self.total,
            counts,
            hits,
        }
    }
}

impl FacetCollector {
    /// Whether `query` matches at least one live document that every filter accepts: what a
    /// search's total would say is above zero, found without scoring, counting or ranking, and
    /// stopped at the first such document.
    pub fn matches_any(&self, searcher: &Searcher, query: &dyn Query) -> tantivy::Result<bool> {
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let child = self.for_segment(ord as SegmentOrdinal, reader)?;
            let mut docs = weight.scorer(reader, 1.0)?;
            let alive = reader.alive_bitset();
            let mut seen: u32 = 0;
            let mut doc = docs.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) && child.passes(doc) {
                    return Ok(true);
                }
                seen = seen.wrapping_add(1);
                if seen.is_multiple_of(CLOCK_EVERY) && self.deadline.passed() {
                    return Err(self.deadline.error());
                }
                doc = docs.advance();
            }
        }
        Ok(false)
    }
}

impl Collector for FacetCollector {
    type Fruit = Collected;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        Ok(FacetSegmentCollector::new(
            self.cache.segment(reader)?,
            self.spec.clone(),
            segment_ord,
        ))
    }

    /// Tantivy's own loop, with a look at the clock every few thousand documents, so a query
    /// matching much of a large index stops at its budget. Building the scorers (reading the
    /// postings of near spellings) is not interrupted; the planner's limits bound it.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Collected> {
        if self.deadline.passed() {
            return Err(self.deadline.error());
        }
        let mut child = self.for_segment(segment_ord, reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let scoring = self.requires_scoring();
        let mut seen: u32 = 0;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                child.take(doc, || if scoring { scorer.score() } else { 0.0 });
            }
            seen = seen.wrapping_add(1);
            if seen.is_multiple_of(CLOCK_EVERY) && self.deadline.passed() {
                return Err(self.deadline.error());
            }
            doc = scorer.advance();
        }
        Ok(child.harvest())
    }

    fn requires_scoring(&self) -> bool {
        // Completeness ties are broken by relevance.
        matches!(self.spec.sort, Sort::Relevance | Sort::Completeness)
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut out = Collected {
            total: 0,
            counts: vec![0; self.spec.values],
            hits: Vec::new(),
        };
        for fruit in fruits {
            out.total += fruit.total;
            for (sum, c) in out.counts.iter_mut().zip(fruit.counts) {
                *sum += c;
            }
            out.hits.extend(fruit.hits);
        }
        let sort = self.spec.sort;
        out.hits.sort_by(|a, b| better(sort, b, a, false));
        out.hits.truncate(self.spec.window);
        Ok(out)
    }
}
