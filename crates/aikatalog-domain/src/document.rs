//! Reading a document (a request body, or a seed file converted to JSON) into its type, with
//! every problem reported at once as a [`FieldError`] with a stable code, so the same mistake gets
//! the same code from the API and the importer.
//!
//! serde stops at the first error and words it in English, so codes are not taken from serde.
//! The document is first checked against its type's JSON Schema (see [`crate::json_schema`]),
//! and each problem's kind gives its code:
//!
//! | code            | the field …                                                      |
//! |-----------------|------------------------------------------------------------------|
//! | `missing_field` | is required and absent                                           |
//! | `unknown_field` | is not a field of the type                                       |
//! | `invalid_type`  | holds the wrong JSON type (text for a number, `null` for a list) |
//! | `unknown_value` | is not among a closed list's values                              |
//! | `invalid_value` | is of the right type but malformed (a date, URL, slug, number)   |
//!
//! The faulty parts are then replaced by neutral values so the rest can be deserialized and
//! checked by the domain rules ([`crate::validation`]), whose errors are added unless a field
//! (or a field around it) was already reported. What the schema cannot say (a slug's length, an
//! integer's range, `2020.0` where an integer is due) serde finds, and it is reported as
//! `invalid_value` at the path serde names.
//!
//! Before all that, a NUL character (U+0000) anywhere in a text or a field name is reported as
//! `invalid_value` at its field: PostgreSQL cannot store it (its text and jsonb refuse it, which
//! used to surface as a 500), no field has a use for it, and SQLite must refuse it alike. So are
//! other control characters, bidirectional overrides, and line breaks in one-line fields (titles,
//! names): see `forbidden`.

use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::ToSchema;

use crate::json_schema::{FieldPath, Found, Kind, Shape, Step};
use crate::validation::{FieldError, FieldErrors};

/// How many fields serde may refuse after the schema check passed, before giving up.
const MAX_SERDE_PASSES: usize = 16;

/// What reading a document found.
#[derive(Debug)]
pub struct Reading<T> {
    /// The document, unless it could not be read at all. After errors, faulty fields hold neutral
    /// values, so it serves to look for more errors and must never be stored.
    pub value: Option<T>,
    /// Every problem found so far, in no particular order.
    pub errors: FieldErrors,
}

impl<T> Reading<T> {
    /// Adds errors found later (the domain rules), except on fields already reported: those hold
    /// neutral values whose own faults are not the author's.
    pub fn merge(&mut self, later: FieldErrors) {
        let fresh: Vec<FieldError> = later
            .0
            .into_iter()
            .filter(|e| !self.errors.covers(&e.field))
            .collect();
        self.errors.0.extend(fresh);
    }

    /// The document, or every error sorted by field.
    pub fn into_result(self) -> Result<T, FieldErrors> {
        match (self.value, self.errors.into_result()) {
            (Some(value), Ok(())) => Ok(value),
            (_, Err(errors)) => Err(errors),
            (None, Ok(())) => Err(FieldErrors(vec![FieldError::new(
                "",
                Kind::InvalidValue.code(),
                "the document could not be read",
            )])),
        }
    }
}

/// Reads `doc` as a `T`, reporting every structural problem. See the module documentation.
pub fn read<T: DeserializeOwned + ToSchema + 'static>(mut doc: Value) -> Reading<T> {
    let shape = Shape::of::<T>();
    let mut errors = FieldErrors::default();
    refuse_forbidden_characters(&mut doc, &mut Vec::new(), &mut errors);
    if let Some(shape) = &shape {
        for found in shape.problems(&doc) {
            repair(shape, &mut doc, &found);
            errors.push(field_error(&found));
        }
    }
    for _ in 0..MAX_SERDE_PASSES {
        let err = match serde_path_to_error::deserialize::<_, T>(&doc) {
            Ok(value) => {
                return Reading {
                    value: Some(value),
                    errors,
                };
            }
            Err(err) => err,
        };
        let found = Found {
            path: serde_path(err.path()),
            kind: Kind::InvalidValue,
            message: err.into_inner().to_string(),
        };
        let field = found.path.to_string();
        let repaired = !errors.covers(&field)
            && shape
                .as_ref()
                .is_some_and(|shape| repair(shape, &mut doc, &found));
        // A fault on a field already reported (or one that cannot be mended) means the rest
        // cannot be read: report it, unless it is a repeat, and stop.
        if !errors.covers(&field) {
            errors.push(field_error(&found));
        }
        if !repaired {
            break;
        }
    }
    Reading {
        value: None,
        errors,
    }
}

/// The JSON Schema a document of type `T` is read against (the one the OpenAPI document shows),
/// as one JSON value: `{"$ref": "#/components/schemas/T", "components": {"schemas": …}}`. The
/// web pages build their editing forms from it, so a new field needs no new form code.
pub fn json_schema<T: ToSchema>() -> Value {
    // The derived schemas always serialise; a failure would leave a form with no fields.
    crate::json_schema::schema_document::<T>().unwrap_or(Value::Null)
}

/// Reads `doc` as a `T` and checks it with `rules`; every error of both kinds together.
pub fn read_checked<T: DeserializeOwned + ToSchema + 'static>(
    doc: Value,
    rules: impl FnOnce(&T) -> Result<(), FieldErrors>,
) -> Result<T, FieldErrors> {
    let mut reading = read::<T>(doc);
    if let Some(value) = &reading.value
        && let Err(errors) = rules(value)
    {
        reading.merge(errors);
    }
    reading.into_result()
}

