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
//! used to surface as a 500), no field has a use for it, and SQLite must refuse it alike.

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
    refuse_nul(&mut doc, &mut Vec::new(), &mut errors);
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

/// Reports every text and field name of `value` that holds a NUL, at its field, and drops the
/// NULs so the rest of the document is still checked (the reading has errors, so it is never
/// stored).
fn refuse_nul(value: &mut Value, path: &mut Vec<Step>, errors: &mut FieldErrors) {
    let nul = |path: &[Step], what: &str| {
        FieldError::new(
            FieldPath(path.to_vec()).to_string(),
            Kind::InvalidValue.code(),
            format!("{what} must not contain a NUL character (U+0000)"),
        )
    };
    match value {
        Value::String(text) if text.contains('\0') => {
            errors.push(nul(path, "the text"));
            text.retain(|c| c != '\0');
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                path.push(Step::Index(i));
                refuse_nul(item, path, errors);
                path.pop();
            }
        }
        Value::Object(object) => {
            if object.keys().any(|key| key.contains('\0')) {
                errors.push(nul(path, "a field name"));
                *object = std::mem::take(object)
                    .into_iter()
                    .map(|(key, v)| (key.replace('\0', ""), v))
                    .collect();
            }
            for (key, item) in object.iter_mut() {
                path.push(Step::Key(key.clone()));
                refuse_nul(item, path, errors);
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
