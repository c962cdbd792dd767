//! A pending revision's changes as a curator reads them: the field-level differences of
//! `aikatalog_domain::diff` grouped by field, in reading order, each with a readable label and
//! the values before and after. Long texts are shown as text (line by line), lists item by item
//! (for lists of words, which items came and went; for lists of records, each changed record),
//! and codes as the names they stand for (organisations, categories, domains, the stage).

use aikatalog_domain::diff::{FieldChange, diff};
use aikatalog_domain::{Lifecycle, OrgKind};
use serde_json::{Map, Value};

use super::labels;
use crate::catalogue::Catalogue;
use crate::format;
use crate::lang::{Label, Lang};

/// One changed field (or one changed item of a list of records).
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub label: String,
    pub before: Shown,
    pub after: Shown,
}

/// A value as shown: nothing, lines of text, or list items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    pub lines: Vec<String>,
    pub items: Vec<Item>,
}

impl Shown {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.items.is_empty()
    }
}

/// A list item, marked when it is new or gone.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    /// `added`, `removed` or empty; a CSS class and, through [`Item::mark_label`], words.
    pub mark: &'static str,
}

impl Item {
    pub fn mark_label(&self, lang: &Lang) -> &'static str {
        match self.mark {
            "added" => lang.pick("ny", "new"),
            "removed" => lang.pick("fjernet", "removed"),
            _ => "",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// What reading the values needs: the names codes stand for, and the language.
struct Reader<'a> {
    cat: &'a Catalogue,
    lang: Lang,
}

/// Fields that only the machinery reads.
const HIDDEN: &[&str] = &["meta", "schema_version"];

fn strip(doc: Option<&Value>) -> Value {
    let mut map = doc
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_else(Map::new);
    for key in HIDDEN {
        map.remove(*key);
    }
    Value::Object(map)
}

/// The first path segment of a change (`results[2].unit` → `results`).
fn head(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

/// The changes from `published` (none for an entry never published) to `pending`.
pub fn rows(
    published: Option<&Value>,
    pending: &Value,
    cat: &Catalogue,
    lang: Lang,
) -> Vec<ChangeRow> {
    let (before, after) = (strip(published), strip(Some(pending)));
    let changes = diff(&before, &after);
    let mut keys: Vec<&str> = changes.iter().map(|c| head(&c.field)).collect();
    keys.sort_by_key(|k| (labels::position(k), *k));
    keys.dedup();
    let reader = Reader { cat, lang };
    let mut out = Vec::new();
    for key in keys {
        let (b, a) = (before.get(key), after.get(key));
        let label = labels::of(key, lang);
        match (b, a) {
            (Some(Value::Object(_)), Some(Value::Object(_))) => {
                out.extend(reader.object_rows(key, &label, b, a, &changes));
            }
            _ if has_records(b) || has_records(a) => {
                out.extend(reader.record_rows(key, &label, b, a));
            }
            _ => out.push(ChangeRow {
                label,
                before: reader.show(key, b, a, Side::Before),
                after: reader.show(key, a, b, Side::After),
            }),
        }
    }
    // An empty list or section where there was none is no change a reader sees.
    out.retain(|r| !(r.before.is_empty() && r.after.is_empty()));
    out
}

/// Whether the value is a list holding records (objects).
fn has_records(v: Option<&Value>) -> bool {
    v.and_then(Value::as_array)
        .is_some_and(|items| items.iter().any(Value::is_object))
}

impl Reader<'_> {
    /// A section (an object) changed: one row per changed field inside it.
    fn object_rows(
        &self,
        key: &str,
        label: &str,
        b: Option<&Value>,
        a: Option<&Value>,
        changes: &[FieldChange],
    ) -> Vec<ChangeRow> {
        let prefix = format!("{key}.");
        let mut subs: Vec<&str> = changes
            .iter()
            .filter_map(|c| c.field.strip_prefix(&prefix))
            .map(head)
            .collect();
        subs.dedup();
        subs.into_iter()
            .flat_map(|sub| {
                let (bs, as_) = (b.and_then(|v| v.get(sub)), a.and_then(|v| v.get(sub)));
                let sub_label = format!("{label} › {}", labels::of(sub, self.lang));
                if has_records(bs) || has_records(as_) {
                    self.record_rows(sub, &sub_label, bs, as_)
                } else {
                    vec![ChangeRow {
                        label: sub_label,
                        before: self.show(sub, bs, as_, Side::Before),
                        after: self.show(sub, as_, bs, Side::After),
                    }]
                }
            })
            .collect()
    }

    /// A list of records changed: one row per changed record, numbered from 1.
    fn record_rows(
        &self,
        key: &str,
        label: &str,
        b: Option<&Value>,
        a: Option<&Value>,
    ) -> Vec<ChangeRow> {
        let empty = Vec::new();
        let bs = b.and_then(Value::as_array).unwrap_or(&empty);
        let as_ = a.and_then(Value::as_array).unwrap_or(&empty);
        (0..bs.len().max(as_.len()))
            .filter(|&i| bs.get(i) != as_.get(i))
            .map(|i| ChangeRow {
                label: format!("{label}, {} {}", self.lang.pick("nr.", "no."), i + 1),
                before: self.show(key, bs.get(i), None, Side::Before),
                after: self.show(key, as_.get(i), None, Side::After),
            })
            .collect()
    }

    /// One side of a change; `other` is the other side, to mark list items new or gone.
    fn show(&self, key: &str, v: Option<&Value>, other: Option<&Value>, side: Side) -> Shown {
        match v {
            None | Some(Value::Null) => Shown::default(),
            Some(Value::String(s)) => Shown {
                lines: s
                    .lines()
                    .map(str::trim_end)
                    .filter(|l| !l.is_empty())
                    .map(|l| self.name_of(key, l))
                    .collect(),
                items: Vec::new(),
            },
            Some(Value::Array(list)) => {
                let others = other.and_then(Value::as_array);
                let items = list
                    .iter()
                    .map(|item| Item {
                        text: self.inline(key, item),
                        mark: match (others, side) {
                            (Some(o), _) if o.contains(item) => "",
                            (None, _) if other.is_some() => "",
                            (_, Side::After) => "added",
                            (_, Side::Before) => "removed",
                        },
                    })
                    .collect();
                Shown {
                    lines: Vec::new(),
                    items,
                }
            }
            Some(Value::Object(map)) => Shown {
                lines: Vec::new(),
                items: map
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| Item {
                        text: format!("{}: {}", labels::of(k, self.lang), self.inline(k, v)),
                        mark: "",
                    })
                    .collect(),
            },
            Some(other) => Shown {
                lines: vec![self.inline(key, other)],
                items: Vec::new(),
            },
        }
    }

