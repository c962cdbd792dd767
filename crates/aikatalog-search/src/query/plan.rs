//! Turns a parsed query into tantivy queries: each required group becomes a clause that matches
//! the words in any weighted field, widened by synonyms and compounds, and, for the typo pass,
//! by near spellings.

use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, FuzzyTermQuery,
    Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::bonus::{LanguageBonus, Tier};
use super::compound::Lexicon;
use super::fields::FieldsMax;
use super::syntax::{Item, Parsed};
use crate::analysis::{self, Analysed};
use crate::crosslingual::Crosslingual;
use crate::facet_cache::FacetCache;
use crate::facets::Facet;
use crate::index::SearchIndex;
use crate::language;
use crate::limits::QueryLimits;
use crate::schema::Fields;
use crate::synonyms::Synonyms;
use crate::term_stats::TermStats;
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
/// A name ending in the head word typed (`BerthaGPT` for `GPT`): nearly the word itself.
const HEAD_BOOST: f32 = 0.9;
/// Another form of the word's family (`journaliseres` for `journalisering`).
const FAMILY_BOOST: f32 = 0.8;
/// The query's concept named in another language, below the concept in the query's own words.
const CROSS_BOOST: f32 = 0.3;
/// What matching words that name a concept in the query's own words (or their synonyms) adds
/// to the score of an entry written in the language they were named in, above anything the
/// concept's terms in other languages can score: so those entries rank above every entry found
/// only through another language (Danish entries first for a Danish query), and each group
/// keeps its own ranking.
const OWN_WORDS_BONUS: f32 = 1000.0;
/// The catalogue's own language.
const HOME_LANGUAGE: &str = "da";
/// What matching a concept's Danish terms adds to a Danish entry's score when the query named
/// the concept in another language: above [`OWN_WORDS_BONUS`], so Danish entries on the topic
/// rank first for a query in any language.
const HOME_BONUS: f32 = 2.0 * OWN_WORDS_BONUS;
/// Concepts expanded per query: each adds its terms in every language present.
const MAX_CONCEPTS: usize = 6;
/// Names ending in a head word, tried per head word.
const HEAD_LIMIT: usize = 24;
/// A family member's stem keeps at least this many letters.
const FAMILY_MIN_STEM: usize = 4;
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
/// words, near spellings; and the concept the words name, in the other languages.
pub struct Clause {
    pub query: Box<dyn Query>,
    /// The clause without its other-language terms, when it has some.
    pub own: Option<Box<dyn Query>>,
}

impl Clause {
    fn plain(query: Box<dyn Query>) -> Self {
        Self { query, own: None }
    }

    /// The clause in the query's own words.
    fn own_query(&self) -> Box<dyn Query> {
        self.own.as_ref().unwrap_or(&self.query).box_clone()
    }
}

