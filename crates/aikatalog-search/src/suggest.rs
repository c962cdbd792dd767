//! Completions while a person types: entry titles, organisations, categories and domains whose
//! words begin with what was typed (`Køb` → Københavns Kommune, `mailsor` → Automatisk
//! mailsortering).

use std::collections::BTreeSet;

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::error::SearchError;
use crate::index::SearchIndex;

/// Completions of one typed prefix that are tried at most (the most frequent are not known
/// in advance, so the first in dictionary order are taken).
const PREFIX_TERMS: usize = 64;
/// How many times the requested number of titles are read, to move those spelt as typed first.
const SPELT_AS_TYPED_POOL: usize = 4;
/// Reference data suggestions per kind.
const PER_KIND: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    UseCase,
    Algorithm,
    Organisation,
    Category,
    Domain,
}

/// A completion of what was typed.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    /// The slug of an entry, category or domain, or an organisation's code.
    pub key: String,
    pub text: String,
}

impl SearchIndex {
    /// Up to `limit` titles, then a few organisations, categories and domains, that complete
    /// `typed`.
    pub fn suggest(&self, typed: &str, limit: usize) -> Result<Vec<Suggestion>, SearchError> {
        // Every complete word becomes a required term: the same limits as a search.
        self.limits.parse(typed)?;
        let mut words: Vec<String> = analysis::analyse(&mut self.analyzers.words.clone(), typed)
            .into_iter()
            .map(|a| a.term)
            .collect();
        let Some(last) = words.pop() else {
            return Ok(Vec::new());
        };
        // After a space the last word is complete.
        let (complete, prefix) = if typed.ends_with(char::is_whitespace) {
            words.push(last);
            (words, None)
        } else {
            (words, Some(last))
        };
        // The last word as typed, before folding: `kø` should put Køge before Kolding.
        let typed_last = typed
            .split_whitespace()
            .last()
            .filter(|_| prefix.is_some())
            .map(str::to_lowercase);
        let mut out = self.titles(&complete, prefix.as_deref(), typed_last.as_deref(), limit)?;
        out.extend(self.reference_names(&complete, prefix.as_deref(), typed_last.as_deref()));
        Ok(out)
    }

    fn titles(
        &self,
        complete: &[String],
        prefix: Option<&str>,
        typed_last: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        let searcher = self.searcher();
        let field = self.fields.title_words;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = complete
            .iter()
            .map(|w| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, w),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Must, q)
            })
            .collect();
        if let Some(prefix) = prefix {
            let completions = completions(&searcher, field, prefix)?;
            if completions.is_empty() {
                return Ok(Vec::new());
            }
            let any: Vec<Box<dyn Query>> = completions
                .iter()
                .map(|t| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, t),
                        IndexRecordOption::WithFreqs,
                    )) as Box<dyn Query>
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::union(any))));
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        // The index folds æ, ø and å, so `kø` also completes `ko…`: when the typed word has
        // such a letter, a few more titles are read and those spelt as typed moved first.
        // Plain ASCII folds to itself, so those keystrokes read no more than they show.
        let respell = typed_last.filter(|t| !t.is_ascii());
        let pool = if respell.is_some() {
            limit.saturating_mul(SPELT_AS_TYPED_POOL)
        } else {
            limit
        };
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &tantivy::collector::TopDocs::with_limit(pool).order_by_score(),
        )?;
        let f = &self.fields;
        let mut out = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            };
            let kind = if text(f.kind) == "algorithm" {
                SuggestionKind::Algorithm
            } else {
                SuggestionKind::UseCase
            };
            out.push(Suggestion {
                kind,
                key: text(f.slug),
                text: text(f.title),
            });
        }
        if let Some(t) = respell {
            // A stable sort keeps relevance order within each group.
            out.sort_by_key(|s| !spelt_as_typed(&s.text, t));
            out.truncate(limit);
        }
        Ok(out)
    }

    fn reference_names(
        &self,
        complete: &[String],
        prefix: Option<&str>,
        typed_last: Option<&str>,
    ) -> Vec<Suggestion> {
        let refs = self.reference();
        let mut analyzer = self.analyzers.words.clone();
        let mut matches = |name: &str| -> Option<(bool, bool, usize)> {
            let words: Vec<String> = analysis::analyse(&mut analyzer, name)
                .into_iter()
                .map(|a| a.term)
                .collect();
            let all_complete = complete.iter().all(|c| words.contains(c));
            let prefix_ok = prefix.is_none_or(|p| words.iter().any(|w| w.starts_with(p)));
            if !(all_complete && prefix_ok) {
                return None;
            }
            // Names with a word that begins with the letters as typed (æ, ø and å included)
            // come first, then names that start with what was typed, then shorter names.
            let exact = typed_last.is_some_and(|t| spelt_as_typed(name, t));
            let first = complete.first().map(String::as_str).or(prefix);
            let starts = first.is_some_and(|f| words.first().is_some_and(|w| w.starts_with(f)));
            Some((!exact, !starts, name.len()))
        };
        let mut out = Vec::new();
        let mut take = |kind, found: BTreeSet<((bool, bool, usize), String, String)>| {
            out.extend(
                found
                    .into_iter()
                    .take(PER_KIND)
                    .map(|(_, key, text)| Suggestion { kind, key, text }),
            );
        };
        let mut categories = BTreeSet::new();
        for c in refs.categories.values() {
            if let Some(rank) = matches(&c.name_da).or_else(|| matches(&c.name_en)) {
                categories.insert((rank, c.slug.to_string(), c.name_da.clone()));
            }
        }
        take(SuggestionKind::Category, categories);
        let mut domains = BTreeSet::new();
        for d in refs.domains.values() {
            if let Some(rank) = matches(&d.name_da).or_else(|| matches(&d.name_en)) {
                domains.insert((rank, d.slug.to_string(), d.name_da.clone()));
            }
        }
        take(SuggestionKind::Domain, domains);
        let mut organisations = BTreeSet::new();
        for o in refs.organisations.values() {
            let short = o.short_name.as_deref().and_then(&mut matches);
            if let Some(rank) = matches(&o.name).or(short) {
                organisations.insert((rank, o.code.to_string(), o.name.clone()));
            }
        }
        take(SuggestionKind::Organisation, organisations);
        out
    }
}

/// Whether a word of `text` begins with `typed` (lowercase) letter for letter, æ, ø and å
/// included.
fn spelt_as_typed(text: &str, typed: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(typed))
}

/// Terms of `field` that begin with `prefix`, across segments.
fn completions(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    prefix: &str,
) -> Result<Vec<String>, SearchError> {
    let mut found = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(upper_bound(prefix).as_slice())
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() && found.len() < PREFIX_TERMS {
            found.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    Ok(found.into_iter().collect())
}

/// The smallest byte string above every string that starts with `prefix`.
fn upper_bound(prefix: &str) -> Vec<u8> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < u8::MAX {
            bytes.push(last + 1);
            return bytes;
        }
    }
    // Only 0xFF bytes: no upper bound; an empty prefix never reaches here.
    vec![u8::MAX; prefix.len() + 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upper_bound_follows_every_completion() {
        assert_eq!(upper_bound("mail"), b"maim".to_vec());
        assert!(b"mailsortering".as_slice() < upper_bound("mail").as_slice());
    }
}
