//! The cross-language vocabulary, kept as data (`seed-data/crosslingual.toml`): concept groups
//! naming one topic in Danish, English, Dutch and Czech (`mailsortering`, `email triage`,
//! `e-mailclassificatie`), so a Danish query also finds the other registers' entries on it;
//! head words that end names (`gpt` in `BerthaGPT`); and families of suffixes whose words meet
//! (`journalisering`, `journaliseres`).
//!
//! Like the synonym list it widens queries, not the index: an edited file takes effect at the
//! next start without reindexing. Every term is analysed once here, in its own language.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::analysis::{self, Analysed, Analyzers};
use crate::language;

/// The copy bundled into the binary, used when no file is found at start.
pub const BUNDLED: &str = include_str!("../../../seed-data/crosslingual.toml");

#[derive(Debug, thiserror::Error)]
pub enum CrosslingualError {
    #[error("cannot read the cross-language vocabulary {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{source_name}, line {line}: {reason}")]
    Invalid {
        source_name: String,
        line: usize,
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    head_words: Vec<Spanned<String>>,
    #[serde(default)]
    family: Vec<Spanned<FamilyRecord>>,
    #[serde(default)]
    concept: Vec<Spanned<HashMap<String, Vec<Spanned<String>>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyRecord {
    suffixes: Vec<Spanned<String>>,
}

/// One way of naming a concept, in one language, analysed with that language's analyzer.
#[derive(Debug, Clone)]
pub struct ConceptTerm {
    pub lang: &'static str,
    pub text: String,
    pub terms: Vec<Analysed>,
}

/// One topic in several languages.
#[derive(Debug, Clone)]
pub struct Concept {
    pub terms: Vec<ConceptTerm>,
}

/// A stretch of the query's words that names a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptMatch {
    /// Word range `[start, end)` in the words given to [`Crosslingual::find`].
    pub start: usize,
    pub end: usize,
    pub concept: usize,
    /// The language the words matched in.
    pub lang: &'static str,
}

/// The loaded vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Crosslingual {
    concepts: Vec<Concept>,
    /// `(language, first term)` to `(concept, term)`.
    by_first_term: HashMap<(&'static str, String), Vec<(usize, usize)>>,
    /// The languages any concept has a term in, in [`language::KNOWN`]'s order.
    languages: Vec<&'static str>,
    /// Folded, lowercased head words.
    head_words: Vec<String>,
    /// Suffix families, longest suffix first in each.
    families: Vec<Vec<String>>,
    /// Where the vocabulary came from, for logs.
    pub source: String,
}

fn line_of(text: &str, span: Range<usize>) -> usize {
    text[..span.start.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

impl Crosslingual {
    /// Parses a vocabulary file's text. `source_name` names it in errors, which also give the
    /// line.
    pub fn parse(text: &str, source_name: &str) -> Result<Self, CrosslingualError> {
        let invalid = |span: Range<usize>, reason: String| CrosslingualError::Invalid {
            source_name: source_name.to_owned(),
            line: line_of(text, span),
            reason,
        };
        let file: File = toml::from_str(text)
            .map_err(|e| invalid(e.span().unwrap_or(0..0), e.message().trim_end().to_owned()))?;
        let analyzers = Analyzers::default();
        let mut folded = String::new();
        let mut head_words = Vec::new();
        for word in &file.head_words {
            let lower = word.get_ref().trim().to_lowercase();
            if lower.chars().count() < 2 || !lower.chars().all(char::is_alphanumeric) {
                return Err(invalid(
                    word.span(),
                    format!(
                        "head word `{}` must be one word of two or more letters",
                        word.get_ref()
                    ),
                ));
            }
            analysis::fold(&lower, &mut folded);
            head_words.push(folded.clone());
        }
        let mut families = Vec::new();
        for family in &file.family {
            let suffixes = &family.get_ref().suffixes;
            if suffixes.len() < 2 {
                return Err(invalid(
                    family.span(),
                    "a family needs at least two suffixes".to_owned(),
                ));
            }
            let mut list = Vec::new();
            for s in suffixes {
                let lower = s.get_ref().to_lowercase();
                if lower.is_empty() || !lower.chars().all(char::is_alphabetic) {
                    return Err(invalid(
                        s.span(),
                        format!("suffix `{}` must be letters only", s.get_ref()),
                    ));
                }
                list.push(lower);
            }
            list.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
            families.push(list);
        }
        let mut concepts = Vec::new();
        let mut by_first_term: HashMap<(&'static str, String), Vec<(usize, usize)>> =
            HashMap::new();
        let mut languages: Vec<&'static str> = Vec::new();
        for record in &file.concept {
            let mut by_lang: Vec<(&String, &Vec<Spanned<String>>)> =
                record.get_ref().iter().collect();
            by_lang.sort_by_key(|(code, _)| {
                language::KNOWN
                    .iter()
                    .position(|(c, _)| c == code)
                    .unwrap_or(usize::MAX)
            });
            if by_lang.len() < 2 {
                return Err(invalid(
                    record.span(),
                    "a concept needs terms in at least two languages".to_owned(),
                ));
            }
            let mut terms = Vec::new();
            for (code, texts) in by_lang {
                let Some(&(lang, _)) = language::KNOWN.iter().find(|(c, _)| c == code) else {
                    return Err(invalid(
                        record.span(),
                        format!(
                            "unknown language `{code}`; expected one of {}",
                            language::KNOWN.map(|(c, _)| c).join(", ")
                        ),
                    ));
                };
                if !languages.contains(&lang) {
                    languages.push(lang);
                }
                let mut analyzer = analyzers.of(lang);
                for text in texts {
                    let analysed = analysis::analyse(&mut analyzer, text.get_ref());
                    let Some(first) = analysed.first() else {
                        return Err(invalid(
                            text.span(),
                            format!(
                                "`{}` consists of stop words only and could never match",
                                text.get_ref()
                            ),
                        ));
                    };
                    by_first_term
                        .entry((lang, first.term.clone()))
                        .or_default()
                        .push((concepts.len(), terms.len()));
                    terms.push(ConceptTerm {
                        lang,
                        text: text.get_ref().clone(),
                        terms: analysed,
                    });
                }
            }
            concepts.push(Concept { terms });
        }
        languages.sort_by_key(|l| language::KNOWN.iter().position(|(c, _)| c == l));
        Ok(Self {
            concepts,
            by_first_term,
            languages,
            head_words,
            families,
            source: source_name.to_owned(),
        })
    }

    /// Loads the vocabulary from `path` when given, else `seed-data/crosslingual.toml` under the
    /// working folder when it exists, else the bundled copy.
    pub fn load(path: Option<&Path>) -> Result<Self, CrosslingualError> {
        let default = Path::new("seed-data/crosslingual.toml");
        let chosen = match path {
            Some(p) => Some(p),
            None if default.is_file() => Some(default),
            None => None,
        };
        match chosen {
            Some(p) => {
                let text =
                    std::fs::read_to_string(p).map_err(|source| CrosslingualError::Unreadable {
                        path: p.to_owned(),
                        source,
                    })?;
                Self::parse(&text, &p.display().to_string())
            }
            None => Self::bundled(),
        }
    }

    /// The bundled copy.
    pub fn bundled() -> Result<Self, CrosslingualError> {
        Self::parse(BUNDLED, "the bundled seed-data/crosslingual.toml")
    }

    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    pub fn concept(&self, index: usize) -> Option<&Concept> {
        self.concepts.get(index)
    }

    /// Whether a folded, lowercased word is a head word that ends names.
    pub fn is_head_word(&self, folded: &str) -> bool {
        self.head_words.iter().any(|h| h == folded)
    }

    /// The other members of a lowercased word's suffix families: `journalisering` gives
    /// `journaliseres`, `journaliseret` and the rest of its family. The stem left must keep
    /// `min_stem` letters.
    pub fn family_members(&self, word: &str, min_stem: usize) -> Vec<String> {
        let mut out = Vec::new();
        for family in &self.families {
            let Some((stem, own)) = family
                .iter()
                .find_map(|s| word.strip_suffix(s.as_str()).map(|stem| (stem, s)))
            else {
                continue;
            };
            if stem.chars().count() < min_stem {
                continue;
            }
            out.extend(
                family
                    .iter()
                    .filter(|s| *s != own)
                    .map(|s| format!("{stem}{s}")),
            );
        }
        out
    }

    /// Concepts named in the query's words, in any language of the vocabulary: at each word,
    /// the longest term that starts there and ends at a word's end.
    pub fn find(&self, words: &[&str], analyzers: &Analyzers) -> Vec<ConceptMatch> {
        let mut out = Vec::new();
        for &lang in &self.languages {
            let mut analyzer = analyzers.of(lang);
            let mut terms: Vec<String> = Vec::new();
            let mut word_of: Vec<usize> = Vec::new();
            for (w, word) in words.iter().enumerate() {
                for a in analysis::analyse(&mut analyzer, word) {
                    terms.push(a.term);
                    word_of.push(w);
                }
            }
            let boundary = |i: usize| i == 0 || i >= terms.len() || word_of[i] != word_of[i - 1];
            let mut start = 0;
            while start < terms.len() {
                let mut best: Vec<(usize, usize)> = Vec::new();
                let mut best_end = 0;
                if boundary(start)
                    && let Some(candidates) = self.by_first_term.get(&(lang, terms[start].clone()))
                {
                    for &(c, t) in candidates {
                        let term = &self.concepts[c].terms[t].terms;
                        let end = start + term.len();
                        let fits = end <= terms.len()
                            && boundary(end)
                            && term
                                .iter()
                                .zip(&terms[start..end])
                                .all(|(a, b)| a.term == *b);
                        if !fits || end < best_end {
                            continue;
                        }
                        if end > best_end {
                            best.clear();
                            best_end = end;
                        }
                        if !best.iter().any(|(bc, _)| *bc == c) {
                            best.push((c, t));
                        }
                    }
                }
                if best.is_empty() {
                    start += 1;
                    continue;
                }
                for (c, _) in best {
                    out.push(ConceptMatch {
                        start: word_of[start],
                        end: word_of[best_end - 1] + 1,
                        concept: c,
                        lang,
                    });
                }
                start = best_end;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_vocabulary_loads_with_enough_concepts() {
        let v = Crosslingual::bundled().expect("the bundled vocabulary parses");
        assert!(v.len() >= 80, "{} concepts", v.len());
        assert!(v.is_head_word("gpt"));
    }

    #[test]
    fn finds_concepts_in_any_language_at_word_boundaries() {
        let v = Crosslingual::parse(
            r#"
            [[concept]]
            da = ["mailsortering"]
            en = ["email triage"]
            nl = ["e-mailclassificatie"]
            "#,
            "test",
        )
        .expect("parses");
        let analyzers = Analyzers::default();
        let found = v.find(&["automatisk", "mailsorteringen"], &analyzers);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end, found[0].lang), (1, 2, "da"));
        let found = v.find(&["Email", "triaging"], &analyzers);
        assert_eq!((found[0].start, found[0].end, found[0].lang), (0, 2, "en"));
        assert!(v.find(&["email"], &analyzers).is_empty());
    }

    #[test]
    fn families_give_the_other_forms() {
        let v = Crosslingual::parse(
            "[[family]]\nsuffixes = [\"ering\", \"eres\", \"eret\"]",
            "test",
        )
        .expect("parses");
        let mut members = v.family_members("journalisering", 4);
        members.sort();
        assert_eq!(members, ["journaliseres", "journaliseret"]);
        assert!(v.family_members("ring", 4).is_empty());
    }

    #[test]
    fn a_bad_line_says_file_and_line() {
        let err = |text: &str| {
            Crosslingual::parse(text, "cl.toml")
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            err("head_words = [\"gpt\"]\n\n[[concept]]\nda = [\"og\"]\nen = [\"parking\"]\n"),
            "cl.toml, line 4: `og` consists of stop words only and could never match"
        );
        assert_eq!(
            err("[[concept]]\nda = [\"parkering\"]\n"),
            "cl.toml, line 1: a concept needs terms in at least two languages"
        );
        assert!(
            err("[[concept]]\nda = [\"affald\"]\nxx = [\"waste\"]\n")
                .starts_with("cl.toml, line 1: unknown language `xx`")
        );
        assert!(err("\n\n[[famly]]\nsuffixes = []\n").starts_with("cl.toml, line 3: "));
        assert_eq!(
            err("head_words = [\"g p t\"]"),
            "cl.toml, line 1: head word `g p t` must be one word of two or more letters"
        );
    }
}
