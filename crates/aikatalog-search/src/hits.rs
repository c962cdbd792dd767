//! Turning collected documents into the hits a response shows: stored fields, the card, and
//! snippets with the matched words marked.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use aikatalog_domain::EntryKind;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::analysis::{Analyzers, Gate};
use crate::document::{Card, CategoryRef, OrgRef, stored_text};
use crate::error::SearchError;
use crate::language;
use crate::marker::Marker;
use crate::schema::Fields;
use crate::term_stats::TermStats;

/// One search result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub kind: EntryKind,
    pub id: String,
    pub slug: String,
    pub title: String,
    /// The language the entry is written in (ISO 639-1): `da` for this catalogue's own
    /// entries; for other registers' records the one they state or, where that is doubtful,
    /// the one detected from their text.
    pub lang: String,
    pub owner: OrgRef,
    pub categories: Vec<CategoryRef>,
    pub lifecycle: String,
    /// The percentage (0 to 100) of the facts readers need that the entry states, as its
    /// `meta.completeness.percent`.
    pub completeness: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    pub score: Score,
    pub highlights: Highlights,
}

/// HTML-escaped text with the matched words in `<mark>…</mark>`.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Highlights {
    pub title: String,
    pub summary: String,
    /// A passage from the rest of the entry, when the match is there and not in the summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

const SUMMARY_CHARS: usize = 220;
const TITLE_CHARS: usize = 400;

/// Marks matched words in the fields a hit shows.
pub struct Highlighter {
    title: Option<Marker>,
    summary: Option<Marker>,
    body: Option<Marker>,
    /// The query's terms in each field, with their weights, for entries in other languages,
    /// whose text is cut into words by their own analyzer.
    terms: [HashMap<String, Score>; 3],
    analyzers: Analyzers,
    /// Lets only words that may be one of `terms` through to the stemmers.
    gate: Gate,
    /// The markers for entries in another language, made at the first hit in it: a page of
    /// hits in English would otherwise make three per hit.
    foreign: Mutex<Vec<(String, Arc<[Marker; 3]>)>>,
}

/// What tantivy's `SnippetGenerator::create` collects: the query's terms in `field` that the index
/// holds, rarer ones weighing more.
fn terms_in(stats: &TermStats<'_>, query: &dyn Query, field: Field) -> HashMap<String, Score> {
    let mut terms: BTreeSet<Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    terms
        .into_iter()
        .filter_map(|term| {
            let text = term.value().as_str()?.to_owned();
            let doc_freq = stats.doc_freq_or_zero(&term);
            (doc_freq > 0).then(|| (text, 1.0 / (1.0 + doc_freq as Score)))
        })
        .collect()
}

impl Highlighter {
    pub fn new(
        stats: &TermStats<'_>,
        query: Option<&dyn Query>,
        fields: &Fields,
        analyzers: &Analyzers,
    ) -> Self {
        let field_list = [fields.title, fields.summary, fields.body];
        let terms = field_list.map(|f| query.map(|q| terms_in(stats, q, f)).unwrap_or_default());
        let gate = Gate::for_terms(terms.iter().flat_map(|t| t.keys().map(String::as_str)));
        let make = |i: usize, chars: usize| {
            query?;
            Some(Marker::new(
                terms[i].clone(),
                analyzers.gated(language::DANISH, gate.clone()),
                chars,
            ))
        };
        Self {
            title: make(0, TITLE_CHARS),
            summary: make(1, SUMMARY_CHARS),
            body: make(2, SUMMARY_CHARS),
            terms,
            analyzers: analyzers.clone(),
            gate,
            foreign: Mutex::new(Vec::new()),
        }
    }

    /// The markers for a hit in `lang`: the shared Danish ones, or new ones cutting words
    /// the way that language's text was indexed.
    fn for_language(&self, lang: &str) -> Option<Arc<[Marker; 3]>> {
        if lang == language::DANISH || self.title.is_none() {
            return None;
        }
        let mut made = self.foreign.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, markers)) = made.iter().find(|(code, _)| code == lang) {
            return Some(markers.clone());
        }
        let chars = [TITLE_CHARS, SUMMARY_CHARS, SUMMARY_CHARS];
        let markers = Arc::new(std::array::from_fn(|i| {
            Marker::new(
                self.terms[i].clone(),
                self.analyzers.gated(lang, self.gate.clone()),
                chars[i],
            )
        }));
        made.push((lang.to_owned(), markers.clone()));
        Some(markers)
    }

    fn mark(marker: Option<&Marker>, text: &str) -> Option<String> {
        marker?.mark(text)
    }
}

