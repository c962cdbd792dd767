//! Entries like a given one, so a municipality planning something sees who already did it.
//!
//! One query scores every candidate by what it shares with the entry, each kind of evidence
//! on a bounded scale so no one kind drowns the others:
//! - text: the entry's most distinctive words (rare in the index, frequent in the entry; the
//!   field's generic words such as "kommune", "data" or "AI" never count), each worth its
//!   share of [`TEXT`];
//! - topics: the synonym list's groups the entry's title and summary name, found in other
//!   entries in any of the group's languages, so a Danish entry finds English and Dutch ones;
//! - categories: the primary category shared as primary weighs most, a secondary one less;
//! - domains, weighted by how rare they are ("administration" says little);
//! - the needs profile (model, data, integration, infrastructure): the same level counts, a
//!   neighbouring one less;
//! - the data used: named data sources, personal or sensitive data; algorithms, vendors and
//!   technologies in common.
//!
//! Besides that query, each topic's weight costs one count over title and summary postings.
//! The best candidates are then re-ranked: an entry by the same owner is weaker evidence that
//! someone else solved the problem, and one from another register stronger.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use aikatalog_domain::sections::DataUse;
use aikatalog_domain::{DataLevel, EntryKind, InfrastructureLevel, IntegrationLevel, ModelLevel};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::collector::{Deadline, FacetCollector, Sort};
use crate::error::SearchError;
use crate::facets::{Facet, Filters};
use crate::hits::{self, Highlighter, Hit};
use crate::index::SearchIndex;
use crate::schema::Fields;

/// A topic of the synonym list the entry's title or summary names, found in another entry's
/// title or summary in any of the list's words: how entries in other languages are found.
const SHARED_TOPIC: f32 = 3.0;
/// How many such topics the query asks for.
const MAX_TOPICS: usize = 8;
/// What all of the entry's distinctive words together are worth.
const TEXT: f32 = 12.0;
/// How many distinctive words the query asks for.
const MAX_TERMS: usize = 24;
/// A word in more than this share of entries is not distinctive.
const MAX_DOC_SHARE: f64 = 0.12;
/// Weights of a word's occurrences by field: a title word says more than a body word.
const TITLE_WEIGHT: f32 = 3.0;
const SUMMARY_WEIGHT: f32 = 2.0;

/// The entry's primary category, shared as the candidate's primary / among its categories.
const PRIMARY_AS_PRIMARY: f32 = 1.0;
const PRIMARY_ANYWHERE: f32 = 1.0;
/// A secondary category of the entry, among the candidate's / as its primary.
const SECONDARY_ANYWHERE: f32 = 0.5;
const SECONDARY_AS_PRIMARY: f32 = 0.25;
/// A shared domain, at most: common domains count less (see [`rarity`]).
const DOMAIN: f32 = 1.0;
/// A level of the needs profile: the same level, and a neighbouring one.
const LEVEL_SAME: f32 = 0.15;
const LEVEL_NEAR: f32 = 0.05;
/// A named data source in common; both using personal or sensitive data.
const DATA_SOURCE: f32 = 1.5;
const PERSONAL_DATA: f32 = 0.3;
const SENSITIVE_DATA: f32 = 0.5;
/// An algorithm, a vendor or a technology in common.
const SHARED_ALGORITHM: f32 = 2.0;
const SHARED_VENDOR: f32 = 1.0;
const SHARED_TECHNOLOGY: f32 = 1.0;

/// Re-ranking: an entry by the same owner, and one from another register.
const SAME_OWNER: f32 = 0.7;
const OTHER_REGISTER: f32 = 1.05;
/// The owner of entries whose sources name none: two such entries share no owner.
const OWNER_NOT_STATED: &str = "ikke-oplyst";
/// How many candidates the query collects per entry asked for, for the re-ranking.
const CANDIDATES_PER_HIT: usize = 4;
/// A candidate must score this much to be called similar at all: sharing only a common domain
/// is not similarity.
const MIN_SCORE: f32 = 1.0;

