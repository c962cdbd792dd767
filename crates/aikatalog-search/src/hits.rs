//! Turning collected documents into the hits a response shows: stored fields, the card, and
//! snippets with the matched words marked.

use aikatalog_domain::EntryKind;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument};

use crate::document::{Card, CategoryRef, OrgRef};
use crate::error::SearchError;
use crate::schema::Fields;

/// One search result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub kind: EntryKind,
    pub id: String,
    pub slug: String,
    pub title: String,
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
    title: Option<SnippetGenerator>,
    summary: Option<SnippetGenerator>,
    body: Option<SnippetGenerator>,
}

impl Highlighter {
    pub fn new(searcher: &Searcher, query: Option<&dyn Query>, fields: &Fields) -> Self {
        let make = |field: Field, chars: usize| {
            let query = query?;
            let mut g = SnippetGenerator::create(searcher, query, field).ok()?;
            g.set_max_num_chars(chars);
            Some(g)
        };
        Self {
            title: make(fields.title, TITLE_CHARS),
            summary: make(fields.summary, SUMMARY_CHARS),
            body: make(fields.body, SUMMARY_CHARS),
        }
    }

    fn mark(generator: Option<&SnippetGenerator>, text: &str) -> Option<String> {
        let mut snippet = generator?.snippet(text);
        if snippet.highlighted().is_empty() {
            return None;
        }
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        Some(snippet.to_html())
    }
}

fn first_str(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn all_text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis when cut.
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
    let summary_marked = Highlighter::mark(highlighter.summary.as_ref(), &summary);
    let body = match summary_marked {
        Some(_) => None,
        None => Highlighter::mark(highlighter.body.as_ref(), &all_text(&doc, fields.body)),
    };
    let highlights = Highlights {
        title: Highlighter::mark(highlighter.title.as_ref(), &title)
            .unwrap_or_else(|| escape(&title)),
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
    fn escapes_markup_and_cuts_at_words() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(excerpt("en to tre", 6), "en to…");
        assert_eq!(excerpt("kort", 10), "kort");
    }
}