/// A query ready to run.
pub struct Plan {
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Box<dyn Query>>,
    /// Whether some word was widened to near spellings.
    pub near_spellings: bool,
    /// Whether some words were widened to their concept's terms in other languages.
    pub cross_language: bool,
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
        self.build(strictness, |c| c.query.box_clone())
    }

    /// The query at one strictness in the query's own words only, without the concepts' terms
    /// in other languages: whether anything matched so tells whether the query matched only
    /// through another language.
    pub fn own_query(&self, strictness: Strictness) -> Option<Box<dyn Query>> {
        self.build(strictness, Clause::own_query)
    }

    fn build(
        &self,
        strictness: Strictness,
        clause: impl Fn(&Clause) -> Box<dyn Query>,
    ) -> Option<Box<dyn Query>> {
        if self.clauses.is_empty() && self.excluded.is_empty() {
            return None;
        }
        let occur = match strictness {
            Strictness::AnyWord => Occur::Should,
            _ => Occur::Must,
        };
        let clauses: Vec<Box<dyn Query>> = self.clauses.iter().map(clause).collect();
        if occur == Occur::Must && clauses.iter().any(|q| is_nothing(q.as_ref())) {
            // A required word in no entry: nothing to look for.
            return Some(nothing());
        }
        let mut parts: Vec<(Occur, Box<dyn Query>)> = clauses
            .into_iter()
            .filter(|q| !is_nothing(q.as_ref()))
            .map(|q| (occur, q))
            .collect();
        if self.clauses.is_empty() {
            parts.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
        } else if parts.is_empty() {
            return Some(nothing());
        }
        parts.extend(
            self.excluded
                .iter()
                .filter(|q| !is_nothing(q.as_ref()))
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

/// What a stretch of plain words became: one word, or words `[start, end)` that name synonym
/// groups.
struct Unit {
    start: usize,
    end: usize,
    groups: Vec<usize>,
}

/// Units `units` that name concepts, with the language each was named in.
struct ConceptSpan {
    units: std::ops::Range<usize>,
    concepts: Vec<(usize, &'static str)>,
}

/// Text analysed for each kind of field.
struct Analyses {
    danish: Vec<Analysed>,
    english: Vec<Analysed>,
    /// In the other languages present in the index, for the entry-text fields, whose foreign
    /// entries hold their own language's terms.
    foreign: Vec<Vec<Analysed>>,
}

pub struct Planner<'a> {
    fields: &'a Fields,
    facets: &'a Arc<FacetCache>,
    synonyms: &'a Synonyms,
    crosslingual: &'a Crosslingual,
    vocabulary: &'a Vocabulary,
    /// Which terms the index holds (a term in no entry is left out of the plan), and its
    /// searcher.
    stats: &'a TermStats<'a>,
    lexicon: Lexicon<'a>,
    analyzers: &'a analysis::Analyzers,
    danish: TextAnalyzer,
    english: TextAnalyzer,
    /// The analyzers of the other languages whose entries the index holds, by language code
    /// (`""` for the folded one of languages without a stemmer). Empty for a Danish-only
    /// index, which is then searched exactly as before languages were told apart.
    foreign: Vec<(&'static str, TextAnalyzer)>,
    near_spellings: bool,
    near_words: Vec<NearWord>,
    cross_language: bool,
    /// While planning words that name a concept: the languages they were named in, the only
    /// ones they are read in. `parkering` is Danish; read as English it would find `Parker`.
    readings: Option<Vec<&'static str>>,
    /// Rare words that may still be widened to near spellings.
    fuzzy_words_left: usize,
    /// While planning words that name a concept: what their own query searches that alone
    /// makes an entry match (each field's terms, and how they must stand), so the concept's
    /// terms do not search it again.
    covered: Vec<Covered>,
    /// Whether [`Planner::variants`] adds what it searches to `covered`.
    recording: bool,
}

/// Terms one field is searched for.
struct Covered {
    field: Field,
    terms: Vec<Analysed>,
    adjacency: Adjacency,
}

/// Whether the index holds entries in `code`.
fn holds_language(stats: &TermStats<'_>, fields: &Fields, code: &str) -> bool {
    stats.holds(&Term::from_field_text(
        fields.facet,
        &Facet::Lang.term(code),
    ))
}

impl<'a> Planner<'a> {
    /// A planner for `index`'s fields and vocabularies, reading the terms of the searcher
    /// behind `stats`.
    pub fn new(index: &'a SearchIndex, stats: &'a TermStats<'a>, limits: &QueryLimits) -> Self {
        let fields = &index.fields;
        let analyzers = &index.analyzers;
        let mut foreign: Vec<(&'static str, TextAnalyzer)> = analyzers
            .foreign
            .iter()
            .filter(|(code, _)| !code.is_empty() && holds_language(stats, fields, code))
            .map(|(code, a)| (*code, a.clone()))
            .collect();
        let other_present = language::KNOWN
            .iter()
            .any(|(code, _)| code != &language::DANISH && holds_language(stats, fields, code));
        if other_present
            && let Some((code, folded)) = analyzers.foreign.iter().find(|(c, _)| c.is_empty())
        {
            // Czech and any language without a stemmer; cheap, and the only way to find them.
            foreign.push((code, folded.clone()));
        }
        Self {
            fields,
            facets: &index.facets,
            synonyms: &index.synonyms,
            crosslingual: &index.crosslingual,
            vocabulary: &index.vocabulary,
            stats,
            analyzers,
            foreign,
            cross_language: false,
            readings: None,
            covered: Vec::new(),
            recording: false,
            lexicon: Lexicon::new(
                stats,
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
            cross_language: self.cross_language,
        }
    }

    /// A group of `OR`ed items: one clause met by any of them.
    fn alternatives(&mut self, items: &[Item]) -> Option<Clause> {
        let mut any = Vec::new();
        let mut own = Vec::new();
        let mut crossed = false;
        for item in items {
            match item {
                Item::Phrase(p) => {
                    if let Some(q) = self.text(p, 1.0, Adjacency::Phrase) {
                        own.push(q.box_clone());
                        any.push(q);
                    }
                }
                Item::Word(w) => {
                    for c in self.plain_run(std::slice::from_ref(w)) {
                        crossed |= c.own.is_some();
                        own.push(c.own_query());
                        any.push(c.query);
                    }
                }
            }
        }
        Some(Clause {
            query: union(any)?,
            own: if crossed { union(own) } else { None },
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
        let spans = self.concept_spans(&words, &units);
        let mut clauses: Vec<Clause> = Vec::new();
        let mut done = 0;
        for span in spans {
            clauses.extend(self.clauses(&words, &units[done..span.units.start]));
            self.readings = Some(span.concepts.iter().map(|(_, lang)| *lang).collect());
            self.covered.clear();
            let inner = self.clauses(&words, &units[span.units.clone()]);
            self.readings = None;
            let alone = span.units.len() == units.len();
            clauses.extend(self.with_concepts(inner, &span.concepts, alone));
            self.covered.clear();
            done = span.units.end;
        }
        clauses.extend(self.clauses(&words, &units[done..]));
        clauses
    }

    /// The clauses of consecutive units, joining neighbours the catalogue writes as one
    /// compound.
    fn clauses(&mut self, words: &[Word], units: &[Unit]) -> Vec<Clause> {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            // Two neighbouring single words that the catalogue writes as one compound.
            if let (Some(a), Some(next)) = (units[i].single_word(), units.get(i + 1))
                && units[i].groups.is_empty()
                && let Some(b) = next.single_word()
                && let Some(compound) = self.lexicon.join(&words[a].raw, &words[b].raw)
                && let (Some(first), Some(second)) =
                    (self.unit(words, &units[i]), self.unit(words, next))
            {
                let both = intersection(vec![first.query, second.query]);
                let joined = self.term_query(&compound, COMPOUND_BOOST);
                clauses.extend(union(vec![both, joined]).map(Clause::plain));
                i += 2;
                continue;
            }
            clauses.extend(self.unit(words, &units[i]));
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
        let word = |w: usize| Unit {
            start: w,
            end: w + 1,
            groups: Vec::new(),
        };
        for m in matches {
            let (start, end) = (word_of[m.start], word_of[m.end - 1] + 1);
            units.extend((next_word..start).map(word));
            units.push(Unit {
                start,
                end,
                groups: m.groups,
            });
            next_word = end;
        }
        units.extend((next_word..words.len()).map(word));
        units
    }

    /// Stretches of units that name concepts of the cross-language vocabulary, in any of its
    /// languages: at each unit the longest, left to right, at most [`MAX_CONCEPTS`] of them.
    fn concept_spans(&self, words: &[Word], units: &[Unit]) -> Vec<ConceptSpan> {
        if self.crosslingual.is_empty() || units.is_empty() {
            return Vec::new();
        }
        let raw: Vec<&str> = words.iter().map(|w| w.raw.as_str()).collect();
        let found = self.crosslingual.find(&raw, self.analyzers);
        let unit_starting = |w: usize| units.iter().position(|u| u.start == w);
        let unit_ending = |w: usize| units.iter().position(|u| u.end == w).map(|u| u + 1);
        let mut spans: Vec<ConceptSpan> = Vec::new();
        let mut next = 0;
        while next < units.len() && spans.len() < MAX_CONCEPTS {
            let here: Vec<(usize, usize, &'static str)> = found
                .iter()
                .filter(|m| unit_starting(m.start) == Some(next))
                .filter_map(|m| Some((unit_ending(m.end)?, m.concept, m.lang)))
                .collect();
            let Some(end) = here.iter().map(|(end, _, _)| *end).max() else {
                next += 1;
                continue;
            };
            spans.push(ConceptSpan {
                units: next..end,
                concepts: here
                    .into_iter()
                    .filter(|(e, _, _)| *e == end)
                    .map(|(_, c, lang)| (c, lang))
                    .collect(),
            });
            next = end;
        }
        spans
    }

    /// One clause for words that name concepts: the words' own clauses, or the concepts' terms
    /// in the languages the words were named in (as synonyms), or, below both, in the others.
    /// `alone`: the words are all there is to the run of words they stand in.
    fn with_concepts(
        &mut self,
        inner: Vec<Clause>,
        concepts: &[(usize, &'static str)],
        alone: bool,
    ) -> Option<Clause> {
        let mut own: Vec<Box<dyn Query>> = Vec::new();
        let mut inner: Vec<Box<dyn Query>> = inner.into_iter().map(|c| c.query).collect();
        let inner_count = inner.len();
        match inner.len() {
            0 => {}
            1 => own.extend(inner.pop()),
            _ => own.push(intersection(inner)),
        }
        if own.len() != 1 || inner_count != 1 {
            // Words that must all match: none of them alone makes an entry match.
            self.covered.clear();
        }
        let named_in: Vec<&str> = concepts.iter().map(|(_, lang)| *lang).collect();
        let home_named = named_in.contains(&HOME_LANGUAGE);
        // Words that are Danish and another language's alike (`chatbot`, `GPT`), searched on
        // their own: the catalogue's own entries in those words first, then the other
        // languages' (which rank by relevance alone when every language names the concept
        // so). Among other words, the others tell the query's language ("which cities use
        // chatbots …" is English), and the words rank as that language's.
        let home_first = alone && home_named && named_in.iter().any(|l| *l != HOME_LANGUAGE);
        // Terms of a language the words were named in are synonyms; the others are the
        // concept in another language, the Danish ones apart when the words were not Danish.
        let mut same: Vec<TermOf<'_>> = Vec::new();
        let mut other: Vec<TermOf<'_>> = Vec::new();
        let mut danish: Vec<TermOf<'_>> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for &(c, _) in concepts {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let Some(concept) = self.crosslingual.concept(c) else {
                continue;
            };
            for term in &concept.terms {
                if named_in.contains(&term.lang) {
                    same.push((term.lang, &term.terms, SYNONYM_BOOST));
                } else if !home_named && term.lang == HOME_LANGUAGE {
                    danish.push((term.lang, &term.terms, CROSS_BOOST));
                } else {
                    other.push((term.lang, &term.terms, CROSS_BOOST));
                }
            }
        }
        own.extend(self.concept_terms(&same, true));
        let mut cross: Vec<Box<dyn Query>> = Vec::new();
        cross.extend(self.concept_terms(&other, true));
        // Every Danish term, searched or not by the words' own query: they carry the bonus.
        let home: Vec<Box<dyn Query>> = self.concept_terms(&danish, false).into_iter().collect();
        let own = union(own);
        if let Some(home) = union(home) {
            // The catalogue's own entries on the concept come first whatever language it was
            // named in: an English query for "home care" shows the Danish municipalities' work,
            // then the other registers'.
            cross.push(self.tiered_bonus(home, &[(&[HOME_LANGUAGE], HOME_BONUS)]));
        }
        if cross.is_empty() && !home_first {
            return Some(Clause::plain(own?));
        }
        let crossed = !cross.is_empty();
        let own_copy = own.as_ref().map(|q| q.box_clone());
        if let Some(own) = own {
            // The bonus only for entries written in a language the words were named in: the
            // query's words read in one language also match other languages' entries by
            // accident (Danish `parkering` stems to `parker`, which an English entry's `Parker`
            // is too).
            // With the Danish tier first, Danish entries get its bonus and not this one.
            let own_tier = (named_in.as_slice(), OWN_WORDS_BONUS);
            let tiers: &[(&[&str], f32)] = if home_first {
                &[(&[HOME_LANGUAGE], HOME_BONUS), own_tier]
            } else {
                &[own_tier]
            };
            cross.push(self.tiered_bonus(own, tiers));
        }
        let query = union(cross)?;
        if !crossed {
            return Some(Clause::plain(query));
        }
        self.cross_language = true;
        Some(Clause {
            query,
            // Nothing in the query's own words: the own query matches nothing.
            own: Some(own_copy.unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery))),
        })
    }

    fn unit(&mut self, words: &[Word], unit: &Unit) -> Option<Clause> {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        if let Some(w) = unit.single_word()
            && unit.groups.is_empty()
        {
            alternatives.extend(self.word(&words[w]).map(|c| c.query));
        } else {
            let typed: Vec<&str> = words[unit.start..unit.end]
                .iter()
                .map(|w| w.raw.as_str())
                .collect();
            let typed = typed.join(" ");
            let mut variants: Vec<(Analyses, f32)> = vec![(self.analyses(&typed), 1.0)];
            for g in &unit.groups {
                if let Some(group) = self.synonyms.group(*g) {
                    // Synonyms are Danish (and English for the labels): read in the other
                    // languages they would make foreign entries match as if in the query's own
                    // words (`home care` for `hjemmepleje`), which the cross-language
                    // vocabulary does at its lower weight.
                    for v in &group.variants {
                        variants.push((
                            Analyses {
                                danish: v.danish.clone(),
                                english: v.english.clone(),
                                foreign: Vec::new(),
                            },
                            SYNONYM_BOOST,
                        ));
                    }
                }
            }
            let refs: Vec<(&Analyses, f32)> = variants.iter().map(|(a, b)| (a, *b)).collect();
            self.recording = true;
            alternatives.extend(self.variants(&refs, Adjacency::SameField));
            self.recording = false;
        }
        if let Some(w) = unit.single_word() {
            alternatives.extend(self.head_compounds(&words[w].raw));
        }
        Some(Clause::plain(union(alternatives)?))
    }

    /// A group of a concept's terms in their languages' fields: Danish ones in every Danish
    /// field, others in the entry-text fields, where entries in that language hold their terms;
    /// none for a language the index holds no entries in. One query per field, in which terms
    /// that agree (`chatbot` in English and Dutch) are searched once with their boosts added,
    /// and, with `skip_covered`, terms the words' own query already searches there (`chatbot`
    /// typed) are left out: fields are shared by the languages, so each copy would walk the
    /// same postings again only to add a little to the score.
    fn concept_terms(&self, terms: &[TermOf<'_>], skip_covered: bool) -> Option<Box<dyn Query>> {
        let entry_text = self.fields.entry_text();
        let mut per_field: Vec<Vec<Box<dyn Query>>> = Vec::new();
        for (field, weight) in self.fields.weighted() {
            let mut distinct: Vec<(&[Analysed], f32)> = Vec::new();
            for &(lang, analysed, boost) in terms {
                let applies = if lang == language::DANISH {
                    field != self.fields.english
                } else {
                    entry_text.contains(&field) && self.holds(lang)
                };
                if !applies
                    || analysed.is_empty()
                    || (skip_covered && self.is_covered(field, analysed))
                {
                    continue;
                }
                add_distinct(&mut distinct, analysed, boost);
            }
            // In one field rather than as a phrase, as synonyms are: a phrase check on common
            // terms (`kunstig intelligens`) reads positions for most of the index.
            per_field.push(in_field(
                self.stats,
                field,
                weight,
                distinct,
                Adjacency::SameField,
            ));
        }
        across_fields(per_field)
    }

    /// Whether the index holds entries in the language (Czech read by the folded analyzer).
    fn holds(&self, lang: &str) -> bool {
        self.foreign
            .iter()
            .any(|(code, _)| *code == lang || (code.is_empty() && lang == "cs"))
    }

    /// Whether the words' own query already finds entries with these terms in the field,
    /// standing anywhere in it.
    fn is_covered(&self, field: Field, terms: &[Analysed]) -> bool {
        self.covered.iter().any(|c| {
            c.field == field
                && same_terms(&c.terms, terms)
                && (terms.len() == 1 || c.adjacency == Adjacency::SameField)
        })
    }

    /// `query` scored as it is, plus the bonus of the first tier (languages and bonus) an
    /// entry's language is in.
    fn tiered_bonus(&self, query: Box<dyn Query>, tiers: &[(&[&str], f32)]) -> Box<dyn Query> {
        if is_nothing(query.as_ref()) {
            return query;
        }
        let values = self.facets.values.read().unwrap_or_else(|p| p.into_inner());
        let tiers = tiers
            .iter()
            .map(|(languages, bonus)| Tier {
                languages: languages
                    .iter()
                    .filter_map(|lang| values.id(Facet::Lang, lang))
                    .collect(),
                bonus: *bonus,
            })
            .collect();
        Box::new(LanguageBonus::new(query, self.facets.clone(), tiers))
    }

    /// Names that end in the word, when it is a head word of the vocabulary (`GPT` gives
    /// `BerthaGPT`, `KommuneGPT`), scored as the word itself nearly is.
    fn head_compounds(&self, raw: &str) -> Option<Box<dyn Query>> {
        let mut folded = String::new();
        analysis::fold(&raw.to_lowercase(), &mut folded);
        if !self.crosslingual.is_head_word(&folded) {
            return None;
        }
        let names = self
            .vocabulary
            .ending_with(self.stats.searcher(), &folded, 2, HEAD_LIMIT)
            .ok()?;
        let terms: Vec<Box<dyn Query>> = names
            .iter()
            .map(|n| self.term_query(n, HEAD_BOOST))
            .collect();
        union(terms)
    }

    fn word(&mut self, word: &Word) -> Option<Clause> {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        self.recording = true;
        alternatives.extend(self.text(&word.raw, 1.0, Adjacency::Phrase));
        self.recording = false;
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
                    alternatives.push(boost(intersection(required), COMPOUND_BOOST));
                }
            }
            // A word the catalogue barely knows, alone or in compounds, is likely misspelt.
            let known =
                split || inside_compounds.is_some() || self.lexicon.doc_freq(&single.term) >= RARE;
            alternatives.extend(inside_compounds);
            alternatives.extend(self.family(&word.raw, &single.term));
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
                    let both = intersection(parts);
                    if is_nothing(both.as_ref()) {
                        return Some(both);
                    }
                    Some(
                        Box::new(ConstScoreQuery::new(both, FUZZY_BOOST * COMPOUND_BOOST))
                            as Box<dyn Query>,
                    )
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
        Some(Clause::plain(union(alternatives)?))
    }

    /// The other forms of the word's family that the catalogue holds and its stemmer does not
    /// bring together (`journalisering`, `journaliseres`).
    fn family(&mut self, raw: &str, term: &str) -> Option<Box<dyn Query>> {
        let members = self
            .crosslingual
            .family_members(&raw.to_lowercase(), FAMILY_MIN_STEM);
        let mut found: Vec<String> = Vec::new();
        for member in members {
            if let Some(t) = self.lexicon.term_of(&member)
                && t != term
                && !found.contains(&t)
                && self.lexicon.doc_freq(&t) > 0
            {
                found.push(t);
            }
        }
        let queries: Vec<Box<dyn Query>> = found
            .iter()
            .map(|t| self.term_query(t, FAMILY_BOOST))
            .collect();
        union(queries)
    }

    /// Longer words of the catalogue that begin or end with this one.
    fn compound_parts(&self, term: &str, folded: &str) -> Option<Box<dyn Query>> {
        if folded.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            return None;
        }
        let compounds = self
            .vocabulary
            .compounds_of(self.stats.searcher(), term, PART_EXTRA, PART_LIMIT)
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
            .filter(|t| self.stats.holds(t))
            .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
            .collect();
        let any = union(terms)?;
        Some(Box::new(ConstScoreQuery::new(any, PART_BOOST)))
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
        let analyses = self.analyses(text);
        self.variants(&[(&analyses, boost)], adjacency)
    }

    fn analyses(&mut self, text: &str) -> Analyses {
        Analyses {
            danish: analysis::analyse(&mut self.danish, text),
            english: analysis::analyse(&mut self.english, text),
            foreign: self.foreign_analyses(text),
        }
    }

    fn foreign_analyses(&mut self, text: &str) -> Vec<Vec<Analysed>> {
        let readings = &self.readings;
        self.foreign
            .iter_mut()
            .filter(|(code, _)| {
                readings.as_ref().is_none_or(|r| {
                    // The folded analyzer reads Czech.
                    r.contains(code) || (code.is_empty() && r.contains(&"cs"))
                })
            })
            .map(|(_, a)| analysis::analyse(a, text))
            .collect()
    }

    /// Alternatives of one meaning (analysed for each kind of field, and a boost), in every
    /// weighted field. Within a field, alternatives that analyse to the same terms are searched
    /// once with their boosts added, which scores as the separate copies would (BM25 is linear
    /// in the boost): synonym groups hold spellings that differ only before stemming
    /// (`generativ AI`, `generative AI`) and repeat what was typed, and each copy would walk the
    /// same long posting lists again. One alternative's analyses in several languages that
    /// agree are searched once at its boost: the languages are ways of reading one text.
    fn variants(
        &mut self,
        variants: &[(&Analyses, f32)],
        adjacency: Adjacency,
    ) -> Option<Box<dyn Query>> {
        let entry_text = self.fields.entry_text();
        let mut per_field: Vec<Vec<Box<dyn Query>>> = Vec::new();
        for (field, weight) in self.fields.weighted() {
            let mut distinct: Vec<(&[Analysed], f32)> = Vec::new();
            for &(analyses, boost) in variants {
                let mut readings: Vec<&[Analysed]> = Vec::new();
                if field == self.fields.english {
                    readings.push(&analyses.english);
                } else {
                    readings.push(&analyses.danish);
                    if entry_text.contains(&field) {
                        for foreign in &analyses.foreign {
                            if !readings.iter().any(|r| same_terms(r, foreign)) {
                                readings.push(foreign);
                            }
                        }
                    }
                }
                for terms in readings {
                    add_distinct(&mut distinct, terms, boost);
                }
            }
            if self.recording {
                self.covered
                    .extend(distinct.iter().map(|(terms, _)| Covered {
                        field,
                        terms: terms.to_vec(),
                        adjacency,
                    }));
            }
            per_field.push(in_field(self.stats, field, weight, distinct, adjacency));
        }
        across_fields(per_field)
    }

    /// An already analysed Danish term in every Danish field.
    fn term_query(&self, term: &str, boost_by: f32) -> Box<dyn Query> {
        let per_field: Vec<Vec<Box<dyn Query>>> = self
            .fields
            .weighted()
            .into_iter()
            .filter(|(f, _)| *f != self.fields.english)
            .map(|(f, weight)| {
                let q = leaf(self.stats, Term::from_field_text(f, term));
                vec![boost(q, weight * boost_by)]
            })
            .collect();
        across_fields(per_field).unwrap_or_else(nothing)
    }
}

/// One of a concept's terms: its language, its analysed terms and its boost.
type TermOf<'t> = (&'static str, &'t [Analysed], f32);

/// Adds one alternative's terms to a field's distinct ones: terms already there get the boost
/// added, which scores as a second copy would (BM25 is linear in the boost) without walking
/// the same postings twice.
fn add_distinct<'t>(distinct: &mut Vec<(&'t [Analysed], f32)>, terms: &'t [Analysed], boost: f32) {
    match distinct.iter_mut().find(|(t, _)| same_terms(t, terms)) {
        Some(seen) => seen.1 += boost,
        None => distinct.push((terms, boost)),
    }
}

/// A field's distinct alternatives, each at the field's weight times its boost.
fn in_field(
    stats: &TermStats<'_>,
    field: Field,
    weight: f32,
    distinct: Vec<(&[Analysed], f32)>,
    adjacency: Adjacency,
) -> Vec<Box<dyn Query>> {
    distinct
        .into_iter()
        .filter_map(|(terms, by)| {
            let q = field_query(stats, field, terms, adjacency)?;
            Some(boost(q, weight * by))
        })
        .collect()
}

/// The fields' alternatives as one query: each field's alternatives summed, the best field's
/// sum plus a little of the others'. Alternatives that match nothing are left out, as
/// [`combined`] leaves them.
fn across_fields(per_field: Vec<Vec<Box<dyn Query>>>) -> Option<Box<dyn Query>> {
    let any = per_field.iter().any(|f| !f.is_empty());
    let mut fields: Vec<Vec<Box<dyn Query>>> = per_field
        .into_iter()
        .map(|f| f.into_iter().filter(|q| !is_nothing(q.as_ref())).collect())
        .filter(|f: &Vec<Box<dyn Query>>| !f.is_empty())
        .collect();
    match fields.len() {
        0 => any.then(nothing),
        // The best of one field is its sum, and the tie-breaker weighs no other.
        1 => union(fields.pop().unwrap_or_default()),
        _ => Some(Box::new(FieldsMax::new(fields, TIE_BREAKER))),
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

impl Unit {
    /// The one word this unit is, if it is one.
    fn single_word(&self) -> Option<usize> {
        (self.end - self.start == 1).then_some(self.start)
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
fn field_query(
    stats: &TermStats<'_>,
    field: Field,
    terms: &[Analysed],
    adjacency: Adjacency,
) -> Option<Box<dyn Query>> {
    let term = |a: &Analysed| leaf(stats, Term::from_field_text(field, &a.term));
    match terms {
        [] => None,
        [single] => Some(term(single)),
        several if adjacency == Adjacency::SameField => {
            Some(intersection(several.iter().map(term).collect()))
        }
        several => {
            let first = several[0].position;
            let terms: Vec<(usize, Term)> = several
                .iter()
                .map(|a| (a.position - first, Term::from_field_text(field, &a.term)))
                .collect();
            if !terms.iter().all(|(_, t)| stats.holds(t)) {
                return Some(nothing());
            }
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
}

/// Any of `queries`, their scores added.
fn union(queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    combined(queries, |found| Box::new(BooleanQuery::union(found)))
}

/// `queries` as one by `combine`; `None` for none, and one alone as itself. Queries that
/// match nothing are left out, but not lost: when every one matches nothing, so does the
/// whole.
fn combined(
    queries: Vec<Box<dyn Query>>,
    combine: impl FnOnce(Vec<Box<dyn Query>>) -> Box<dyn Query>,
) -> Option<Box<dyn Query>> {
    if queries.is_empty() {
        return None;
    }
    let mut found: Vec<Box<dyn Query>> = queries
        .into_iter()
        .filter(|q| !is_nothing(q.as_ref()))
        .collect();
    match found.len() {
        0 => Some(nothing()),
        1 => found.pop(),
        _ => Some(combine(found)),
    }
}

/// All of `queries`: nothing when one of them matches nothing.
fn intersection(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.iter().any(|q| is_nothing(q.as_ref())) {
        return nothing();
    }
    Box::new(BooleanQuery::intersection(queries))
}

/// A term's query, or nothing when no entry holds the term. Such terms are many: a concept's
/// terms are searched in every field and language, and about half of a query's distinct terms
/// are in no entry. Each would cost a statistics look-up, and a dictionary look-up per
/// segment and search, to find nothing.
fn leaf(stats: &TermStats<'_>, term: Term) -> Box<dyn Query> {
    if !stats.holds(&term) {
        return nothing();
    }
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    if is_nothing(query.as_ref()) {
        return query;
    }
    Box::new(BoostQuery::new(query, by))
}

/// What stands for a part of the plan that matches nothing because a term it needs is in no
/// entry. It keeps the plan's shape (which words are required, whether a concept has terms in
/// other languages, which bonus applies) as it would be with the term, and is dropped where
/// queries are combined.
fn nothing() -> Box<dyn Query> {
    Box::new(EmptyQuery)
}

fn is_nothing(query: &dyn Query) -> bool {
    query.is::<EmptyQuery>()
}