fn first_str(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(stored_text)
        .map(|t| t.into_owned())
        .unwrap_or_default()
}

fn all_text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_all(field)
        .filter_map(stored_text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// Escapes text for HTML onto `out`.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis when cut.
/// Bytes either side of the first place a term may stand that a long text's snippet is looked
/// for in.
const SNIPPET_WINDOW: usize = 300;

/// The stretch of a long text where its snippet is looked for: from a little before the first
/// place one of `terms` appears (ASCII case ignored) to a little after; the whole text when
/// none appears so (a term folded, or stemmed to more than a prefix of the written word).
/// Marking a snippet tokenises and stems all the text it is given, and doing so for the whole
/// body of each hit was most of the time a page of hits took to render.
fn around_first<'t, 'q>(text: &'t str, terms: impl Iterator<Item = &'q String>) -> &'t str {
    if text.len() <= 2 * SNIPPET_WINDOW {
        return text;
    }
    // Byte for byte the same length as the text, so positions carry over.
    let lower = text.to_ascii_lowercase();
    let Some(at) = terms
        .filter(|t| !t.is_empty())
        .filter_map(|t| lower.find(t.as_str()))
        .min()
    else {
        return text;
    };
    let mut start = at.saturating_sub(SNIPPET_WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + SNIPPET_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

/// Reads a hit's stored fields and marks its snippets.
pub fn render(
    searcher: &Searcher,
    fields: &Fields,
    highlighter: &Highlighter,
    address: DocAddress,
    score: Score,
) -> Result<Hit, SearchError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let title = first_str(&doc, fields.title);
    let summary = first_str(&doc, fields.summary);
    let card: Option<Card> = serde_json::from_str(&first_str(&doc, fields.card)).ok();
    let kind = EntryKind::parse(&first_str(&doc, fields.kind)).unwrap_or(EntryKind::UseCase);
    let mut lang = first_str(&doc, fields.lang);
    if lang.is_empty() {
        lang = language::DANISH.to_owned();
    }
    let foreign = highlighter.for_language(&lang);
    let [title_g, summary_g, body_g] = match foreign.as_deref() {
        Some([t, s, b]) => [Some(t), Some(s), Some(b)],
        None => [
            highlighter.title.as_ref(),
            highlighter.summary.as_ref(),
            highlighter.body.as_ref(),
        ],
    };
    let summary_marked = Highlighter::mark(
        summary_g,
        around_first(&summary, highlighter.terms[1].keys()),
    );
    let body = match summary_marked {
        Some(_) => None,
        None => {
            let body = all_text(&doc, fields.body);
            Highlighter::mark(body_g, around_first(&body, highlighter.terms[2].keys()))
        }
    };
    let highlights = Highlights {
        title: Highlighter::mark(title_g, &title).unwrap_or_else(|| escape(&title)),
        summary: summary_marked.unwrap_or_else(|| escape(&excerpt(&summary, SUMMARY_CHARS))),
        body,
    };
    let (owner, categories, lifecycle, published_at, completeness) = match card {
        Some(c) => (
            c.owner,
            c.categories,
            c.lifecycle,
            c.published_at,
            c.completeness,
        ),
        None => (
            OrgRef {
                code: String::new(),
                name: String::new(),
            },
            Vec::new(),
            String::new(),
            None,
            0,
        ),
    };
    Ok(Hit {
        kind,
        id: first_str(&doc, fields.id),
        slug: first_str(&doc, fields.slug),
        title,
        lang,
        owner,
        categories,
        lifecycle,
        completeness,
        published_at,
        score,
        highlights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_marked_around_the_first_term_found() {
        let filler = "Lorem ipsum dolor sit amet. ".repeat(60);
        let text = format!("{filler}Æbler og Mailsortering i kommunen. {filler}");
        let terms = ["mailsort".to_owned(), "ukendt".to_owned()];
        let part = around_first(&text, terms.iter());
        assert!(
            part.len() < text.len() / 2,
            "{} of {}",
            part.len(),
            text.len()
        );
        assert!(part.contains("Æbler og Mailsortering"), "{part}");
        // Nothing found as written: the whole text, for the marker to read.
        let folded = ["aebl".to_owned()];
        assert_eq!(around_first(&text, folded.iter()), text);
        assert_eq!(around_first("kort tekst", terms.iter()), "kort tekst");
    }

    #[test]
    fn escapes_markup_and_cuts_at_words() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(excerpt("en to tre", 6), "en to…");
        assert_eq!(excerpt("kort", 10), "kort");
    }
}
