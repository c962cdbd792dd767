//! Reads one TOML file into a typed value, keeping the parsed tree so any error about a field
//! path can be placed on its line.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use aikatalog_domain::document::{self, Reading};
use aikatalog_domain::{FieldError, FieldErrors};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use utoipa::ToSchema;

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

    /// Reads the file as a `T` with `aikatalog_domain::document`, the function the API reads
    /// request bodies with, so a mistake gets the same code from both. The TOML is converted to
    /// JSON first: a date or time becomes its text, and a float JSON cannot hold (`nan`, `inf`)
    /// is reported as `not_finite` and read as 0.
    pub fn read<T: DeserializeOwned + ToSchema + 'static>(&self) -> Reading<T> {
        let mut not_finite = FieldErrors::default();
        let de = toml::Deserializer::from(self.root.clone());
        let json = match toml::Table::deserialize(de) {
            Ok(table) => to_json(toml::Value::Table(table), "", &mut not_finite),
            Err(e) => {
                return Reading {
                    value: None,
                    errors: FieldErrors(vec![FieldError::new(
                        "",
                        "syntax",
                        first_line(e.message()),
                    )]),
                };
            }
        };
        let mut reading = document::read::<T>(json);
        reading.errors.0.extend(not_finite.0);
        reading
    }

    /// A field error of this file as a problem on its line. A missing field has no line of its
    /// own, so it points at the table that lacks it (nothing for the top level, whose "line" would
    /// be line 1).
    pub fn problem(&self, error: FieldError) -> Problem {
        let line = if error.code == "missing_field" {
            let parent = error
                .field
                .rfind(['.', '['])
                .map_or("", |end| &error.field[..end]);
            (!parent.is_empty())
                .then(|| self.line_of_field(parent))
                .flatten()
        } else {
            self.line_of_field(&error.field)
        };
        Problem::new(self.path, &error.code, error.message).at(error.field, line)
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

/// The TOML value as JSON; `path` is where it sits, for the errors of floats JSON cannot hold.
fn to_json(value: toml::Value, path: &str, errors: &mut FieldErrors) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or_else(
            || {
                errors.push(FieldError::new(
                    path,
                    "not_finite",
                    "must be a finite number",
                ));
                Value::from(0.0)
            },
            Value::Number,
        ),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| to_json(item, &format!("{path}[{i}]"), errors))
                .collect(),
        ),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(key, item)| {
                    let at = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    let item = to_json(item, &at, errors);
                    (key, item)
                })
                .collect(),
        ),
    }
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

    #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "read only to be checked")]
    struct Doc {
        title: String,
        results: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "read only to be checked")]
    struct Item {
        unit: String,
        #[serde(default)]
        value: Option<f64>,
    }

    const TEXT: &str =
        "# header\ntitle = \"x\"\n\n[[results]]\nunit = \"a\"\n\n[[results]]\nunit = \"b\"\n";

    fn problems(text: &str) -> Vec<(String, String, Option<usize>)> {
        let file = SourceFile::parse(Path::new("x.toml"), text).expect("parses");
        let reading = file.read::<Doc>();
        let mut out: Vec<_> = reading
            .errors
            .0
            .into_iter()
            .map(|e| {
                let p = file.problem(e);
                (p.field, p.code, p.line)
            })
            .collect();
        out.sort();
        out
    }

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
    fn every_error_of_a_file_names_field_code_and_line() {
        let text = TEXT
            .replace("unit = \"b\"", "unit = 5")
            .replace("unit = \"a\"", "colour = \"red\"")
            .replace("title = \"x\"\n", "");
        assert_eq!(
            problems(&text),
            [
                (
                    "results[0].colour".to_owned(),
                    "unknown_field".to_owned(),
                    Some(4)
                ),
                (
                    "results[0].unit".to_owned(),
                    "missing_field".to_owned(),
                    Some(3)
                ),
                (
                    "results[1].unit".to_owned(),
                    "invalid_type".to_owned(),
                    Some(7)
                ),
                // A missing top-level field has no line to point at.
                ("title".to_owned(), "missing_field".to_owned(), None),
            ]
        );
    }

    #[test]
    fn floats_json_cannot_hold_are_not_finite() {
        let text = TEXT.replace("unit = \"b\"", "unit = \"b\"\nvalue = nan");
        assert_eq!(
            problems(&text),
            [(
                "results[1].value".to_owned(),
                "not_finite".to_owned(),
                Some(9)
            )]
        );
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
