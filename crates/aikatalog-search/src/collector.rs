//! One pass over the documents a text query matches that applies the filters, counts every
//! facet, and keeps the best page of hits.
//!
//! Facet counts are "disjunctive": a facet's counts apply every filter except its own, so a
//! person filtering by one category still sees how many hits each other category would give.
//! A document failing no filter is a hit and counts in every facet; one failing exactly one
//! filter counts only in that filter's facet; one failing more counts nowhere.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

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
}

impl Sort {
    pub fn parse(value: &str) -> Option<Sort> {
        match value {
            "relevance" => Some(Sort::Relevance),
            "newest" => Some(Sort::Newest),
            "title" => Some(Sort::Title),
            _ => None,
        }
    }
}

/// The per-query tables the segment loops read.
struct Spec {
    /// For each value id, the filter bits it satisfies.
    mask_of: Vec<u32>,
    /// For each value id, its facet's index.
    facet_of: Vec<u8>,
    /// Filter bits whose facet counts are disjunctive.
    active: u32,
    /// Filter bits that are never relaxed (the kind an endpoint is fixed to).
    required: u32,
    /// For each filter bit, its facet's index.
    facet_of_bit: Vec<u8>,
    sort: Sort,
    window: usize,
}

/// A candidate hit and what it is ordered by.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub doc: DocAddress,
    pub score: Score,
    pub published: i64,
    pub title: String,
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

pub struct FacetCollector {
    cache: Arc<FacetCache>,
    spec: Arc<Spec>,
}

impl FacetCollector {
    /// `filters` are counted disjunctively; `required` must hold for every hit and counted doc.
    pub fn new(
        cache: Arc<FacetCache>,
        filters: &Filters,
        required: &Filters,
        sort: Sort,
        window: usize,
    ) -> Self {
        let values = cache.values.read().unwrap_or_else(|p| p.into_inner());
        let mut mask_of = vec![0u32; values.len()];
        let mut facet_of_bit = Vec::new();
        let mut active = 0u32;
        let mut required_bits = 0u32;
        let mut bit = 0u32;
        for (set, is_required) in [(filters, false), (required, true)] {
            for (facet, wanted) in set.iter() {
                let mask = 1u32 << bit;
                facet_of_bit.push(facet.index() as u8);
                if is_required {
                    required_bits |= mask;
                } else {
                    active |= mask;
                }
                for value in wanted {
                    // A value no document has matches nothing; its bit stays unsatisfiable.
                    if let Some(slot) = values
                        .id(facet, value)
                        .and_then(|id| mask_of.get_mut(id as usize))
                    {
                        *slot |= mask;
                    }
                }
                bit += 1;
            }
        }
        let spec = Spec {
            facet_of: values.facet_table(),
            mask_of,
            active,
            required: required_bits,
            facet_of_bit,
            sort,
            window,
        };
        drop(values);
        Self {
            cache,
            spec: Arc::new(spec),
        }
    }
}

pub struct FacetSegmentCollector {
    segment: Arc<SegmentFacets>,
    spec: Arc<Spec>,
    segment_ord: SegmentOrdinal,
    counts: Vec<u32>,
    total: u64,
    heap: BinaryHeap<Worst>,
}

impl FacetSegmentCollector {
    fn offer(&mut self, doc: DocId, score: Score) {
        let d = doc as usize;
        let candidate = Ranked {
            doc: DocAddress::new(self.segment_ord, doc),
            score,
            published: self.segment.published.get(d).copied().unwrap_or(0),
            title: String::new(),
            title_rank: self.segment.title_rank.get(d).copied().unwrap_or(u32::MAX),
        };
        if self.heap.len() < self.spec.window {
            self.heap.push(Worst(candidate, self.spec.sort));
        } else if let Some(worst) = self.heap.peek()
            && better(self.spec.sort, &candidate, &worst.0, true) == Ordering::Greater
        {
            self.heap.pop();
            self.heap.push(Worst(candidate, self.spec.sort));
        }
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        let spec = &*self.spec;
        let values = self.segment.values(doc);
        if spec.active | spec.required == 0 {
            // No filters: every document is a hit; skip the filter pass.
            self.total += 1;
            for &v in values {
                if let Some(c) = self.counts.get_mut(v as usize) {
                    *c += 1;
                }
            }
            if self.spec.window > 0 {
                self.offer(doc, score);
            }
            return;
        }
        let mut satisfied = 0u32;
        for &v in values {
            satisfied |= spec.mask_of.get(v as usize).copied().unwrap_or(0);
        }
        if spec.required & !satisfied != 0 {
            return;
        }
        let fails = spec.active & !satisfied;
        if fails == 0 {
            self.total += 1;
            for &v in values {
                if let Some(c) = self.counts.get_mut(v as usize) {
                    *c += 1;
                }
            }
            if self.spec.window > 0 {
                self.offer(doc, score);
            }
        } else if fails & (fails - 1) == 0 {
            let facet = spec.facet_of_bit[fails.trailing_zeros() as usize];
            for &v in values {
                if spec.facet_of.get(v as usize) == Some(&facet)
                    && let Some(c) = self.counts.get_mut(v as usize)
                {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> Collected {
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
        let sort = self.spec.sort;
        hits.sort_by(|a, b| better(sort, b, a, true));
        Collected {
            total: self.total,
            counts: self.counts,
            hits,
        }
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
        Ok(FacetSegmentCollector {
            segment: self.cache.segment(reader)?,
            spec: self.spec.clone(),
            segment_ord,
            counts: vec![0; self.spec.mask_of.len()],
            total: 0,
            heap: BinaryHeap::with_capacity(self.spec.window.min(1024) + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.spec.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut out = Collected {
            total: 0,
            counts: vec![0; self.spec.mask_of.len()],
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
