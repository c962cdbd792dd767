//! Reading a record's JSON Schema (the one `aikatalog_domain::document` validates against and
//! the OpenAPI document shows) as the shapes a form is made of: groups of fields, repeatable
//! lists, choices, text, numbers and yes/no.

use serde_json::{Map, Value};

use super::path::{Path, Step};

/// What a value of some schema is, for a form.
#[derive(Debug, Clone, Copy)]
pub enum Shape<'s> {
    /// An object: its properties, and which are required.
    Group {
        properties: &'s Map<String, Value>,
        required: &'s [Value],
    },
    /// A list of items of the one schema.
    List {
        items: &'s Value,
    },
    /// One of a closed set of strings; `name` is the schema's name (`Lifecycle`), which labels
    /// are found by.
    Choice {
        name: Option<&'s str>,
        values: &'s [Value],
    },
    /// A string, perhaps of a format (`date`, `uri`).
    Text {
        format: Option<&'s str>,
    },
    Number {
        integer: bool,
    },
    YesNo,
    /// A schema this form does not know how to show.
    Other,
}

/// A schema resolved through `$ref`s and optional (`null`) branches.
#[derive(Debug, Clone, Copy)]
pub struct Described<'s> {
    pub shape: Shape<'s>,
    /// Whether the value may be left out or null.
    pub nullable: bool,
    /// The schema's own description (English, from the type's documentation).
    pub description: Option<&'s str>,
}

/// A record type's schema document.
pub struct Schema {
    doc: Value,
}

impl Schema {
    pub fn new(doc: Value) -> Schema {
        Schema { doc }
    }

    /// The record's own schema (a reference to its definition).
    pub fn root(&self) -> &Value {
        &self.doc
    }

    fn definition(&self, reference: &str) -> Option<&Value> {
        let name = reference.rsplit('/').next()?;
        self.doc.get("components")?.get("schemas")?.get(name)
    }

    /// What `schema` describes.
    pub fn describe<'s>(&'s self, mut schema: &'s Value) -> Described<'s> {
        let mut nullable = false;
        let mut name = None;
        let mut description = schema.get("description").and_then(Value::as_str);
        // A bound on the steps, should a schema ever refer to itself.
        for _ in 0..16 {
            if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
                let Some(found) = self.definition(reference) else {
                    break;
                };
                name = reference.rsplit('/').next();
                schema = found;
                description = description.or(schema.get("description").and_then(Value::as_str));
            } else if let Some(branches) = schema
                .get("oneOf")
                .or_else(|| schema.get("anyOf"))
                .and_then(Value::as_array)
            {
                nullable |= branches.iter().any(is_null);
                match branches.iter().find(|b| !is_null(b)) {
                    Some(b) => {
                        description = description.or(b.get("description").and_then(Value::as_str));
                        schema = b;
                    }
                    None => break,
                }
            } else {
                break;
            }
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        nullable |= types.contains(&"null");
        let shape = if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            Shape::Choice {
                name,
                values: values.as_slice(),
            }
        } else if types.contains(&"object") {
            match schema.get("properties").and_then(Value::as_object) {
                Some(properties) => Shape::Group {
                    properties,
                    required: schema
                        .get("required")
                        .and_then(Value::as_array)
                        .map_or(&[], Vec::as_slice),
                },
                None => Shape::Other,
            }
        } else if types.contains(&"array") {
            match schema.get("items") {
                Some(items) => Shape::List { items },
                None => Shape::Other,
            }
        } else if types.contains(&"string") {
            Shape::Text {
                format: schema.get("format").and_then(Value::as_str),
            }
        } else if types.contains(&"integer") {
            Shape::Number { integer: true }
        } else if types.contains(&"number") {
            Shape::Number { integer: false }
        } else if types.contains(&"boolean") {
            Shape::YesNo
        } else {
            Shape::Other
        };
        Described {
            shape,
            nullable,
            description,
        }
    }

    /// The schema of the value at `path`, if the record has such a field.
    pub fn at(&self, path: &Path) -> Option<&Value> {
        let mut schema = self.root();
        for step in &path.0 {
            schema = match (self.describe(schema).shape, step) {
                (Shape::Group { properties, .. }, Step::Key(k)) => properties.get(k)?,
                (Shape::List { items }, Step::Index(_)) => items,
                _ => return None,
            };
        }
        Some(schema)
    }
}

fn is_null(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}
