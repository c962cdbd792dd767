//! Saying what search did with words the catalogue does not know: which typed word was read as
//! which of the catalogue's words (`aktindsit` as `aktindsigt`), and, when nothing was found,
//! which of its words lie near those typed.
//!
//! Candidates come from the whole-word field (`plain`), whose terms are folded but not stemmed,
//! through the same Levenshtein automata as the near-spelling queries; the nearest win, and
//! among them the most frequent.
//! Its spelling as people read it (æ, ø and å back) is taken from an entry that holds it.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::analysis::{self, Analyzers};
use crate::error::SearchError;
use crate::query::NearWord;
use crate::schema::Fields;

/// Near terms tried, most frequent first, before giving up on saying what a word was read as.
const CANDIDATES: usize = 3;
/// Near terms offered when nothing was found.
pub const MAX_NEAR_TERMS: usize = 5;

/// Which typed words were read as which of the catalogue's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Correction {
    /// The query with every corrected word replaced: what the results are for.
    pub query: String,
    pub words: Vec<CorrectedWord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CorrectedWord {
    /// The word as typed.
    pub typed: String,
    /// The catalogue's word it was read as, spelt as the entries spell it (lower case).
    pub read_as: String,
}

/// The edit distance near spellings allow for a word of this many letters (as the planner
/// does for the whole-word field).
fn distance(folded: &str) -> Option<u8> {
    match folded.chars().filter(|c| c.is_alphabetic()).count() {
        0..=3 => None,
        4..=7 => Some(1),
        8..=24 => Some(2),
        _ => None,
    }
}

