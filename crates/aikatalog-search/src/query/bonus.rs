//! A query scored as its inner query, plus a constant for documents written in some languages.
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

/// `inner`'s documents and scores, with `bonus` added for those that have one of `languages`
/// (ids of `lang` facet values in the facet cache, whose per-segment document sets are already
/// in memory).
pub struct LanguageBonus {
    inner: Box<dyn Query>,
    cache: Arc<FacetCache>,
    languages: Vec<u32>,
    bonus: Score,
}

impl LanguageBonus {
    pub fn new(
        inner: Box<dyn Query>,
        cache: Arc<FacetCache>,
        languages: Vec<u32>,
        bonus: Score,
    ) -> Self {
        Self {
            inner,
            cache,
            languages,
            bonus,
        }
    }
}

impl Clone for LanguageBonus {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.box_clone(),
            cache: self.cache.clone(),
            languages: self.languages.clone(),
            bonus: self.bonus,
        }
    }
}

impl fmt::Debug for LanguageBonus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "LanguageBonus(bonus={}, languages={:?}, query={:?})",
            self.bonus, self.languages, self.inner
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
            languages: self.languages.clone(),
            bonus: self.bonus,
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
    languages: Vec<u32>,
    bonus: Score,
}

impl LanguageBonusWeight {
    /// One bit per document of the segment, set for those in the languages: the scorer is
    /// asked about every document its query matches, and a rare language's documents are kept
    /// as a sorted list that would be searched each time.
    fn in_languages(&self, reader: &SegmentReader) -> tantivy::Result<FixedBitSet> {
        let segment = self.cache.segment(reader)?;
        let mut set = FixedBitSet::with_capacity(segment.max_doc as usize);
        for docs in self.languages.iter().filter_map(|&id| segment.docs_of(id)) {
            docs.add_to(&mut set);
        }
        Ok(set)
    }
}

impl Weight for LanguageBonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(LanguageBonusScorer {
            inner: self.inner.scorer(reader, boost)?,
            in_languages: self.in_languages(reader)?,
            bonus: self.bonus * boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let bonus = if self.in_languages(reader)?.contains(doc as usize) {
            self.bonus
        } else {
            0.0
        };
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
    in_languages: FixedBitSet,
    bonus: Score,
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
        let bonus = if self.in_languages.contains(self.inner.doc() as usize) {
            self.bonus
        } else {
            0.0
        };
        self.inner.score() + bonus
    }
}
