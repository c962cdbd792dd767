//! The editing form's model, apart from the pages that show it (`crate::pages::editing`):
//! a record's JSON Schema read as form shapes ([`schema`]), the form built from a record's JSON
//! and its validation errors ([`form`]), a submitted form read back into JSON ([`parse`]), field
//! paths ([`path`]), and the words for fields and choices ([`labels`]). The record itself is
//! then read and checked by the publishing service exactly as the API reads it, so the errors
//! have the API's paths and codes.
//!
//! Rows of a list are added and removed by submit buttons (`_add`, `_remove`) that re-render
//! the form, so it works without JavaScript.

pub mod form;
pub mod labels;
pub mod parse;
pub mod path;
pub mod schema;

use aikatalog_domain::diff::FieldChange;
use serde_json::Value;

use self::path::Path;
use self::schema::{Schema, Shape};

/// The schema of an entry kind's record.
pub fn schema_of<E: aikatalog_domain::Entry>() -> Schema {
    Schema::new(aikatalog_domain::document::json_schema::<E>())
}

/// Adds an empty row to the list at `list` ("tilføj").
pub fn add_row(schema: &Schema, doc: &mut Value, list: &str) {
    let Some(path) = Path::parse(list) else {
        return;
    };
    let Some(items) = schema.at(&path.index(0)) else {
        return;
    };
    let empty = match schema.describe(items).shape {
        Shape::Group { .. } => Value::Object(serde_json::Map::new()),
        _ => Value::String(String::new()),
    };
    let length = path.get(doc).and_then(Value::as_array).map_or(0, Vec::len);
    path.index(length).set(doc, empty);
}

/// Removes the row at `row` ("fjern").
pub fn remove_row(doc: &mut Value, row: &str) {
    if let Some(path) = Path::parse(row) {
        path.remove(doc);
    }
}

/// `mine` with the changes of `theirs` taken where the person chose them: for each change made
/// in between (`changes`, from the revision the form was loaded from to the current one),
/// `take_theirs[i]` says whether the current revision's value wins.
pub fn merge(mut mine: Value, changes: &[FieldChange], take_theirs: &[bool]) -> Value {
    let mut removals = Vec::new();
    for (change, theirs) in changes.iter().zip(take_theirs) {
        let Some(path) = Path::parse(&change.field) else {
            continue;
        };
        if !theirs {
            continue;
        }
        match &change.after {
            Some(after) => path.set(&mut mine, after.clone()),
            None => removals.push(path),
        }
    }
    // Removed list rows go last and from the end, so earlier removals do not shift later ones.
    removals.sort_by(|a, b| b.cmp(a));
    for path in removals {
        path.remove(&mut mine);
    }
    mine
}
