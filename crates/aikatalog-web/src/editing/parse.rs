//! A submitted form back into a record's JSON: every field is named by its path
//! (`results[0].unit`), and its text becomes the JSON type the schema asks for. What does not
//! fit (a word where a number belongs) stays text, so the domain's validation reports it with
//! its own code and the form shows the value as typed. Empty fields, and groups and list rows
//! left wholly empty, are left out, as a record leaves out what it does not state.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use super::path::{Path, Step};
use super::schema::{Schema, Shape};

/// Whether a form field belongs to the form itself (the CSRF token, buttons, the revision read)
/// rather than to the record. Record fields never start with `_`.
pub fn is_control(name: &str) -> bool {
    name == crate::account::csrf::FIELD || name.starts_with('_')
}

enum Node {
    Leaf(Value),
    Group(BTreeMap<String, Node>),
    List(BTreeMap<usize, Node>),
}

impl Node {
    fn insert(&mut self, steps: &[Step], leaf: Value) {
        let Some((first, rest)) = steps.split_first() else {
            *self = Node::Leaf(leaf);
            return;
        };
        let child = match (first, &mut *self) {
            (Step::Key(k), Node::Group(map)) => {
                map.entry(k.clone()).or_insert_with(empty_for(rest))
            }
            (Step::Index(i), Node::List(map)) => map.entry(*i).or_insert_with(empty_for(rest)),
            // A field both a value and a group (`a=1`, `a.b=2`): the later one wins.
            (Step::Key(_), node) => {
                *node = Node::Group(BTreeMap::new());
                return node.insert(steps, leaf);
            }
            (Step::Index(_), node) => {
                *node = Node::List(BTreeMap::new());
                return node.insert(steps, leaf);
            }
        };
        child.insert(rest, leaf);
    }

    /// The node as JSON; `None` when nothing in it was filled in.
    fn into_value(self) -> Option<Value> {
        match self {
            Node::Leaf(v) => Some(v),
            Node::Group(map) => {
                let object: Map<String, Value> = map
                    .into_iter()
                    .filter_map(|(k, n)| n.into_value().map(|v| (k, v)))
                    .collect();
                (!object.is_empty()).then_some(Value::Object(object))
            }
            Node::List(map) => {
                let list: Vec<Value> = map.into_values().filter_map(Node::into_value).collect();
                (!list.is_empty()).then_some(Value::Array(list))
            }
        }
    }
}

fn empty_for(rest: &[Step]) -> impl FnOnce() -> Node {
    let node = match rest.first() {
        Some(Step::Index(_)) => Node::List(BTreeMap::new()),
        Some(Step::Key(_)) => Node::Group(BTreeMap::new()),
        None => Node::Leaf(Value::Null),
    };
    move || node
}

/// The JSON value of one field's text, as the schema at its path asks; `None` when empty.
fn leaf(schema: &Schema, path: &Path, text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let shape = schema.at(path).map(|s| schema.describe(s).shape);
    Some(match shape {
        Some(Shape::Number { integer: true }) => trimmed
            .parse::<i64>()
            .map_or_else(|_| Value::String(text.to_owned()), Value::from),
        Some(Shape::Number { integer: false }) => trimmed
            // A Danish decimal comma is a decimal point.
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(text.to_owned()), Value::Number),
        Some(Shape::YesNo) => match trimmed {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.to_owned()),
        },
        // Prose (a text area) is kept as typed, but with the line breaks browsers send (CRLF)
        // as the record writes them; single values lose stray spaces.
        Some(Shape::Text { format: None })
            if path.last_key().is_some_and(super::labels::is_long_text) =>
        {
            Value::String(text.replace("\r\n", "\n"))
        }
        _ => Value::String(trimmed.to_owned()),
    })
}

/// The record a form describes. Fields whose names are not paths are ignored.
pub fn to_document(schema: &Schema, fields: &[(String, String)]) -> Value {
    let mut root = Node::Group(BTreeMap::new());
    for (name, text) in fields {
        if is_control(name) {
            continue;
        }
        let Some(path) = Path::parse(name) else {
            continue;
        };
        if let Some(value) = leaf(schema, &path, text) {
            root.insert(&path.0, value);
        }
    }
    root.into_value()
        .unwrap_or_else(|| Value::Object(Map::new()))
}
