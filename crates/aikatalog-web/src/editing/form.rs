//! A record's editing form, built from its JSON Schema and the record's JSON: one rule per kind
//! of value (groups of fields, repeatable lists with "add" and "remove" buttons, choices, text,
//! numbers, dates, yes/no), so a field added to the record shows up with no form code. The form
//! is a flat list of [`Row`]s, which the template draws in order; validation errors are placed
//! on the row whose path they name, with the domain's code.

use aikatalog_domain::FieldError;
use serde_json::Value;

use super::labels;
use super::path::Path;
use super::schema::{Schema, Shape};
use crate::lang::Lang;

/// Fields the form never shows: the record's read-only metadata and its format version.
const HIDDEN: &[&str] = &["meta", "schema_version"];

/// One validation error as the form shows it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

/// One choice of a select or of a group of check boxes.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One field of the form. `widget` says how it is drawn: `text`, `date` or `url` (an
/// `<input>` of that type), `area` (a text area), `select`, or `checks` (a set of choices, box
/// `i` named `{name}[i]`).
#[derive(Debug, Clone)]
pub struct Field {
    pub id: String,
    /// Its path, which is the form field's name.
    pub name: String,
    pub label: String,
    pub hint: String,
    pub problems: Vec<Problem>,
    pub widget: &'static str,
    pub value: String,
    pub readonly: bool,
    pub choices: Vec<Choice>,
    /// The suggestions (`<datalist>` id) for a field naming reference data; empty for none.
    pub list: &'static str,
    /// The path to give the "remove" button, when the field is a row of a list.
    pub remove: Option<String>,
}

impl Field {
    /// What `aria-describedby` names: the hint and the errors, when there are any.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.id));
        }
        if !self.problems.is_empty() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// A `<fieldset>`: a group of fields, a list, or a row of a list (then `remove` is the row's
/// path, for its "remove" button).
#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub legend: String,
    pub hint: String,
    pub problems: Vec<Problem>,
    pub remove: Option<String>,
}

/// A list's "add a row" button.
#[derive(Debug, Clone)]
pub struct Add {
    pub path: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub enum Row {
    Open(Group),
    Close,
    Field(Field),
    Add(Add),
}

/// An error and where the form put it (the id of its row), for the summary at the top.
#[derive(Debug, Clone)]
pub struct Placed {
    pub field: String,
    pub problem: Problem,
    pub anchor: Option<String>,
}

/// The form's rows and its errors, each linked to the row that shows it.
#[derive(Debug, Default)]
pub struct Form {
    pub rows: Vec<Row>,
    pub errors: Vec<Placed>,
}

struct Builder<'a> {
    schema: &'a Schema,
    lang: Lang,
    /// Paths shown but not editable (the slug of an existing entry).
    locked: &'a [&'a str],
    form: Form,
}