/// Words every entry of the field uses, which say nothing about what it does. Analysed with
/// each text field's own analyzer, so their stems match the index's.
const GENERIC_WORDS: &[&str] = &[
    "kommune",
    "kommunen",
    "kommuner",
    "kommunerne",
    "kommunal",
    "kommunale",
    "data",
    "ai",
    "kunstig",
    "intelligens",
    "løsning",
    "løsningen",
    "løsninger",
    "borger",
    "borgere",
    "borgerne",
    "medarbejder",
    "medarbejdere",
    "projekt",
    "projektet",
    "projekter",
    "signaturprojekt",
    "signaturprojekter",
    "model",
    "system",
    "brug",
    "bruge",
    "bruger",
    "anvendelse",
    "teknologi",
    // How the sources tell of an entry, not what it does: KL's presentations and the
    // signature projects' status reports are cited by many entries.
    "kl",
    "kilderne",
    "nævner",
    "nævnte",
    "fremhævede",
    "eksempel",
    "oplæg",
    "januar",
    "temperaturmåling",
    "status",
    "municipality",
    "council",
    "city",
    "algorithm",
    "algorithms",
    "artificial",
    "intelligence",
    "machine",
    "learning",
    "tool",
    "use",
    "used",
    "using",
    "public",
    "government",
    "agency",
    "gemeente",
    "algoritme",
    "algoritmen",
    "gebruik",
];

/// The index terms an entry contributes only for similarity, in the `similar` field.
pub(crate) mod terms {
    pub const PRIMARY: &str = "primary:";
    pub const DATA_SOURCE: &str = "data:";
    pub const PERSONAL: &str = "personal:yes";
    pub const SENSITIVE: &str = "sensitive:yes";
}

/// What an entry adds to the `similar` field: its primary category (None for an algorithm,
/// whose categories are those of the use cases using it) and what its data is.
pub(crate) fn add_terms(
    doc: &mut TantivyDocument,
    fields: &Fields,
    primary: Option<&str>,
    data: &[&DataUse],
) {
    let mut values = HashSet::new();
    if let Some(p) = primary {
        values.insert(format!("{}{p}", terms::PRIMARY));
    }
    for d in data {
        for s in &d.sources {
            let name = s.name.trim().to_lowercase();
            if !name.is_empty() {
                values.insert(format!("{}{name}", terms::DATA_SOURCE));
            }
        }
        if d.personal_data == Some(true) {
            values.insert(terms::PERSONAL.to_owned());
        }
        if d.sensitive_data == Some(true) {
            values.insert(terms::SENSITIVE.to_owned());
        }
    }
    let mut values: Vec<String> = values.into_iter().collect();
    values.sort();
    for v in values {
        doc.add_text(fields.similar, v);
    }
}

/// A query and what matching it adds to a candidate's score.
type Weighted = (Box<dyn Query>, f32);

impl SearchIndex {
    /// Entries of the same kind most like the one with this id or slug, best first; `None`
    /// when there is no such public entry.
    pub fn similar(
        &self,
        kind: EntryKind,
        key: &str,
        limit: usize,
    ) -> Result<Option<Vec<Hit>>, SearchError> {
        let searcher = self.searcher();
        let f = &self.fields;
        let Some(address) = self.find(&searcher, kind, key)? else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let id = stored(&doc, f.id).next().unwrap_or_default().to_owned();
        let facets = facet_terms(&searcher, address)?;
        let own_source = source_of(&facets).map(str::to_owned);

        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, weight) in self.distinctive_terms(&searcher, &doc)? {
            clauses.push(constant(any_text_field(f, &term), weight));
        }
        for (topic, weight) in self.topics(&searcher, &doc)? {
            clauses.push(constant(topic, weight));
        }
        structured_clauses(&searcher, f, &doc, &facets, &mut clauses)?;
        if clauses.is_empty() {
            return Ok(Some(Vec::new()));
        }
        clauses.push((Occur::MustNot, term_query(f.id, &id)));
        let query = BooleanQuery::new(clauses);

        let required = Filters::default().with(Facet::Kind, kind.as_str());
        let deadline = Arc::new(Deadline::new(self.limits.time_budget));
        let collector = FacetCollector::new(
            self.facets.clone(),
            &Filters::default(),
            &required,
            0,
            Sort::Relevance,
            limit.saturating_mul(CANDIDATES_PER_HIT).max(limit),
            deadline.clone(),
        );
        let collected = searcher.search(&query, &collector).map_err(|e| {
            if deadline.tripped() {
                SearchError::TimedOut(deadline.budget())
            } else {
                e.into()
            }
        })?;