/// Fields whose text is one line (names, titles, labels): a line break or tab there would break
/// the page heading, the CSV row or the log line it lands in. Every other text may hold line
/// breaks and tabs. A string in a list counts as its list's field (`keywords[2]`).
const SINGLE_LINE_FIELDS: &[&str] = &[
    "title",
    "name",
    "name_da",
    "name_en",
    "short_name",
    "slug",
    "email",
    "phone",
    "role",
    "metric",
    "unit",
    "period",
    "version",
    "licence",
    "language",
    "scheme",
    "scheme_name",
    "id",
    "street",
    "postcode",
    "city",
    "keywords",
    "techniques",
];

/// Why `text` cannot be stored, if it cannot: a NUL (PostgreSQL cannot hold it), another control
/// character (invisible, and able to break the CSV, a terminal or a log line), a bidirectional
/// embedding, override or isolate (they reorder what is shown, so a title can read otherwise
/// than it is written: "Trojan Source"), or in a one-line field a line break or tab. The
/// left-to-right and right-to-left marks (U+200E, U+200F) are allowed: they do not reorder
/// other text, and Arabic or Hebrew names may need them. Texts kept outside a document (a
/// transition's message, an adoption's note) are held to the same rule.
pub fn forbidden(text: &str, single_line: bool) -> Option<&'static str> {
    if text.contains('\0') {
        return Some("must not contain a NUL character (U+0000)");
    }
    if single_line && text.contains(['\n', '\r', '\t']) {
        return Some("is one line: it must not contain a line break or a tab");
    }
    if text.chars().any(is_control) {
        return Some(
            "must not contain control characters (U+0001–U+001F except tab and line feed, \
             U+007F–U+009F)",
        );
    }
    if text.chars().any(is_bidi_control) {
        return Some(
            "must not contain bidirectional embedding, override or isolate characters \
             (U+202A–U+202E, U+2066–U+2069)",
        );
    }
    None
}

fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether the text at `path` is in a one-line field (see [`SINGLE_LINE_FIELDS`]).
fn is_single_line(path: &[Step]) -> bool {
    path.iter()
        .rev()
        .find_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Index(_) => None,
        })
        .is_some_and(|key| SINGLE_LINE_FIELDS.contains(&key))
}

/// Reports every text and field name of `value` that holds a character no text may hold (see
/// [`forbidden`]), at its field, and drops those characters so the rest of the document is
/// still checked (the reading has errors, so it is never stored).
fn refuse_forbidden_characters(value: &mut Value, path: &mut Vec<Step>, errors: &mut FieldErrors) {
    let refuse = |path: &[Step], what: &str, why: &str| {
        FieldError::new(
            FieldPath(path.to_vec()).to_string(),
            Kind::InvalidValue.code(),
            format!("{what} {why}"),
        )
    };
    match value {
        Value::String(text) => {
            let single_line = is_single_line(path);
            if let Some(why) = forbidden(text, single_line) {
                errors.push(refuse(path, "the text", why));
                text.retain(|c| c != '\0' && !is_control(c) && !is_bidi_control(c));
                if single_line {
                    text.retain(|c| c != '\n');
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                path.push(Step::Index(i));
                refuse_forbidden_characters(item, path, errors);
                path.pop();
            }
        }
        Value::Object(object) => {
            if let Some(why) = object.keys().find_map(|key| forbidden(key, true)) {
                errors.push(refuse(path, "a field name", why));
                *object = std::mem::take(object)
                    .into_iter()
                    .map(|(key, v)| {
                        let clean: String = key
                            .chars()
                            .filter(|c| !c.is_control() && !is_bidi_control(*c))
                            .collect();
                        (clean, v)
                    })
                    .collect();
            }
            for (key, item) in object.iter_mut() {
                path.push(Step::Key(key.clone()));
                refuse_forbidden_characters(item, path, errors);
                path.pop();
            }
        }
        _ => {}
    }
}

fn field_error(found: &Found) -> FieldError {
    FieldError::new(found.path.to_string(), found.kind.code(), &found.message)
}

/// Mends `doc` at the problem's field: an unknown field is dropped, any other faulty or missing
/// field gets the neutral value of its schema. False if there is nothing there to mend.
fn repair(shape: &Shape, doc: &mut Value, found: &Found) -> bool {
    let Some((last, parents)) = found.path.0.split_last() else {
        return false;
    };
    let Some(parent) = walk(doc, parents) else {
        return false;
    };
    if found.kind == Kind::UnknownField {
        return match (parent, last) {
            (Value::Object(object), Step::Key(key)) => object.remove(key).is_some(),
            _ => false,
        };
    }
    let neutral = shape
        .at(&found.path)
        .map_or(Value::Null, |schema| shape.neutral(schema));
    match (parent, last) {
        (Value::Object(object), Step::Key(key)) => {
            object.insert(key.clone(), neutral);
            true
        }
        (Value::Array(items), Step::Index(i)) => items.get_mut(*i).map(|v| *v = neutral).is_some(),
        _ => false,
    }
}

fn walk<'v>(mut value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    for step in path {
        value = match step {
            Step::Key(key) => value.get_mut(key.as_str())?,
            Step::Index(i) => value.get_mut(*i)?,
        };
    }
    Some(value)
}

fn serde_path(path: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment;
    FieldPath(
        path.iter()
            .filter_map(|segment| match segment {
                Segment::Seq { index } => Some(Step::Index(*index)),
                Segment::Map { key } => Some(Step::Key(key.clone())),
                Segment::Enum { .. } | Segment::Unknown => None,
            })
            .collect(),
    )
}
