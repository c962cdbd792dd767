//! Turns a parsed query into tantivy queries: each required group becomes a clause that matches
//! the words in any weighted field, widened by synonyms and compounds, and, for the typo pass,
//! by near spellings.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::compound::Lexicon;
use super::syntax::{Item, Parsed};
use crate::analysis::{self, Analysed};
use crate::schema::Fields;
use crate::synonyms::Synonyms;
use crate::vocabulary::Vocabulary;

/// How much a field's best match counts beside the others' (a word in the title and the body
/// scores a little above a word in the title alone).
const TIE_BREAKER: f32 = 0.2;
/// Alternatives rank below the words as typed.
const SYNONYM_BOOST: f32 = 0.8;
const COMPOUND_BOOST: f32 = 0.7;
const FUZZY_BOOST: f32 = 0.4;
/// A word found as part of a longer compound (`pleje` in `hjemmepleje`).
const PART_BOOST: f32 = 0.5;
/// Compounds tried per word, shortest first.
const PART_LIMIT: usize = 16;
/// A compound has at least this many letters besides the word.
const PART_EXTRA: usize = 3;

/// One required part of a query.
pub struct Clause {
    /// What matches the words as typed, with synonyms and compounds.
    pub exact: Box<dyn Query>,
    /// Near spellings of the words, for the typo pass.
    pub fuzzy: Option<Box<dyn Query>>,
}

/// A query ready to run, in its three strengths.
pub struct Plan {
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Box<dyn Query>>,
}

/// How strictly a plan is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Every word (or an alternative of it) must match.
    AllWords,
    /// Every word must match, near spellings allowed.
    AllWordsFuzzy,
    /// Any word may match; more matching words rank higher.
    AnyWord,
}

impl Plan {
    pub fn has_fuzzy(&self) -> bool {
        self.clauses.iter().any(|c| c.fuzzy.is_some())
    }

    /// The query at one strictness; `None` when nothing is required or excluded (match all).
    pub fn query(&self, strictness: Strictness) -> Option<Box<dyn Query>> {
        if self.clauses.is_empty() && self.excluded.is_empty() {
            return None;
        }
        let occur = match strictness {
            Strictness::AnyWord => Occur::Should,
            _ => Occur::Must,
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = self
            .clauses
            .iter()
            .map(|c| {
                let q = match (&c.fuzzy, strictness) {
                    (Some(fuzzy), Strictness::AllWordsFuzzy | Strictness::AnyWord) => {
                        Box::new(BooleanQuery::union(vec![
                            c.exact.box_clone(),
                            fuzzy.box_clone(),
                        ])) as Box<dyn Query>
                    }
                    _ => c.exact.box_clone(),
                };
                (occur, q)
            })
            .collect();
        if self.clauses.is_empty() {
            parts.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
        }
        parts.extend(
            self.excluded
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        Some(Box::new(BooleanQuery::new(parts)))
    }
}

/// A word of the query with its Danish analysis.
struct Word {
    raw: String,
    terms: Vec<Analysed>,
}

/// What a stretch of plain words became.
enum Unit {
    Word(usize),
    /// Words `[start, end)` that name synonym groups.
    Synonym {
        start: usize,
        end: usize,
        groups: Vec<usize>,
    },
}

pub struct Planner<'a> {
    fields: &'a Fields,
    synonyms: &'a Synonyms,
    vocabulary: &'a Vocabulary,
    searcher: &'a tantivy::Searcher,
    lexicon: Lexicon<'a>,
    danish: TextAnalyzer,
    english: TextAnalyzer,
}

impl<'a> Planner<'a> {
    pub fn new(
        fields: &'a Fields,
        synonyms: &'a Synonyms,
        vocabulary: &'a Vocabulary,
        searcher: &'a tantivy::Searcher,
    ) -> Self {
        Self {
            fields,
            synonyms,
            vocabulary,
            searcher,
            lexicon: Lexicon::new(searcher, fields.danish_text().to_vec()),
            danish: analysis::danish(),
            english: analysis::english(),
        }
    }

    pub fn plan(&mut self, parsed: &Parsed) -> Plan {
        let mut clauses = Vec::new();
        let mut run: Vec<String> = Vec::new();
        for group in &parsed.groups {
            match group.as_slice() {
                [Item::Word(w)] => run.push(w.clone()),
                alternatives => {
                    clauses.extend(self.plain_run(&std::mem::take(&mut run)));
                    clauses.extend(self.alternatives(alternatives));
                }
            }
        }
        clauses.extend(self.plain_run(&run));
        let excluded = parsed
            .excluded
            .iter()
            .filter_map(|item| match item {
                Item::Word(w) | Item::Phrase(w) => self.text(w, 1.0),
            })
            .collect();
        Plan { clauses, excluded }
    }