        // Snippets mark nothing here: the reason is the whole entry, not a word.
        let highlighter = Highlighter::new(
            &crate::term_stats::TermStats::new(&searcher),
            None,
            f,
            &self.analyzers,
        );
        let own_owner = card_owner(&searcher, f, &highlighter, address)?;
        let mut ranked = Vec::with_capacity(collected.hits.len());
        for r in &collected.hits {
            let mut hit = hits::render(&searcher, f, &highlighter, r.doc, r.score)?;
            let mut factor = 1.0;
            if hit.owner.code == own_owner && own_owner != OWNER_NOT_STATED {
                factor *= SAME_OWNER;
            }
            let source = facet_terms(&searcher, r.doc)?;
            if source_of(&source) != own_source.as_deref() {
                factor *= OTHER_REGISTER;
            }
            hit.score *= factor;
            if hit.score >= MIN_SCORE {
                ranked.push(hit);
            }
        }
        // Ties keep the collector's order, which is deterministic.
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        ranked.truncate(limit);
        Ok(Some(ranked))
    }

    fn find(
        &self,
        searcher: &Searcher,
        kind: EntryKind,
        key: &str,
    ) -> Result<Option<DocAddress>, SearchError> {
        let f = &self.fields;
        let by = |field| -> Box<dyn Query> {
            Box::new(BooleanQuery::intersection(vec![
                term_query(f.kind, kind.as_str()),
                term_query(field, key),
            ]))
        };
        let find = BooleanQuery::union(vec![by(f.id), by(f.slug)]);
        let top = searcher.search(
            &find,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        Ok(top.first().map(|(_, address)| *address))
    }

    /// The synonym groups the entry's title and summary name (not the field's generic ones,
    /// such as "AI"), each as a query for any of the group's words and phrases in another
    /// entry's title or summary ("talegenkendelse" finds "speech recognition"), with its
    /// weight: a topic hundreds of entries name ("large language model") says little.
    fn topics(
        &self,
        searcher: &Searcher,
        doc: &TantivyDocument,
    ) -> Result<Vec<Weighted>, SearchError> {
        let f = &self.fields;
        let mut analyzer = self.index.tokenizer_for_field(f.summary)?;
        let generic = generic_terms(&mut analyzer);
        let mut groups: Vec<usize> = Vec::new();
        for field in [f.title, f.summary] {
            for text in stored_texts(doc, field) {
                let words: Vec<String> = analysis::analyse(&mut analyzer, &text)
                    .into_iter()
                    .map(|a| a.term)
                    .collect();
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                for m in self.synonyms.find(&words, |_| true) {
                    for g in m.groups {
                        if !groups.contains(&g) {
                            groups.push(g);
                        }
                    }
                }
            }
        }
        let mut topics = Vec::new();
        for g in groups {
            let Some(group) = self.synonyms.group(g) else {
                continue;
            };
            let generic_group = group
                .variants
                .iter()
                .all(|v| v.danish.iter().all(|a| generic.contains(&a.term)));
            if generic_group {
                continue;
            }
            // Each variant as Danish entries index it, and as English ones do (their own
            // stemmer): "FOIA request" finds the US inventory's records.
            let variants: Vec<Box<dyn Query>> = group
                .variants
                .iter()
                .flat_map(|v| [&v.danish, &v.english])
                .filter(|terms| !terms.is_empty())
                .map(|terms| -> Box<dyn Query> {
                    Box::new(BooleanQuery::intersection(
                        terms.iter().map(|a| short_text_field(f, &a.term)).collect(),
                    ))
                })
                .collect();
            if !variants.is_empty() {
                let topic = BooleanQuery::union(variants);
                // Counting reads the same few posting lists the scoring will: cheap.
                let df = searcher.search(&topic, &tantivy::collector::Count)? as u64;
                let weight = SHARED_TOPIC * rarity(df, searcher.num_docs().max(2));
                topics.push((Box::new(topic) as Box<dyn Query>, weight));
            }
            if topics.len() == MAX_TOPICS {
                break;
            }
        }
        Ok(topics)
    }

    /// The entry's most distinctive analysed words with their share of [`TEXT`]: weighted by
    /// where they occur and how often, and by how rare they are in the index.
    fn distinctive_terms(
        &self,
        searcher: &Searcher,
        doc: &TantivyDocument,
    ) -> Result<Vec<(String, f32)>, SearchError> {
        let f = &self.fields;
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut generic: HashSet<String> = HashSet::new();
        for (field, weight) in [
            (f.title, TITLE_WEIGHT),
            (f.summary, SUMMARY_WEIGHT),
            (f.body, 1.0),
        ] {
            let mut analyzer = self.index.tokenizer_for_field(field)?;
            generic.extend(generic_terms(&mut analyzer));
            for value in doc.get_all(field) {
                for term in indexed_terms(value, &mut analyzer) {
                    *weights.entry(term).or_default() += weight;
                }
            }
        }
        let docs = searcher.num_docs().max(1) as f64;
        let max_df = (docs * MAX_DOC_SHARE).max(4.0);
        let mut scored = Vec::new();
        for (word, tf) in weights {
            let useful = word.chars().count() >= 3
                && !word.chars().any(|c| c.is_ascii_digit())
                && !generic.contains(&word);
            if !useful {
                continue;
            }
            // The most documents any one field holds the word in: the entry itself is one.
            let mut df = 0;
            for field in [f.title, f.summary, f.body] {
                df = df.max(searcher.doc_freq(&Term::from_field_text(field, &word))?);
            }
            if df < 2 || df as f64 > max_df {
                continue;
            }
            let idf = (1.0 + (docs - df as f64 + 0.5) / (df as f64 + 0.5)).ln() as f32;
            // Squared, so one rare word shared outweighs several common ones.
            scored.push((word, tf.sqrt() * idf * idf));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        scored.truncate(MAX_TERMS);
        let total: f32 = scored.iter().map(|(_, w)| w).sum();
        Ok(scored
            .into_iter()
            .map(|(word, w)| (word, TEXT * w / total))
            .collect())
    }
}

/// [`GENERIC_WORDS`] as `analyzer` indexes them.
fn generic_terms(analyzer: &mut TextAnalyzer) -> HashSet<String> {
    GENERIC_WORDS
        .iter()
        .flat_map(|w| analysis::analyse(analyzer, w))
        .map(|a| a.term)
        .collect()
}

/// The clauses for categories, domains, the needs profile, data, algorithms, vendors and
/// technologies the entry has.
fn structured_clauses(
    searcher: &Searcher,
    f: &Fields,
    doc: &TantivyDocument,
    facets: &[String],
    clauses: &mut Vec<(Occur, Box<dyn Query>)>,
) -> Result<(), SearchError> {
    let primary = stored(doc, f.similar)
        .find_map(|v| v.strip_prefix(terms::PRIMARY))
        .map(str::to_owned);
    let docs = searcher.num_docs().max(2);
    let facet = |facet: Facet, value: &str| term_query(f.facet, &facet.term(value));
    let similar = |value: String| term_query(f.similar, &value);
    for term in facets {
        let Some((which, value)) = Facet::split(term) else {
            continue;
        };
        match which {
            Facet::Category if primary.as_deref() == Some(value) => {
                clauses.push(constant(facet(which, value), PRIMARY_ANYWHERE));
                let as_primary = similar(format!("{}{value}", terms::PRIMARY));
                clauses.push(constant(as_primary, PRIMARY_AS_PRIMARY));
            }
            Facet::Category => {
                clauses.push(constant(facet(which, value), SECONDARY_ANYWHERE));
                let as_primary = similar(format!("{}{value}", terms::PRIMARY));
                clauses.push(constant(as_primary, SECONDARY_AS_PRIMARY));
            }
            Facet::Domain => {
                let df = searcher.doc_freq(&Term::from_field_text(f.facet, term))?;
                clauses.push(constant(facet(which, value), DOMAIN * rarity(df, docs)));
            }
            Facet::Model
            | Facet::DataLevel
            | Facet::IntegrationLevel
            | Facet::InfrastructureLevel => {
                clauses.push(constant(facet(which, value), LEVEL_SAME));
                for near in neighbours(which, value) {
                    clauses.push(constant(facet(which, near), LEVEL_NEAR));
                }
            }
            Facet::Vendor => clauses.push(constant(facet(which, value), SHARED_VENDOR)),
            Facet::Technology => clauses.push(constant(facet(which, value), SHARED_TECHNOLOGY)),
            _ => {}
        }
    }
    for value in stored(doc, f.similar) {
        let weight = if value.starts_with(terms::DATA_SOURCE) {
            DATA_SOURCE
        } else if value == terms::PERSONAL {
            PERSONAL_DATA
        } else if value == terms::SENSITIVE {
            SENSITIVE_DATA
        } else {
            continue;
        };
        clauses.push(constant(similar(value.to_owned()), weight));
    }
    for alg in stored(doc, f.algorithms) {
        clauses.push(constant(term_query(f.algorithms, alg), SHARED_ALGORITHM));
    }
    Ok(())
}

/// How much a value held by `df` of `docs` entries says: 1 for a value only a few entries
/// have, down to a quarter for one most have.
fn rarity(df: u64, docs: u64) -> f32 {
    let (df, docs) = (df.max(1) as f32, docs as f32);
    ((docs / df).ln() / docs.ln()).clamp(0.25, 1.0)
}

/// The levels next to `value` on the facet's ordinal scale.
fn neighbours(facet: Facet, value: &str) -> Vec<&'static str> {
    fn around<T: Copy + PartialEq>(
        all: &[T],
        v: T,
        name: fn(T) -> &'static str,
    ) -> Vec<&'static str> {
        let Some(i) = all.iter().position(|x| *x == v) else {
            return Vec::new();
        };
        [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| all.get(j).copied().map(name))
            .collect()
    }
    match facet {
        Facet::Model => ModelLevel::parse(value)
            .map(|v| around(ModelLevel::ALL, v, ModelLevel::as_str))
            .unwrap_or_default(),
        Facet::DataLevel => DataLevel::parse(value)
            .map(|v| around(DataLevel::ALL, v, DataLevel::as_str))
            .unwrap_or_default(),
        Facet::IntegrationLevel => IntegrationLevel::parse(value)
            .map(|v| around(IntegrationLevel::ALL, v, IntegrationLevel::as_str))
            .unwrap_or_default(),
        Facet::InfrastructureLevel => InfrastructureLevel::parse(value)
            .map(|v| around(InfrastructureLevel::ALL, v, InfrastructureLevel::as_str))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The facet terms (`name:value`) of one document, from the fast column: the field is not
/// stored.
fn facet_terms(searcher: &Searcher, address: DocAddress) -> Result<Vec<String>, SearchError> {
    let segment = searcher.segment_reader(address.segment_ord);
    let mut out = Vec::new();
    if let Some(column) = segment.fast_fields().str("facet")? {
        let mut text = String::new();
        for ord in column.term_ords(address.doc_id) {
            if column
                .ord_to_str(ord, &mut text)
                .map_err(tantivy::TantivyError::from)?
            {
                out.push(text.clone());
            }
        }
    }
    Ok(out)
}

fn source_of(facets: &[String]) -> Option<&str> {
    facets.iter().find_map(|t| match Facet::split(t) {
        Some((Facet::Source, value)) => Some(value),
        _ => None,
    })
}

fn card_owner(
    searcher: &Searcher,
    f: &Fields,
    highlighter: &Highlighter,
    address: DocAddress,
) -> Result<String, SearchError> {
    Ok(hits::render(searcher, f, highlighter, address, 0.0)?
        .owner
        .code)
}

fn stored(doc: &TantivyDocument, field: Field) -> impl Iterator<Item = &str> {
    doc.get_all(field).filter_map(|v| v.as_str())
}

/// A text field's stored values as text, whether stored as typed or pre-tokenised.
fn stored_texts(
    doc: &TantivyDocument,
    field: Field,
) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    doc.get_all(field).filter_map(crate::document::stored_text)
}

