//! Marking a query's words in a hit's text: the stretch of text with the most weight of matched
//! words, and the words in it wrapped in `<mark>`.
//!
//! It chooses and marks as tantivy's `SnippetGenerator` does (stretches cut where the next word
//! would pass the length, the highest-scoring one, the earliest of equals; overlapping marks
//! merged), which is what the pages and the API have always shown; only an apostrophe is
//! escaped as the rest of the pages escape it. It is ours because of what
//! that generator costs on every word of every hit: a lower-cased copy of the word and a look-up
//! in an ordered map of strings, even for the words the analyzer's gate has already emptied.
//! Here the analyzer's words (lower-cased already) are looked up as they are, empty ones not at
//! all.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::Score;
use tantivy::tokenizer::TextAnalyzer;

use crate::hits::escape_into;

/// Marks the words of a text that analyse to one of a query's terms.
pub struct Marker {
    terms: HashMap<String, Score>,
    analyzer: TextAnalyzer,
    /// The longest stretch shown, in bytes (as tantivy counts).
    max_len: usize,
}

/// A stretch of text and the words in it that matched.
struct Stretch {
    score: Score,
    start: usize,
    stop: usize,
    marked: Vec<Range<usize>>,
}

impl Stretch {
    fn new(start: usize) -> Self {
        Self {
            score: 0.0,
            start,
            stop: start,
            marked: Vec::new(),
        }
    }
}

impl Marker {
    pub fn new(terms: HashMap<String, Score>, analyzer: TextAnalyzer, max_len: usize) -> Self {
        Self {
            terms,
            analyzer,
            max_len,
        }
    }

    /// The best stretch of `text` as HTML with its matched words in `<mark>`; `None` when no
    /// word matched.
    pub fn mark(&self, text: &str) -> Option<String> {
        let best = self.best_stretch(text)?;
        let fragment = &text[best.start..best.stop];
        let mut html = String::with_capacity(fragment.len() + 32);
        let mut from = 0;
        for range in merged(best.marked, best.start) {
            escape_into(&fragment[from..range.start], &mut html);
            html.push_str("<mark>");
            escape_into(&fragment[range.clone()], &mut html);
            html.push_str("</mark>");
            from = range.end;
        }
        escape_into(&fragment[from..], &mut html);
        Some(html)
    }

    fn best_stretch(&self, text: &str) -> Option<Stretch> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut best: Option<Stretch> = None;
        let mut current = Stretch::new(0);
        let keep = |stretch: Stretch, best: &mut Option<Stretch>| {
            // Stretches come in text order: a later one must score higher to win.
            if stretch.score > 0.0 && best.as_ref().is_none_or(|b| stretch.score > b.score) {
                *best = Some(stretch);
            }
        };
        while let Some(token) = stream.next() {
            if token.offset_to - current.start > self.max_len {
                let next = Stretch::new(token.offset_from);
                keep(std::mem::replace(&mut current, next), &mut best);
            }
            current.stop = token.offset_to;
            if token.text.is_empty() {
                continue;
            }
            let score = if token.text.chars().any(char::is_uppercase) {
                self.terms.get(&token.text.to_lowercase())
            } else {
                self.terms.get(&token.text)
            };
            if let Some(score) = score {
                current.score += score;
                current.marked.push(token.offset_from..token.offset_to);
            }
        }
        keep(current, &mut best);
        best
    }
}

/// Marked words relative to the stretch starting at `start`, in order, overlapping ones joined
/// (adjacent ones stay apart).
fn merged(mut marked: Vec<Range<usize>>, start: usize) -> Vec<Range<usize>> {
    marked.sort_by_key(|r| (r.start, r.end));
    marked.dedup();
    let mut out: Vec<Range<usize>> = Vec::with_capacity(marked.len());
    for r in marked {
        let r = r.start - start..r.end - start;
        match out.last_mut() {
            Some(last) if last.end > r.start => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build()
    }

    /// What tantivy's generator makes of the same text, terms and length.
    fn tantivy_marks(terms: &[(&str, Score)], text: &str, max_len: usize) -> Option<String> {
        let terms = terms.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        let mut generator = SnippetGenerator::new(
            terms,
            analyzer(),
            tantivy::schema::Field::from_field_id(0),
            max_len,
        );
        generator.set_max_num_chars(max_len);
        let mut snippet = generator.snippet(text);
        if snippet.highlighted().is_empty() {
            return None;
        }
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        // The one difference: an apostrophe is escaped as the rest of the pages escape it.
        Some(snippet.to_html().replace("&#x27;", "&#39;"))
    }

    #[test]
    fn marks_the_same_stretch_and_words_as_tantivy_did() {
        let long = "Kommunen sorterer post. ".repeat(12);
        let texts = [
            "Mailsortering i <Norddjurs> & \"Syddjurs\": mails sorteres, 'mail' for mail."
                .to_owned(),
            format!("{long}Her kommer AI og mail og mail og AI til sidst. {long}"),
            format!("mail i starten. {long} mail og AI og mail og ai i midten. {long}"),
            "ingen af ordene står her".to_owned(),
            String::new(),
        ];
        let terms = [("mail", 0.5), ("ai", 0.2), ("sorteres", 0.1)];
        for text in &texts {
            for max_len in [20, 60, 220] {
                let ours = Marker::new(
                    terms.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
                    analyzer(),
                    max_len,
                )
                .mark(text);
                assert_eq!(
                    ours,
                    tantivy_marks(&terms, text, max_len),
                    "{text:?} at {max_len}"
                );
            }
        }
    }

    #[test]
    fn overlapping_marks_are_joined_and_adjacent_ones_kept_apart() {
        assert_eq!(merged(vec![4..6, 0..3, 2..5, 0..3], 0), vec![0..6]);
        assert_eq!(merged(vec![13..15, 10..13], 10), vec![0..3, 3..5]);
    }
}
