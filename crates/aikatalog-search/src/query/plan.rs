//! Turns a parsed query into tantivy queries: each required group becomes a clause that matches
//! the words in any weighted field, widened by synonyms and compounds, and, for the typo pass,
//! by near spellings.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::compound::Lexicon;
use super::syntax::{Item, Parsed};
use crate::analysis::{self, Analysed};
use crate::limits::QueryLimits;
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

/// A word whose exact form is in fewer documents than this "finds little": near spellings are
/// tried for it too. Judged per word from the index, not from a filtered result, so narrow
/// filters do not turn every search fuzzy.
const RARE: u64 = 3;
/// Misspelt words at least this long are also tried as the start of a compound.
const PREFIX_FUZZY_LETTERS: usize = 8;
/// Words longer than this get no near spellings: the Levenshtein automaton grows with the word,
/// and a longer word is a compound better found by its parts.
const MAX_FUZZY_LETTERS: usize = 24;

/// One required part of a query: the words as typed, with synonyms, compounds and, for rare
/// words, near spellings.
pub struct Clause {
    pub query: Box<dyn Query>,
}

/// A query ready to run.
pub struct Plan {
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Box<dyn Query>>,
    /// Whether some word was widened to near spellings.
    pub near_spellings: bool,
    /// The words widened to near spellings, for saying which were read as which.
    pub near_words: Vec<NearWord>,
}

/// A word of the query that near spellings were tried for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearWord {
    /// As typed.
    pub typed: String,
    /// Its Danish term (stem).
    pub term: String,
    /// Lowercased and folded, as the whole-word field holds words.
    pub folded: String,
}

/// How strictly a plan is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Every word (or an alternative of it) must match.
    AllWords,
    /// Every word must match; rare words also by near spellings.
    AllWordsFuzzy,
    /// Any word may match; more matching words rank higher.
    AnyWord,
}

impl Plan {
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
            .map(|c| (occur, c.query.box_clone()))
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
    near_spellings: bool,
    near_words: Vec<NearWord>,
    /// Rare words that may still be widened to near spellings.
    fuzzy_words_left: usize,
}