    /// A group of `OR`ed items: one clause met by any of them.
    fn alternatives(&mut self, items: &[Item]) -> Option<Clause> {
        let mut exact = Vec::new();
        let mut fuzzy = Vec::new();
        for item in items {
            match item {
                Item::Phrase(p) => exact.extend(self.text(p, 1.0)),
                Item::Word(w) => {
                    for clause in self.plain_run(std::slice::from_ref(w)) {
                        exact.push(clause.exact);
                        fuzzy.extend(clause.fuzzy);
                    }
                }
            }
        }
        let exact = union(exact)?;
        Some(Clause {
            exact,
            fuzzy: union(fuzzy),
        })
    }

    /// Consecutive plain words: synonyms may span several of them and neighbours may form a
    /// compound, so they are planned together.
    fn plain_run(&mut self, raw: &[String]) -> Vec<Clause> {
        let words: Vec<Word> = raw
            .iter()
            .map(|w| Word {
                raw: w.clone(),
                terms: analysis::analyse(&mut self.danish, w),
            })
            // Stop words and punctuation carry nothing to search for.
            .filter(|w| !w.terms.is_empty())
            .collect();
        let units = self.units(&words);
        let mut clauses: Vec<Clause> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            // Two neighbouring single words that the catalogue writes as one compound.
            if let (Unit::Word(a), Some(next)) = (&units[i], units.get(i + 1))
                && let Some(b) = single_word(next)
                && let Some(compound) = self.lexicon.join(&words[*a].raw, &words[b].raw)
                && let (Some(first), Some(second)) =
                    (self.unit(&words, &units[i]), self.unit(&words, next))
            {
                let both = BooleanQuery::intersection(vec![first.exact, second.exact]);
                let joined = self.term_query(&compound, COMPOUND_BOOST);
                clauses.push(Clause {
                    exact: Box::new(BooleanQuery::union(vec![Box::new(both), joined])),
                    fuzzy: None,
                });
                i += 2;
                continue;
            }
            clauses.extend(self.unit(&words, &units[i]));
            i += 1;
        }
        clauses
    }

    fn units(&self, words: &[Word]) -> Vec<Unit> {
        // Flatten to terms, remembering which word each came from, to find synonym phrases.
        let mut terms = Vec::new();
        let mut word_of = Vec::new();
        for (w, word) in words.iter().enumerate() {
            for t in &word.terms {
                terms.push(t.term.as_str());
                word_of.push(w);
            }
        }
        let boundary = |i: usize| i == 0 || i >= terms.len() || word_of[i] != word_of[i - 1];
        let matches = self.synonyms.find(&terms, boundary);
        let mut units = Vec::new();
        let mut next_word = 0;
        for m in matches {
            let (start, end) = (word_of[m.start], word_of[m.end - 1] + 1);
            units.extend((next_word..start).map(Unit::Word));
            units.push(Unit::Synonym {
                start,
                end,
                groups: m.groups,
            });
            next_word = end;
        }
        units.extend((next_word..words.len()).map(Unit::Word));
        units
    }

    fn unit(&mut self, words: &[Word], unit: &Unit) -> Option<Clause> {
        match unit {
            Unit::Word(w) => self.word(&words[*w]),
            Unit::Synonym { start, end, groups } => {
                let typed: Vec<&str> = words[*start..*end].iter().map(|w| w.raw.as_str()).collect();
                let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
                alternatives.extend(self.text(&typed.join(" "), 1.0));
                for g in groups {
                    let Some(group) = self.synonyms.group(*g) else {
                        continue;
                    };
                    for v in &group.variants {
                        alternatives.extend(self.analysed(&v.danish, &v.english, SYNONYM_BOOST));
                    }
                }
                // Near spellings of a single word still help when it is misspelt elsewhere.
                let fuzzy = match &words[*start..*end] {
                    [single] => self.fuzzy(single),
                    _ => None,
                };
                Some(Clause {
                    exact: union(alternatives)?,
                    fuzzy,
                })
            }
        }
    }

    fn word(&mut self, word: &Word) -> Option<Clause> {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        alternatives.extend(self.text(&word.raw, 1.0));
        if let [single] = word.terms.as_slice() {
            let mut folded = String::new();
            analysis::fold(&word.raw.to_lowercase(), &mut folded);
            alternatives.extend(self.compound_parts(&single.term, &folded));
            if let Some(parts) = self.lexicon.split(&folded) {
                let required: Vec<Box<dyn Query>> =
                    parts.iter().filter_map(|p| self.text(p, 1.0)).collect();
                if required.len() == parts.len() {
                    alternatives.push(Box::new(BoostQuery::new(
                        Box::new(BooleanQuery::intersection(required)),
                        COMPOUND_BOOST,
                    )));
                }
            }
        }
        Some(Clause {
            exact: union(alternatives)?,
            fuzzy: self.fuzzy(word),
        })
    }