/// The terms a stored text value was indexed as: a Danish entry's text through the field's
/// analyzer, another language's entry's text as the tokens its own analyzer gave it.
fn indexed_terms<'a, V: Value<'a>>(value: V, analyzer: &mut TextAnalyzer) -> Vec<String> {
    use tantivy::schema::document::ReferenceValueLeaf;
    match value.as_leaf() {
        Some(ReferenceValueLeaf::Str(text)) => {
            let mut out = Vec::new();
            let mut stream = analyzer.token_stream(text);
            while let Some(t) = stream.next() {
                out.push(t.text.clone());
            }
            out
        }
        Some(ReferenceValueLeaf::PreTokStr(p)) => p.tokens.iter().map(|t| t.text.clone()).collect(),
        _ => Vec::new(),
    }
}

/// A word in an entry's title or summary: what it is about, not what its long text mentions.
fn short_text_field(f: &Fields, word: &str) -> Box<dyn Query> {
    Box::new(BooleanQuery::union(vec![
        term_query(f.title, word),
        term_query(f.summary, word),
    ]))
}

/// A word in any of the text fields the entry's words were taken from.
fn any_text_field(f: &Fields, word: &str) -> Box<dyn Query> {
    Box::new(BooleanQuery::union(
        [f.title, f.summary, f.body]
            .into_iter()
            .map(|field| term_query(field, word))
            .collect(),
    ))
}

fn constant(query: Box<dyn Query>, weight: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(ConstScoreQuery::new(query, weight)))
}

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
