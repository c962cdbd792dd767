//! A query scored as its inner query, plus a constant for documents written in some languages
//! (a larger one for some of them, where tiers are given).
//!
//! The planner ranks entries in the query's own language (or the catalogue's, Danish) above
//! everything found only through another language by adding a large constant to their score.
//! Written as a second clause, `inner AND lang:xx` scored constant, the inner query (often a
//! concept's terms over every field, matching much of the index) was walked twice per search;
//! here it is walked once and each of its documents is looked up in a bitset of those
//! languages' documents, made per segment from the facet cache.

use std::fmt;
use std::sync::Arc;

use fixedbitset::FixedBitSet;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use crate::facet_cache::FacetCache;

/// Languages (ids of `lang` facet values in the facet cache, whose per-segment document sets
/// are already in memory) and what being written in one of them adds to a score.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub languages: Vec<u32>,
    pub bonus: Score,
}

/// `inner`'s documents and scores, with the bonus of the first tier a document's language is
/// in added.
pub struct LanguageBonus {
    inner: Box<dyn Query>,
    cache: Arc<FacetCache>,
    tiers: Vec<Tier>,
}

impl LanguageBonus {
    pub fn new(inner: Box<dyn Query>, cache: Arc<FacetCache>, tiers: Vec<Tier>) -> Self {
        Self {
            inner,
            cache,
            tiers,
        }
    }
}

impl Clone for LanguageBonus {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.box_clone(),
            cache: self.cache.clone(),
            tiers: self.tiers.clone(),
        }
    }
}

impl fmt::Debug for LanguageBonus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "LanguageBonus(tiers={:?}, query={:?})",
            self.tiers, self.inner
        )
    }
}

impl Query for LanguageBonus {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        if !enable_scoring.is_scoring_enabled() {
            return Ok(inner);
        }
        Ok(Box::new(LanguageBonusWeight {
            inner,
            cache: self.cache.clone(),
            tiers: self.tiers.clone(),
        }))
    }

    /// Only the inner query's terms: the language is no word of the text to mark.
    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct LanguageBonusWeight {
    inner: Box<dyn Weight>,
    cache: Arc<FacetCache>,
    tiers: Vec<Tier>,
}

/// A tier's documents in one segment, one bit each: the scorer is asked about every document
/// its query matches, and a rare language's documents are kept as a sorted list that would be
/// searched each time.
struct SegmentTier {
    docs: FixedBitSet,
    bonus: Score,
}

impl LanguageBonusWeight {
    fn segment_tiers(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Vec<SegmentTier>> {
        let segment = self.cache.segment(reader)?;
        Ok(self
            .tiers
            .iter()
            .map(|tier| {
                let mut docs = FixedBitSet::with_capacity(segment.max_doc as usize);
                for values in tier.languages.iter().filter_map(|&id| segment.docs_of(id)) {
                    values.add_to(&mut docs);
                }
                SegmentTier {
                    docs,
                    bonus: tier.bonus * boost,
                }
            })
            .collect())
    }
}

/// The bonus of the first tier holding `doc`.
fn bonus_of(tiers: &[SegmentTier], doc: DocId) -> Score {
    tiers
        .iter()
        .find(|t| t.docs.contains(doc as usize))
        .map_or(0.0, |t| t.bonus)
}

impl Weight for LanguageBonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(LanguageBonusScorer {
            inner: self.inner.scorer(reader, boost)?,
            tiers: self.segment_tiers(reader, boost)?,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let bonus = bonus_of(&self.segment_tiers(reader, 1.0)?, doc);
        let mut out = Explanation::new("LanguageBonus", inner.value() + bonus);
        out.add_detail(inner);
        out.add_const("language bonus", bonus);
        Ok(out)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct LanguageBonusScorer {
    inner: Box<dyn Scorer>,
    tiers: Vec<SegmentTier>,
}

impl DocSet for LanguageBonusScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for LanguageBonusScorer {
    fn score(&mut self) -> Score {
        bonus_of(&self.tiers, self.inner.doc()) + self.inner.score()
    }
}
