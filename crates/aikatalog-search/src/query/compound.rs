//! Danish compound words, looked up in the index's own dictionary: `mailsortering` is tried as
//! `mail` + `sortering` and `sortering af mails` as `mailsortering`, but only where the index
//! holds those words, so the dictionary is always the catalogue's current vocabulary.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;
use crate::term_stats::TermStats;

/// Parts shorter than this are too often accidental (`ind`, `for`, `sam`).
const MIN_PART: usize = 3;
/// A misspelt second part must have this many letters: shorter ones match too much.
const MIN_MISSPELT_PART: usize = 6;
/// Words shorter than this are rarely compounds worth splitting.
const MIN_WORD: usize = 7;
/// Words longer than this are not split: splitting tries every cut, and for three parts every
/// cut of every tail, so its cost grows with the square of the length. Danish compounds in the
/// catalogue are far shorter.
const MAX_WORD: usize = 40;
/// The letters Danish puts between the parts of a compound (`beslutning-s-støtte`).
const LINKS: [&str; 3] = ["", "s", "e"];

/// Looks terms up in the Danish text fields of one searcher.
pub struct Lexicon<'a> {
    stats: &'a TermStats<'a>,
    fields: Vec<Field>,
    analyzer: TextAnalyzer,
    /// Parts already looked up: splitting tries the same substrings many times.
    known: HashMap<(String, bool), Option<String>>,
    /// Dictionary lookups this query may still make; at 0, parts are no longer looked up.
    lookups_left: usize,
}

impl<'a> Lexicon<'a> {
    pub fn new(
        stats: &'a TermStats<'a>,
        fields: Vec<Field>,
        analyzer: TextAnalyzer,
        max_lookups: usize,
    ) -> Self {
        Self {
            stats,
            fields,
            analyzer,
            known: HashMap::new(),
            lookups_left: max_lookups,
        }
    }

    /// The one Danish term `text` analyses to, if it is one word and not a stop word.
    pub fn term_of(&mut self, text: &str) -> Option<String> {
        let mut terms = analysis::analyse(&mut self.analyzer, text);
        if terms.len() == 1 {
            terms.pop().map(|a| a.term)
        } else {
            None
        }
    }

    /// How many documents hold `term` in any Danish text field (deleted ones included, which
    /// only matters until the next merge).
    pub fn doc_freq(&self, term: &str) -> u64 {
        self.fields
            .iter()
            .map(|f| {
                self.stats
                    .doc_freq_or_zero(&Term::from_field_text(*f, term))
            })
            .sum()
    }

    /// Whether `part` is a word of the catalogue, directly or without a linking letter.
    fn known_part(&mut self, part: &str, allow_link: bool) -> Option<String> {
        let key = (part.to_owned(), allow_link);
        if let Some(found) = self.known.get(&key) {
            return found.clone();
        }
        if self.lookups_left == 0 {
            return None;
        }
        self.lookups_left -= 1;
        let found = self.look_up_part(part, allow_link);
        self.known.insert(key, found.clone());
        found
    }

    fn look_up_part(&mut self, part: &str, allow_link: bool) -> Option<String> {
        if part.chars().count() < MIN_PART {
            return None;
        }
        if self.term_of(part).is_some_and(|t| self.doc_freq(&t) > 0) {
            return Some(part.to_owned());
        }
        if allow_link {
            for link in ["s", "e"] {
                if let Some(stripped) = part.strip_suffix(link)
                    && stripped.chars().count() >= MIN_PART
                    && self
                        .term_of(stripped)
                        .is_some_and(|t| self.doc_freq(&t) > 0)
                {
                    return Some(stripped.to_owned());
                }
            }
        }
        None
    }

    /// Splits a folded, lowercased word into two or three parts the catalogue knows, preferring
    /// two parts and, among those, the longest first part.
    pub fn split(&mut self, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        if !(MIN_WORD..=MAX_WORD).contains(&chars.len()) || !chars.iter().all(|c| c.is_alphabetic())
        {
            return None;
        }
        let text = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
        let cuts = (MIN_PART..=chars.len() - MIN_PART).rev();
        for cut in cuts.clone() {
            if let Some(tail) = self.known_part(&text(cut..chars.len()), false)
                && let Some(head) = self.known_part(&text(0..cut), true)
            {
                return Some(vec![head, tail]);
            }
        }
        for cut in cuts {
            let tail = text(cut..chars.len());
            if tail.chars().count() < 2 * MIN_PART {
                continue;
            }
            if let Some(head) = self.known_part(&text(0..cut), true)
                && let Some(rest) = self.split_two(&tail)
            {
                let mut parts = vec![head];
                parts.extend(rest);
                return Some(parts);
            }
        }
        None
    }

    fn split_two(&mut self, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let text = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
        for cut in (MIN_PART..=chars.len().checked_sub(MIN_PART)?).rev() {
            if let Some(tail) = self.known_part(&text(cut..chars.len()), false)
                && let Some(head) = self.known_part(&text(0..cut), true)
            {
                return Some(vec![head, tail]);
            }
        }
        None
    }

    /// For a word with no exact split: its longest known first part, and the rest, long enough
    /// to be a misspelt word (`borgerbetjenning` gives `borger` and `betjenning`).
    pub fn split_head(&mut self, word: &str) -> Option<(String, String)> {
        let chars: Vec<char> = word.chars().collect();
        if !(MIN_WORD..=MAX_WORD).contains(&chars.len()) || !chars.iter().all(|c| c.is_alphabetic())
        {
            return None;
        }
        let text = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
        for cut in (MIN_PART..=chars.len().checked_sub(MIN_MISSPELT_PART)?).rev() {
            if let Some(head) = self.known_part(&text(0..cut), true) {
                return Some((head, text(cut..chars.len())));
            }
        }
        None
    }

    /// The compound the catalogue uses for two neighbouring words, if any: `sortering` +
    /// `mails` gives `mailsortering`, `vedligehold` + `veje` gives `vejvedligehold(else)`.
    /// Returns the compound's term.
    pub fn join(&mut self, first: &str, second: &str) -> Option<String> {
        let (first_stem, second_stem) = (self.term_of(first)?, self.term_of(second)?);
        let fold = |w: &str| {
            let mut out = String::new();
            analysis::fold(&w.to_lowercase(), &mut out);
            out
        };
        let (first_folded, second_folded) = (fold(first), fold(second));
        // Danish puts the modifier first: "sortering af mails" is "mail-sortering", and
        // "mail sortering" is "mail-sortering" too.
        let orders = [(second_stem, first_folded), (first_stem, second_folded)];
        for (modifier, head) in orders {
            for link in LINKS {
                let candidate = format!("{modifier}{link}{head}");
                if let Some(term) = self.term_of(&candidate)
                    && self.doc_freq(&term) > 0
                {
                    return Some(term);
                }
            }
        }
        None
    }
}