impl<'a> Planner<'a> {
    pub fn new(
        fields: &'a Fields,
        synonyms: &'a Synonyms,
        vocabulary: &'a Vocabulary,
        analyzers: &analysis::Analyzers,
        searcher: &'a tantivy::Searcher,
        limits: &QueryLimits,
    ) -> Self {
        Self {
            fields,
            synonyms,
            vocabulary,
            searcher,
            lexicon: Lexicon::new(
                searcher,
                fields.danish_text().to_vec(),
                analyzers.danish.clone(),
                limits.max_compound_lookups,
            ),
            danish: analyzers.danish.clone(),
            english: analyzers.english.clone(),
            near_spellings: false,
            near_words: Vec::new(),
            fuzzy_words_left: limits.max_fuzzy_words,
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
                Item::Word(w) | Item::Phrase(w) => self.text(w, 1.0, Adjacency::Phrase),
            })
            .collect();
        Plan {
            clauses,
            excluded,
            near_spellings: self.near_spellings,
            near_words: std::mem::take(&mut self.near_words),
        }
    }

    /// A group of `OR`ed items: one clause met by any of them.
    fn alternatives(&mut self, items: &[Item]) -> Option<Clause> {
        let mut any = Vec::new();
        for item in items {
            match item {
                Item::Phrase(p) => any.extend(self.text(p, 1.0, Adjacency::Phrase)),
                Item::Word(w) => any.extend(
                    self.plain_run(std::slice::from_ref(w))
                        .into_iter()
                        .map(|c| c.query),
                ),
            }
        }
        Some(Clause { query: union(any)? })
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
                let both = BooleanQuery::intersection(vec![first.query, second.query]);
                let joined = self.term_query(&compound, COMPOUND_BOOST);
                clauses.push(Clause {
                    query: Box::new(BooleanQuery::union(vec![Box::new(both), joined])),
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
                let typed = typed.join(" ");
                let typed_danish = analysis::analyse(&mut self.danish, &typed);
                let typed_english = analysis::analyse(&mut self.english, &typed);
                let mut variants: Vec<(&[Analysed], &[Analysed], f32)> =
                    vec![(&typed_danish, &typed_english, 1.0)];
                for g in groups {
                    if let Some(group) = self.synonyms.group(*g) {
                        variants.extend(
                            group
                                .variants
                                .iter()
                                .map(|v| (&v.danish[..], &v.english[..], SYNONYM_BOOST)),
                        );
                    }
                }
                Some(Clause {
                    query: self.variants(&variants, Adjacency::SameField)?,
                })
            }
        }
    }

    fn word(&mut self, word: &Word) -> Option<Clause> {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        alternatives.extend(self.text(&word.raw, 1.0, Adjacency::Phrase));
        if let [single] = word.terms.as_slice() {
            let mut folded = String::new();
            analysis::fold(&word.raw.to_lowercase(), &mut folded);
            let inside_compounds = self.compound_parts(&single.term, &folded);
            let mut split = false;
            if let Some(parts) = self.lexicon.split(&folded) {
                let required: Vec<Box<dyn Query>> = parts
                    .iter()
                    .filter_map(|p| self.text(p, 1.0, Adjacency::Phrase))
                    .collect();
                if required.len() == parts.len() {
                    split = true;
                    alternatives.push(Box::new(BoostQuery::new(
                        Box::new(BooleanQuery::intersection(required)),
                        COMPOUND_BOOST,
                    )));
                }
            }
            // A word the catalogue barely knows, alone or in compounds, is likely misspelt.
            let known =
                split || inside_compounds.is_some() || self.lexicon.doc_freq(&single.term) >= RARE;
            alternatives.extend(inside_compounds);
            // Each near spelling builds automata in every text field: only the first few rare
            // words of a query get them.
            if !known && self.fuzzy_words_left > 0 {
                self.fuzzy_words_left -= 1;
                let near = self.fuzzy(&single.term, &folded);
                // A compound with a typo in its second part (`borger` + `betjenning`): the
                // known first part as typed, the rest by near spellings.
                let near_compound = self.lexicon.split_head(&folded).and_then(|(head, tail)| {
                    let tail_term = self.lexicon.term_of(&tail)?;
                    let parts = vec![
                        self.text(&head, 1.0, Adjacency::Phrase)?,
                        self.fuzzy(&tail_term, &tail)?,
                    ];
                    // Scored as a near spelling, below the whole word's: the parts only
                    // co-occur, which says less than the compound itself.
                    Some(Box::new(ConstScoreQuery::new(
                        Box::new(BooleanQuery::intersection(parts)),
                        FUZZY_BOOST * COMPOUND_BOOST,
                    )) as Box<dyn Query>)
                });
                let mut widened = false;
                for query in [near, near_compound].into_iter().flatten() {
                    self.near_spellings = true;
                    widened = true;
                    alternatives.push(query);
                }
                if widened && !self.near_words.iter().any(|w| w.typed == word.raw) {
                    self.near_words.push(NearWord {
                        typed: word.raw.clone(),
                        term: single.term.clone(),
                        folded: folded.clone(),
                    });
                }
            }
        }
        Some(Clause {
            query: union(alternatives)?,
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
        // A union of plain term queries, scored as one constant: what `TermSetQuery` means,
        // without the automaton it builds per query and field, which costs more than reading
        // these few rare terms' postings.
        let terms: Vec<Box<dyn Query>> = self
            .fields
            .danish_text()
            .into_iter()
            .flat_map(|f| compounds.iter().map(move |c| Term::from_field_text(f, c)))
            .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
            .collect();
        Some(Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::union(terms)),
            PART_BOOST,
        )))
    }

    /// Near spellings of a one-term word: edit distance 1 from four letters, 2 from eight,
    /// counted on the term each field holds. The stem is shorter than the word as typed, and a
    /// distance of 2 on a short stem finds unrelated words (`bygninger`, stem `bygning`, would
    /// find `søgning`).
    fn fuzzy(&self, term: &str, folded: &str) -> Option<Box<dyn Query>> {
        let distance = |term: &str| match term.chars().filter(|c| c.is_alphabetic()).count() {
            0..=3 => None,
            4..=7 => Some(1),
            8..=MAX_FUZZY_LETTERS => Some(2),
            _ => None,
        };
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        if let Some(d) = distance(term) {
            per_field.extend(self.fields.danish_text().iter().map(|f| {
                Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(*f, term),
                    d,
                    true,
                )) as Box<dyn Query>
            }));
        }
        // A long misspelt word may be the start of a compound the catalogue only has whole
        // (`kommunkation` in `kommunikationsområdet`): near spellings of it as a prefix, at
        // distance 1 so short stems do not open onto half the vocabulary.
        if (PREFIX_FUZZY_LETTERS..=MAX_FUZZY_LETTERS).contains(&term.chars().count()) {
            per_field.extend(self.fields.danish_text().iter().map(|f| {
                Box::new(FuzzyTermQuery::new_prefix(
                    Term::from_field_text(*f, term),
                    1,
                    true,
                )) as Box<dyn Query>
            }));
        }
        let d = distance(folded)?;
        per_field.push(Box::new(FuzzyTermQuery::new(
            Term::from_field_text(self.fields.plain, folded),
            d,
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
    fn text(&mut self, text: &str, boost: f32, adjacency: Adjacency) -> Option<Box<dyn Query>> {
        let danish = analysis::analyse(&mut self.danish, text);
        let english = analysis::analyse(&mut self.english, text);
        self.analysed(&danish, &english, boost, adjacency)
    }

    fn analysed(
        &self,
        danish: &[Analysed],
        english: &[Analysed],
        boost: f32,
        adjacency: Adjacency,
    ) -> Option<Box<dyn Query>> {
        self.variants(&[(danish, english, boost)], adjacency)
    }

    /// Alternatives of one meaning (analysed Danish and English terms, and a boost), in every
    /// weighted field. Within a field, alternatives that analyse to the same terms are searched
    /// once with their boosts added, which scores as the separate copies would (BM25 is linear
    /// in the boost): synonym groups hold spellings that differ only before stemming
    /// (`generativ AI`, `generative AI`) and repeat what was typed, and each copy would walk the
    /// same long posting lists again.
    fn variants(
        &self,
        variants: &[(&[Analysed], &[Analysed], f32)],
        adjacency: Adjacency,
    ) -> Option<Box<dyn Query>> {
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for (field, weight) in self.fields.weighted() {
            let mut distinct: Vec<(&[Analysed], f32)> = Vec::new();
            for &(danish, english, boost) in variants {
                let terms = if field == self.fields.english {
                    english
                } else {
                    danish
                };
                match distinct.iter_mut().find(|(t, _)| same_terms(t, terms)) {
                    Some(seen) => seen.1 += boost,
                    None => distinct.push((terms, boost)),
                }
            }
            let alternatives: Vec<Box<dyn Query>> = distinct
                .into_iter()
                .filter_map(|(terms, boost)| {
                    let q = field_query(field, terms, adjacency)?;
                    Some(Box::new(BoostQuery::new(q, weight * boost)) as Box<dyn Query>)
                })
                .collect();
            per_field.extend(union(alternatives));
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

/// Whether two analyses search the same terms at the same relative positions.
fn same_terms(a: &[Analysed], b: &[Analysed]) -> bool {
    let offset = |t: &[Analysed]| t.first().map_or(0, |f| f.position);
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.term == y.term && x.position - offset(a) == y.position - offset(b))
}

fn single_word(unit: &Unit) -> Option<usize> {
    match unit {
        Unit::Word(w) => Some(*w),
        Unit::Synonym { start, end, .. } if end - start == 1 => Some(*start),
        Unit::Synonym { .. } => None,
    }
}

/// How the terms of several words must stand in one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Adjacency {
    /// As a phrase: what a person quoted, or one word that analyses to several terms.
    Phrase,
    /// Anywhere in the same field: for synonym variants, where a phrase check on common terms
    /// (`kunstig intelligens`, `AI`) reads positions for most of the index and adds little.
    SameField,
}

/// A term, several terms in one field, or a phrase that keeps the gaps left by stop words.
fn field_query(field: Field, terms: &[Analysed], adjacency: Adjacency) -> Option<Box<dyn Query>> {
    let term = |a: &Analysed| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &a.term),
            IndexRecordOption::WithFreqs,
        ))
    };
    match terms {
        [] => None,
        [single] => Some(term(single)),
        several if adjacency == Adjacency::SameField => Some(Box::new(BooleanQuery::intersection(
            several.iter().map(term).collect(),
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
