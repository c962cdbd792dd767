//! Synonyms and abbreviations, kept as data (`seed-data/synonyms.toml`) so a curator can extend
//! them without a new build. They expand queries, not the index: a changed list takes effect at
//! the next start without reindexing, and multi-word synonyms keep exact phrase semantics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::analysis::{self, Analysed};

/// The copy bundled into the binary, used when no file is found at start.
pub const BUNDLED: &str = include_str!("../../../seed-data/synonyms.toml");

#[derive(Debug, thiserror::Error)]
pub enum SynonymError {
    #[error("cannot read the synonym list {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the synonym list {source_name} is not valid: {reason}")]
    Invalid { source_name: String, reason: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    group: Vec<GroupRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRecord {
    terms: Vec<String>,
}

/// One way of saying something, analysed once for each kind of field.
#[derive(Debug, Clone)]
pub struct Variant {
    pub text: String,
    pub danish: Vec<Analysed>,
    pub english: Vec<Analysed>,
}

/// Words and phrases that mean the same.
#[derive(Debug, Clone)]
pub struct Group {
    pub variants: Vec<Variant>,
}

/// The loaded synonym list, indexed by each variant's first Danish term.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Group>,
    by_first_term: HashMap<String, Vec<(usize, usize)>>,
    /// Where the list came from, for logs.
    pub source: String,
}

/// A stretch of query tokens that names a synonym group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymMatch {
    /// Token range `[start, end)` in the sequence given to [`Synonyms::find`].
    pub start: usize,
    pub end: usize,
    pub groups: Vec<usize>,
}

impl Synonyms {
    /// Parses a synonym file's text. `source_name` names it in errors.
    pub fn parse(text: &str, source_name: &str) -> Result<Self, SynonymError> {
        let invalid = |reason: String| SynonymError::Invalid {
            source_name: source_name.to_owned(),
            reason,
        };
        let file: SynonymFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let mut da = analysis::danish();
        let mut en = analysis::english();
        let mut groups = Vec::new();
        let mut by_first_term: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (g, record) in file.group.iter().enumerate() {
            if record.terms.len() < 2 {
                return Err(invalid(format!(
                    "group {} has {} term(s); a group needs at least two",
                    g + 1,
                    record.terms.len()
                )));
            }
            let mut variants = Vec::new();
            for text in &record.terms {
                let danish = analysis::analyse(&mut da, text);
                let Some(first) = danish.first() else {
                    return Err(invalid(format!(
                        "group {}: `{text}` consists of stop words only and could never match",
                        g + 1
                    )));
                };
                by_first_term
                    .entry(first.term.clone())
                    .or_default()
                    .push((groups.len(), variants.len()));
                variants.push(Variant {
                    text: text.clone(),
                    english: analysis::analyse(&mut en, text),
                    danish,
                });
            }
            groups.push(Group { variants });
        }
        Ok(Self {
            groups,
            by_first_term,
            source: source_name.to_owned(),
        })
    }

    /// Loads the list from `path` when given, else `seed-data/synonyms.toml` under the working
    /// folder when it exists, else the bundled copy.
    pub fn load(path: Option<&Path>) -> Result<Self, SynonymError> {
        let default = Path::new("seed-data/synonyms.toml");
        let chosen = match path {
            Some(p) => Some(p),
            None if default.is_file() => Some(default),
            None => None,
        };
        match chosen {
            Some(p) => {
                let text =
                    std::fs::read_to_string(p).map_err(|source| SynonymError::Unreadable {
                        path: p.to_owned(),
                        source,
                    })?;
                Self::parse(&text, &p.display().to_string())
            }
            None => Self::parse(BUNDLED, "the bundled seed-data/synonyms.toml"),
        }
    }

    pub fn group(&self, index: usize) -> Option<&Group> {
        self.groups.get(index)
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Finds synonym phrases in a sequence of Danish query terms, longest match first, left to
    /// right. `boundary(i)` tells whether a match may start (and `boundary(end)` end) at token
    /// `i`, so a match never splits a word the person typed (`KK-GPT` is not `GPT`).
    pub fn find(&self, terms: &[&str], boundary: impl Fn(usize) -> bool) -> Vec<SynonymMatch> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < terms.len() {
            let mut best: Option<SynonymMatch> = None;
            if boundary(start) {
                for &(g, v) in self.by_first_term.get(terms[start]).into_iter().flatten() {
                    let variant = &self.groups[g].variants[v];
                    let end = start + variant.danish.len();
                    let fits = end <= terms.len()
                        && boundary(end)
                        && variant
                            .danish
                            .iter()
                            .zip(&terms[start..end])
                            .all(|(a, t)| a.term == *t);
                    if !fits {
                        continue;
                    }
                    match &mut best {
                        Some(b) if b.end > end => {}
                        Some(b) if b.end == end => {
                            if !b.groups.contains(&g) {
                                b.groups.push(g);
                            }
                        }
                        _ => {
                            best = Some(SynonymMatch {
                                start,
                                end,
                                groups: vec![g],
                            })
                        }
                    }
                }
            }
            match best {
                Some(m) => {
                    start = m.end;
                    out.push(m);
                }
                None => start += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analysis::analyse(&mut analysis::danish(), text)
            .into_iter()
            .map(|a| a.term)
            .collect()
    }

    #[test]
    fn the_bundled_list_loads() {
        let s = Synonyms::parse(BUNDLED, "bundled").expect("bundled synonyms parse");
        assert!(s.len() >= 10);
    }

    #[test]
    fn finds_the_longest_phrase_at_word_boundaries() {
        let s = Synonyms::parse(
            r#"
            [[group]]
            terms = ["tale til tekst", "talegenkendelse"]
            [[group]]
            terms = ["tale", "oplæg"]
            "#,
            "test",
        )
        .expect("parses");
        let t = terms("tale til tekst i plejen");
        let refs: Vec<&str> = t.iter().map(String::as_str).collect();
        let found = s.find(&refs, |_| true);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (0, 2));
        assert_eq!(found[0].groups, vec![0]);
        // Not at a boundary: no match.
        assert!(s.find(&refs, |i| i != 0).is_empty());
    }

    #[test]
    fn refuses_groups_that_cannot_work() {
        assert!(Synonyms::parse("[[group]]\nterms = [\"AI\"]", "t").is_err());
        assert!(Synonyms::parse("[[group]]\nterms = [\"AI\", \"og\"]", "t").is_err());
        assert!(Synonyms::parse("[[gruppe]]\nterms = []", "t").is_err());
    }
}
