//! Reads one TOML file into a typed value, keeping the parsed tree so any later error about a
//! field path can be placed on its line.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::problem::Problem;

/// A parsed file: its text and its span tree.
pub struct SourceFile<'a> {
    pub path: &'a Path,
    text: &'a str,
    root: Spanned<DeTable<'a>>,
}

impl<'a> SourceFile<'a> {
    /// Parses the TOML syntax; a syntax error becomes a problem with its line.
    pub fn parse(path: &'a Path, text: &'a str) -> Result<Self, Problem> {
        match DeTable::parse(text) {
            Ok(root) => Ok(Self { path, text, root }),
            Err(e) => Err(Problem::new(path, "syntax", first_line(e.message()))
                .at("", e.span().map(|s| line_of(text, s.start)))),
        }
    }

    /// Deserializes into `T`, naming the field path and line of the first mismatch. (serde stops
    /// at the first error inside one file; other files are still read and reported.)
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, Problem> {
        let de = toml::Deserializer::from(self.root.clone());
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            let field = if field == "." { String::new() } else { field };
            let inner = e.into_inner();
            let line = inner
                .span()
                .map(|s| line_of(self.text, s.start))
                .or_else(|| self.line_of_field(&field));
            let message = first_line(inner.message());
            if message.starts_with("missing field") {
                // Name the missing field in the path; it has no line of its own, so point at
                // the table that lacks it (nothing for the top level, whose "line" is line 1).
                let missing = message.split('`').nth(1).unwrap_or_default();
                let full = if field.is_empty() {
                    missing.to_owned()
                } else {
                    format!("{field}.{missing}")
                };
                let line = (!field.is_empty())
                    .then(|| self.line_of_field(&field))
                    .flatten();
                return Problem::new(self.path, "missing_field", message).at(full, line);
            }
            let code = if message.starts_with("unknown field") {
                "unknown_field"
            } else if message.starts_with("missing field") {
                "missing_field"
            } else if message.starts_with("unknown variant") {
                "unknown_value"
            } else {
                "invalid_value"
            };
            Problem::new(self.path, code, message).at(field, line)
        })
    }

    /// The line a field path such as `use_case[2].results[0].unit` starts on, or the nearest
    /// enclosing field that exists.
    pub fn line_of_field(&self, path: &str) -> Option<usize> {
        let mut span: Range<usize> = self.root.span();
        let mut value: Option<&DeValue<'_>> = None;
        let mut table: Option<&DeTable<'_>> = Some(self.root.get_ref());
        for segment in split_path(path) {
            let next = match (segment, table, value) {
                (Segment::Key(key), Some(t), _) => t
                    .iter()
                    .find(|(k, _)| k.get_ref() == &Cow::Borrowed(key))
                    .map(|(k, v)| (k.span(), v)),
                (Segment::Index(i), _, Some(DeValue::Array(items))) => {
                    items.get(i).map(|v| (v.span(), v))
                }
                _ => None,
            };
            let Some((found_span, found)) = next else {
                break;
            };
            span = found_span;
            value = Some(found.get_ref());
            table = match found.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            };
        }
        Some(line_of(self.text, span.start))
    }
}

enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

fn split_path(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "the fields are only deserialised, to check where errors point"
    )]
    struct Doc {
        title: String,
        results: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "the fields are only deserialised, to check where errors point"
    )]
    struct Item {
        unit: String,
    }

    const TEXT: &str =
        "# header\ntitle = \"x\"\n\n[[results]]\nunit = \"a\"\n\n[[results]]\nunit = \"b\"\n";

    #[test]
    fn places_field_paths_on_their_lines() {
        let path = Path::new("x.toml");
        let file = SourceFile::parse(path, TEXT).expect("parses");
        assert_eq!(file.line_of_field("title"), Some(2));
        assert_eq!(file.line_of_field("results[1].unit"), Some(8));
        // A missing leaf falls back to the nearest enclosing field.
        assert_eq!(file.line_of_field("results[1].missing"), Some(7));
    }

    #[test]
    fn type_errors_name_field_and_line() {
        let path = Path::new("x.toml");
        let text = TEXT.replace("unit = \"b\"", "unit = 5");
        let file = SourceFile::parse(path, &text).expect("parses");
        let problem = file.deserialize::<Doc>().expect_err("wrong type");
        assert_eq!(problem.field, "results[1].unit");
        assert_eq!(problem.line, Some(8));
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let path = Path::new("x.toml");
        let problem = SourceFile::parse(path, "title = \"x\"\nbroken = [\n")
            .err()
            .expect("syntax error");
        assert_eq!(problem.code, "syntax");
        assert!(problem.line.is_some());
    }
}