/// Terms of `field` within `distance` of `term`, with their document counts summed over
/// segments, most frequent first (ties alphabetically, so answers are stable).
fn near_terms(
    searcher: &Searcher,
    field: Field,
    term: &str,
    distance: u8,
) -> Result<Vec<(String, u64)>, SearchError> {
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, term), distance, true).automaton()?;
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            if let Ok(key) = std::str::from_utf8(stream.key())
                && key != term
            {
                *counts.entry(key.to_owned()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut out: Vec<(String, u64)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// What one search needs to explain itself.
pub struct Explainer<'a> {
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    pub analyzers: &'a Analyzers,
}

impl Explainer<'_> {
    fn plain_term(&self, term: &str) -> Term {
        Term::from_field_text(self.fields.plain, term)
    }

    /// Terms within `max` edits of `folded`: those one edit away first, most frequent first,
    /// then those two away. A word one letter off is what was meant more often than a more
    /// frequent word two letters off (`ældreplje` is `ældrepleje` rather than `ældreplejen`).
    fn nearest(&self, folded: &str, max: u8) -> Result<Vec<(String, u64)>, SearchError> {
        let mut out: Vec<(String, u64)> = Vec::new();
        for d in 1..=max {
            for (term, count) in near_terms(self.searcher, self.fields.plain, folded, d)? {
                if !out.iter().any(|(t, _)| *t == term) {
                    out.push((term, count));
                }
            }
        }
        Ok(out)
    }

    /// Whether no entry holds the word in any form search looks at: its whole-word form nor
    /// its Danish stem in any field.
    fn unknown(&self, word: &NearWord) -> Result<bool, SearchError> {
        if self.searcher.doc_freq(&self.plain_term(&word.folded))? > 0 {
            return Ok(false);
        }
        for field in self.fields.danish_text() {
            if self
                .searcher
                .doc_freq(&Term::from_field_text(field, &word.term))?
                > 0
            {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The correction of a search that ran with near spellings: every word that is in no
    /// entry, read as its most frequent near word that an entry of the result holds. `None`
    /// when no word can be named with that certainty (the results then matched word parts or
    /// several near words, and the page says only that near spellings were used).
    pub fn correction(
        &self,
        q: &str,
        words: &[NearWord],
        matched: &dyn Query,
    ) -> Result<Option<Correction>, SearchError> {
        let mut corrected = Vec::new();
        for word in words {
            if !self.unknown(word)? {
                continue;
            }
            let Some(d) = distance(&word.folded) else {
                continue;
            };
            for (candidate, _) in self.nearest(&word.folded, d)?.into_iter().take(CANDIDATES) {
                // Consistent with what matched: some entry of the result holds the word.
                let both = BooleanQuery::intersection(vec![
                    matched.box_clone(),
                    Box::new(TermQuery::new(
                        self.plain_term(&candidate),
                        IndexRecordOption::Basic,
                    )),
                ]);
                let top = self
                    .searcher
                    .search(&both, &TopDocs::with_limit(1).order_by_score())?;
                if let Some((_, address)) = top.first() {
                    corrected.push(CorrectedWord {
                        typed: word.typed.clone(),
                        read_as: self.spelling(*address, &candidate)?,
                    });
                    break;
                }
            }
        }
        if corrected.is_empty() {
            return Ok(None);
        }
        Ok(Some(Correction {
            query: replace_words(q, &corrected),
            words: corrected,
        }))
    }

    /// Term queries for the corrected words' stems in the fields hits show, so their snippets
    /// mark them: the near-spelling queries that found them name no terms to mark.
    pub fn highlight_terms(&self, correction: &Correction) -> Vec<Box<dyn Query>> {
        let mut danish = self.analyzers.danish.clone();
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for word in &correction.words {
            for analysed in analysis::analyse(&mut danish, &word.read_as) {
                for field in [self.fields.title, self.fields.summary, self.fields.body] {
                    out.push(Box::new(TermQuery::new(
                        Term::from_field_text(field, &analysed.term),
                        IndexRecordOption::WithFreqsAndPositions,
                    )));
                }
            }
        }
        out
    }

    /// When nothing was found: the catalogue's most frequent words near the typed words it
    /// does not know, spelt as its entries spell them, at most [`MAX_NEAR_TERMS`].
    pub fn near_terms_for(&self, q: &str) -> Result<Vec<String>, SearchError> {
        let mut words = self.analyzers.words.clone();
        let mut out: Vec<String> = Vec::new();
        for analysed in analysis::analyse(&mut words, q) {
            let folded = analysed.term;
            if self.searcher.doc_freq(&self.plain_term(&folded))? > 0 {
                continue;
            }
            // Wider than the search itself tried: what it tried found nothing.
            let d = match folded.chars().count() {
                0..=2 => continue,
                3..=4 => 1,
                _ => 2,
            };
            for (candidate, _) in self.nearest(&folded, d)?.into_iter().take(MAX_NEAR_TERMS) {
                let holder = self.searcher.search(
                    &TermQuery::new(self.plain_term(&candidate), IndexRecordOption::Basic),
                    &TopDocs::with_limit(1).order_by_score(),
                )?;
                let Some((_, address)) = holder.first() else {
                    continue;
                };
                let spelt = self.spelling(*address, &candidate)?;
                if !out.contains(&spelt) {
                    out.push(spelt);
                }
            }
        }
        out.truncate(MAX_NEAR_TERMS);
        Ok(out)
    }

    /// How the document at `address` spells the whole-word term `term` (lower case), or the
    /// term itself when its stored text does not show it (names are indexed but not stored).
    fn spelling(&self, address: DocAddress, term: &str) -> Result<String, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let mut words = self.analyzers.words.clone();
        for field in [self.fields.title, self.fields.summary, self.fields.body] {
            for value in doc.get_all(field) {
                let Some(text) = value.as_str() else { continue };
                for word in text.split(|c: char| !c.is_alphanumeric()) {
                    if word.is_empty() {
                        continue;
                    }
                    let analysed = analysis::analyse(&mut words, word);
                    if let [single] = analysed.as_slice()
                        && single.term == term
                    {
                        return Ok(word.to_lowercase());
                    }
                }
            }
        }
        Ok(term.to_owned())
    }
}

/// `q` with each corrected word, where it stands as a whole word, replaced by what it was read
/// as; the rest (other words, quotes, `OR`) as typed, spaces normalised.
fn replace_words(q: &str, corrected: &[CorrectedWord]) -> String {
    q.split_whitespace()
        .map(|token| {
            corrected
                .iter()
                .find(|c| c.typed == token)
                .map_or(token, |c| c.read_as.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_corrected_words_are_replaced() {
        let corrected = [CorrectedWord {
            typed: "aktindsit".into(),
            read_as: "aktindsigt".into(),
        }];
        assert_eq!(
            replace_words("aktindsit  om byggesager", &corrected),
            "aktindsigt om byggesager"
        );
        assert_eq!(replace_words("aktindsitt", &corrected), "aktindsitt");
    }

    #[test]
    fn short_words_get_no_near_spellings() {
        assert_eq!(distance("kl"), None);
        assert_eq!(distance("mail"), Some(1));
        assert_eq!(distance("aktindsit"), Some(2));
    }
}