    /// A value on one line.
    fn inline(&self, key: &str, v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => self.name_of(key, s),
            Value::Bool(b) => format::yes_no(Some(*b), self.lang).to_owned(),
            // Whole numbers as written (a year is not 2.023); others with the decimal comma.
            Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
            Value::Number(n) => n
                .as_f64()
                .map_or_else(|| n.to_string(), |f| format::number(f, self.lang)),
            Value::Array(list) => list
                .iter()
                .map(|i| self.inline(key, i))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Object(map) => map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{}: {}", labels::of(k, self.lang), self.inline(k, v)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The name a code stands for, with the code, where the field holds codes.
    fn name_of(&self, key: &str, value: &str) -> String {
        let cat = self.cat;
        let name = match key {
            "owner" | "partners" | "vendors" | "vendor" | "region" => {
                cat.organisation(value).map(|o| o.name.clone())
            }
            "domains" => cat
                .domain(value)
                .map(|d| self.lang.pick(&d.name_da, &d.name_en).clone()),
            "primary_category" | "secondary_categories" => cat
                .category(value)
                .map(|c| self.lang.pick(&c.name_da, &c.name_en).clone()),
            "lifecycle" => Lifecycle::parse(value).map(|l| l.label(self.lang).to_owned()),
            "kind" => OrgKind::parse(value).map(|k| k.label(self.lang).to_owned()),
            _ => None,
        };
        match name {
            Some(name) if name != value => format!("{name} ({value})"),
            _ => value.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn texts(shown: &Shown) -> Vec<String> {
        shown
            .items
            .iter()
            .map(|i| format!("{}{}", i.text, if i.mark.is_empty() { "" } else { "*" }))
            .collect()
    }

    #[test]
    fn rows_follow_reading_order_and_mark_list_items() {
        let cat = Catalogue::default();
        let before = json!({
            "title": "A", "technologies": ["OCR", "NLP"],
            "contact": {"name": "Team", "email": "a@example.dk"},
            "results": [{"metric": "Tid", "value": 1.0}],
            "meta": {"revision": 1}
        });
        let after = json!({
            "title": "B", "technologies": ["NLP", "RPA"],
            "contact": {"name": "Team", "email": "b@example.dk"},
            "results": [{"metric": "Tid", "value": 1.0}, {"metric": "Fejl", "value": 2.0}],
            "description": "Første linje\nAnden linje",
            "meta": {"revision": 2}
        });
        let rows = rows(Some(&before), &after, &cat, Lang::Da);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Titel",
                "Beskrivelse",
                "Teknologier",
                "Resultater, nr. 2",
                "Kontakt › E-mail"
            ]
        );
        assert_eq!(rows[1].after.lines, ["Første linje", "Anden linje"]);
        assert!(rows[1].before.is_empty());
        assert_eq!(texts(&rows[2].before), ["OCR*", "NLP"]);
        assert_eq!(texts(&rows[2].after), ["NLP", "RPA*"]);
        assert_eq!(texts(&rows[3].after), ["Mål: Fejl", "Værdi: 2"]);
        assert_eq!(rows[4].before.lines, ["a@example.dk"]);
    }

    #[test]
    fn a_never_published_entry_shows_every_field_as_new() {
        let cat = Catalogue::default();
        let rows = rows(
            None,
            &json!({"title": "Ny", "domains": ["skole"], "partners": [], "data": {}}),
            &cat,
            Lang::En,
        );
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.before.is_empty()));
        assert_eq!(texts(&rows[1].after), ["skole*"]);
    }
}