    /// Longer words of the catalogue that begin or end with this one.
    fn compound_parts(&self, term: &str, folded: &str) -> Option<Box<dyn Query>> {
        if folded.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            return None;
        }
        let compounds = self
            .vocabulary
            .compounds_of(self.searcher, term, PART_EXTRA, PART_LIMIT)
            .ok()?;
        if compounds.is_empty() {
            return None;
        }
        let terms = self
            .fields
            .danish_text()
            .into_iter()
            .flat_map(|f| compounds.iter().map(move |c| Term::from_field_text(f, c)));
        Some(Box::new(BoostQuery::new(
            Box::new(TermSetQuery::new(terms)),
            PART_BOOST,
        )))
    }

    /// Near spellings of a one-term word: edit distance 1 from four letters, 2 from eight.
    fn fuzzy(&self, word: &Word) -> Option<Box<dyn Query>> {
        let [single] = word.terms.as_slice() else {
            return None;
        };
        let letters = word.raw.chars().filter(|c| c.is_alphabetic()).count();
        let distance = match letters {
            0..=3 => return None,
            4..=7 => 1,
            _ => 2,
        };
        let mut per_field: Vec<Box<dyn Query>> = self
            .fields
            .danish_text()
            .iter()
            .map(|f| {
                Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(*f, &single.term),
                    distance,
                    true,
                )) as Box<dyn Query>
            })
            .collect();
        let mut folded = String::new();
        analysis::fold(&word.raw.to_lowercase(), &mut folded);
        per_field.push(Box::new(FuzzyTermQuery::new(
            Term::from_field_text(self.fields.plain, &folded),
            distance,
            true,
        )));
        Some(Box::new(BoostQuery::new(
            Box::new(DisjunctionMaxQuery::with_tie_breaker(
                per_field,
                TIE_BREAKER,
            )),
            FUZZY_BOOST,
        )))
    }

    /// Text as typed (a word or a phrase), in every weighted field.
    fn text(&mut self, text: &str, boost: f32) -> Option<Box<dyn Query>> {
        let danish = analysis::analyse(&mut self.danish, text);
        let english = analysis::analyse(&mut self.english, text);
        self.analysed(&danish, &english, boost)
    }

    fn analysed(
        &self,
        danish: &[Analysed],
        english: &[Analysed],
        boost: f32,
    ) -> Option<Box<dyn Query>> {
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for (field, weight) in self.fields.weighted() {
            let terms = if field == self.fields.english {
                english
            } else {
                danish
            };
            if let Some(q) = field_query(field, terms) {
                per_field.push(Box::new(BoostQuery::new(q, weight * boost)));
            }
        }
        if per_field.is_empty() {
            return None;
        }
        Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
            per_field,
            TIE_BREAKER,
        )))
    }

    /// An already analysed Danish term in every Danish field.
    fn term_query(&self, term: &str, boost: f32) -> Box<dyn Query> {
        let per_field: Vec<Box<dyn Query>> = self
            .fields
            .weighted()
            .into_iter()
            .filter(|(f, _)| *f != self.fields.english)
            .map(|(f, weight)| {
                let q =
                    TermQuery::new(Term::from_field_text(f, term), IndexRecordOption::WithFreqs);
                Box::new(BoostQuery::new(Box::new(q), weight * boost)) as Box<dyn Query>
            })
            .collect();
        Box::new(DisjunctionMaxQuery::with_tie_breaker(
            per_field,
            TIE_BREAKER,
        ))
    }
}

fn single_word(unit: &Unit) -> Option<usize> {
    match unit {
        Unit::Word(w) => Some(*w),
        Unit::Synonym { start, end, .. } if end - start == 1 => Some(*start),
        Unit::Synonym { .. } => None,
    }
}

/// A term, or a phrase that keeps the gaps left by stop words.
fn field_query(field: Field, terms: &[Analysed]) -> Option<Box<dyn Query>> {
    match terms {
        [] => None,
        [single] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, &single.term),
            IndexRecordOption::WithFreqs,
        ))),
        several => {
            let first = several[0].position;
            let terms = several
                .iter()
                .map(|a| (a.position - first, Term::from_field_text(field, &a.term)))
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
}

fn union(mut queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::union(queries))),
    }
}