/// The form for `doc` (the record's JSON as far as it is filled in), with `errors` placed.
pub fn build(
    schema: &Schema,
    doc: &Value,
    errors: &[FieldError],
    locked: &[&str],
    lang: Lang,
) -> Form {
    let mut b = Builder {
        schema,
        lang,
        locked,
        form: Form {
            rows: Vec::new(),
            errors: errors
                .iter()
                .map(|e| Placed {
                    field: e.field.clone(),
                    problem: Problem {
                        code: e.code.clone(),
                        message: e.message.clone(),
                    },
                    anchor: None,
                })
                .collect(),
        },
    };
    if let Shape::Group { properties, .. } = schema.describe(schema.root()).shape {
        b.members(&Path::default(), properties, doc);
    }
    b.form
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

impl Builder<'_> {
    /// Takes the errors whose path is `path` (or, with `below`, any path under it) for the row
    /// `id`.
    fn problems(&mut self, path: &str, below: bool, id: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        for placed in &mut self.form.errors {
            let under = below
                && placed
                    .field
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('['));
            if placed.anchor.is_none() && (placed.field == path || under) {
                placed.anchor = Some(id.to_owned());
                out.push(placed.problem.clone());
            }
        }
        out
    }

    fn hint(&self, description: Option<&str>) -> String {
        // The schema's descriptions are the types' English documentation.
        match self.lang {
            Lang::En => description.unwrap_or_default().trim().to_owned(),
            Lang::Da => String::new(),
        }
    }

    /// The fields of an object, in the record's order.
    fn members(&mut self, path: &Path, properties: &serde_json::Map<String, Value>, value: &Value) {
        let mut keys: Vec<&String> = properties
            .keys()
            .filter(|k| !HIDDEN.contains(&k.as_str()))
            .collect();
        keys.sort_by_key(|k| {
            (
                crate::texts::field_rank(k).unwrap_or(usize::MAX),
                k.as_str(),
            )
        });
        for key in keys {
            let child = path.key(key);
            let label = labels::field(key, self.lang);
            self.value(
                &child,
                &properties[key.as_str()],
                value.get(key.as_str()),
                label,
                None,
            );
        }
    }

    fn value(
        &mut self,
        path: &Path,
        schema: &Value,
        value: Option<&Value>,
        label: String,
        remove: Option<String>,
    ) {
        let described = self.schema.describe(schema);
        let id = path.html_id();
        let name = path.to_string();
        let hint = self.hint(described.description);
        match described.shape {
            Shape::Group { properties, .. } => {
                let problems = self.problems(&name, false, &id);
                self.form.rows.push(Row::Open(Group {
                    id,
                    legend: label,
                    hint,
                    problems,
                    remove,
                }));
                self.members(path, properties, value.unwrap_or(&Value::Null));
                self.form.rows.push(Row::Close);
            }
            Shape::List { items } => self.list(path, items, value, label, hint),
            _ => {
                let problems = self.problems(&name, false, &id);
                let mut field = Field {
                    id,
                    name,
                    label,
                    hint,
                    problems,
                    widget: "text",
                    value: text_of(value),
                    readonly: false,
                    choices: Vec::new(),
                    list: "",
                    remove,
                };
                self.control(&mut field, path, &described.shape, described.nullable);
                self.form.rows.push(Row::Field(field));
            }
        }
    }

    fn list(
        &mut self,
        path: &Path,
        items: &Value,
        value: Option<&Value>,
        label: String,
        hint: String,
    ) {
        let id = path.html_id();
        let name = path.to_string();
        let item = self.schema.describe(items);
        let rows: &[Value] = value.and_then(Value::as_array).map_or(&[], Vec::as_slice);
        if let Shape::Choice {
            name: enum_name,
            values,
        } = item.shape
        {
            // A set of choices: one check box per value.
            let choices = values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| Choice {
                    value: v.to_owned(),
                    label: self.choice_label(enum_name, v),
                    selected: rows.iter().any(|r| r.as_str() == Some(v)),
                })
                .collect();
            let problems = self.problems(&name, true, &id);
            self.form.rows.push(Row::Field(Field {
                id,
                name,
                label,
                hint,
                problems,
                widget: "checks",
                value: String::new(),
                readonly: false,
                choices,
                list: "",
                remove: None,
            }));
            return;
        }
        let problems = self.problems(&name, false, &id);
        self.form.rows.push(Row::Open(Group {
            id,
            legend: label.clone(),
            hint,
            problems,
            remove: None,
        }));
        for (i, row) in rows.iter().enumerate() {
            let at = path.index(i);
            let row_label = format!("{label} {}", i + 1);
            self.value(&at, items, Some(row), row_label, Some(at.to_string()));
        }
        self.form.rows.push(Row::Add(Add {
            path: name,
            label: format!(
                "{} {}",
                self.lang.pick("Tilføj", "Add"),
                label.to_lowercase()
            ),
        }));
        self.form.rows.push(Row::Close);
    }

    fn choice_label(&self, enum_name: Option<&str>, value: &str) -> String {
        enum_name
            .and_then(|n| labels::choice(n, value, self.lang))
            .map_or_else(|| value.replace('_', " "), str::to_owned)
    }

    /// How a single value is edited.
    fn control(&self, field: &mut Field, path: &Path, shape: &Shape<'_>, nullable: bool) {
        let key = path.last_key().unwrap_or_default();
        let text = field.value.clone();
        match *shape {
            Shape::Choice { name, values } => {
                let mut choices: Vec<Choice> = values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|v| Choice {
                        value: v.to_owned(),
                        label: self.choice_label(name, v),
                        selected: v == text,
                    })
                    .collect();
                let known = choices.iter().any(|c| c.selected);
                if nullable || !known {
                    // "Not stated", or a value no choice matches (kept, so validation names it).
                    let typed = !known && !text.is_empty();
                    choices.insert(
                        0,
                        Choice {
                            value: if typed { text.clone() } else { String::new() },
                            label: if typed {
                                text.clone()
                            } else {
                                self.lang
                                    .pick("– ikke angivet –", "– not stated –")
                                    .to_owned()
                            },
                            selected: !known,
                        },
                    );
                }
                field.widget = "select";
                field.choices = choices;
            }
            Shape::YesNo => {
                field.widget = "select";
                field.choices = [
                    ("", self.lang.pick("– ikke angivet –", "– not stated –")),
                    ("true", self.lang.pick("Ja", "Yes")),
                    ("false", self.lang.pick("Nej", "No")),
                ]
                .into_iter()
                .map(|(v, l)| Choice {
                    value: v.to_owned(),
                    label: l.to_owned(),
                    selected: v == text,
                })
                .collect();
            }
            Shape::Text { format } if labels::is_long_text(key) && format.is_none() => {
                field.widget = "area";
            }
            Shape::Text { format } => {
                field.widget = match format {
                    Some("date") => "date",
                    Some("uri") => "url",
                    _ => "text",
                };
                field.readonly = self.locked.contains(&path.to_string().as_str());
                field.list = labels::reference_list(key).unwrap_or_default();
            }
            // Numbers are typed as text, not `type="number"`: a browser would drop what it
            // cannot read, and the form must keep what was typed for the error beside it.
            // Anything else is edited as text too.
            _ => field.widget = "text",
        }
    }
}
