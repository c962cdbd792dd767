//! A document type's JSON Schema, as utoipa derives it for the OpenAPI document, used to find
//! what is wrong with a document before serde reads it: the schema validator reports every
//! problem with its location and kind, where serde stops at the first and words it in English.
//!
//! The schema is only trusted where it says what serde accepts. Unknown fields
//! (`additionalProperties: false` from `deny_unknown_fields`), required and optional fields, enums
//! and JSON types come from the same derives; the `date`, `date-time`, `uri` and `uuid` formats are
//! checked with the very parsers serde uses (chrono, url, uuid), not the validator's own.

use std::any::TypeId;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// A path into a document, written `results[2].unit`; empty for the document itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldPath(pub Vec<Step>);

impl FieldPath {
    pub fn child(&self, step: Step) -> Self {
        let mut steps = self.0.clone();
        steps.push(step);
        Self(steps)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// What kind of structural problem a field has; each is one stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    // Ordered by precedence: when one value breaks several rules, the first kind is reported.
    MissingField,
    UnknownField,
    InvalidType,
    UnknownValue,
    InvalidValue,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::MissingField => "missing_field",
            Kind::UnknownField => "unknown_field",
            Kind::InvalidType => "invalid_type",
            Kind::UnknownValue => "unknown_value",
            Kind::InvalidValue => "invalid_value",
        }
    }
}

/// One structural problem.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub path: FieldPath,
    pub kind: Kind,
    pub message: String,
}

/// `T`'s schema as one JSON document: `{"$ref": "#/components/schemas/T", "components":
/// {"schemas": …}}`, holding the type and every type it refers to.
pub(crate) fn schema_document<T: ToSchema>() -> Result<Value, String> {
    let mut schemas = vec![(T::name().into_owned(), T::schema())];
    T::schemas(&mut schemas);
    let mut definitions = Map::new();
    for (name, schema) in schemas {
        let schema = serde_json::to_value(schema).map_err(|e| e.to_string())?;
        definitions.insert(name, schema);
    }
    Ok(json!({
        "$ref": format!("#/components/schemas/{}", T::name()),
        "components": { "schemas": definitions },
    }))
}

/// A document type's schema, compiled.
pub(crate) struct Shape {
    validator: Validator,
    /// `components.schemas` of the type and every type it refers to.
    definitions: Map<String, Value>,
    root: Value,
}

impl Shape {
    /// The shape of `T`, compiled once per type and kept for the life of the process. `None` if
    /// the derived schema does not compile, which the tests rule out for every document type.
    pub fn of<T: ToSchema + 'static>() -> Option<Arc<Shape>> {
        static SHAPES: OnceLock<Mutex<HashMap<TypeId, Option<Arc<Shape>>>>> = OnceLock::new();
        let mut shapes = SHAPES
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        shapes
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Shape::build::<T>().ok().map(Arc::new))
            .clone()
    }

    pub fn build<T: ToSchema>() -> Result<Shape, String> {
        let document = schema_document::<T>()?;
        let root = json!({ "$ref": document["$ref"] });
        let definitions = document["components"]["schemas"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .with_format("date", parses::<chrono::NaiveDate>)
            .with_format("date-time", parses::<chrono::DateTime<chrono::Utc>>)
            .with_format("uri", parses::<url::Url>)
            .with_format("uuid", parses::<uuid::Uuid>)
            .build(&document)
            .map_err(|e| e.to_string())?;
        Ok(Shape {
            validator,
            definitions,
            root,
        })
    }

    /// Every structural problem of `doc`, one per field.
    pub fn problems(&self, doc: &Value) -> Vec<Found> {
        let mut found = Vec::new();
        for error in self.validator.iter_errors(doc) {
            collect(doc, &error, &mut found);
        }
        // One value can break several rules (`5` for an enum is both of the wrong type and not
        // among the values): report the most telling one.
        found.sort_by_key(|a| (a.path.to_string(), a.kind));
        found.dedup_by(|later, first| later.path == first.path);
        found
    }

    /// The schema of the value at `path`, if the type describes one there.
    pub fn at(&self, path: &FieldPath) -> Option<&Value> {
        let mut schema = &self.root;
        for step in &path.0 {
            let object = self.resolve(schema)?;
            schema = match step {
                Step::Key(key) => object.get("properties")?.get(key)?,
                Step::Index(_) => object.get("items")?,
            };
        }
        Some(schema)
    }

    /// Follows `$ref`s and the `oneOf: [null, T]` utoipa writes for an optional `T` to the
    /// schema that describes a present value.
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> Option<&'s Value> {
        // A bound on the steps, should a schema ever refer to itself.
        for _ in 0..16 {
            if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
                let name = reference.rsplit('/').next()?;
                schema = self.definitions.get(name)?;
            } else if let Some(branches) = schema
                .get("oneOf")
                .or_else(|| schema.get("anyOf"))
                .and_then(Value::as_array)
            {
                schema = branches.iter().find(|b| !is_null_schema(b))?;
            } else {
                return Some(schema);
            }
        }
        None
    }

    /// A value the schema accepts and that says as little as possible, put in place of a faulty
    /// one so the rest of the document can still be read and checked. `null` where the field is
    /// optional, the first value of an enum, an empty list, an object of neutral required fields.
    pub fn neutral(&self, schema: &Value) -> Value {
        if accepts_null(schema) {
            return Value::Null;
        }
        let Some(schema) = self.resolve(schema) else {
            return Value::Null;
        };
        if accepts_null(schema) {
            return Value::Null;
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|v| v.first())
        {
            return first.clone();
        }
        match first_type(schema) {
            Some("object") => {
                let required = schema.get("required").and_then(Value::as_array);
                let properties = schema.get("properties");
                let mut object = Map::new();
                for name in required.into_iter().flatten().filter_map(Value::as_str) {
                    let value = properties
                        .and_then(|p| p.get(name))
                        .map_or(Value::Null, |s| self.neutral(s));
                    object.insert(name.to_owned(), value);
                }
                Value::Object(object)
            }
            Some("array") => Value::Array(Vec::new()),
            Some("boolean") => Value::Bool(false),
            Some("integer") => json!(schema.get("minimum").and_then(Value::as_i64).unwrap_or(0)),
            Some("number") => json!(0.0),
            Some("string") => Value::from(match schema.get("format").and_then(Value::as_str) {
                Some("date") => "2000-01-01",
                Some("date-time") => "2000-01-01T00:00:00Z",
                Some("uri") => "https://placeholder.invalid/",
                Some("uuid") => "00000000-0000-0000-0000-000000000000",
                // Also a well-formed slug and organisation code.
                _ => "placeholder",
            }),
            _ => Value::Null,
        }
    }
}

fn parses<T: FromStr>(text: &str) -> bool {
    text.parse::<T>().is_ok()
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}

fn accepts_null(schema: &Value) -> bool {
    let in_type = match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        _ => false,
    };
    let in_branch = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
        .is_some_and(|branches| branches.iter().any(is_null_schema));
    in_type || in_branch
}

fn first_type(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

/// The validator's location as a field path. A JSON pointer does not say whether `/3` is an
/// index or a key, so the document is walked alongside.
fn field_path(doc: &Value, error: &ValidationError<'_>) -> FieldPath {
    let mut path = FieldPath::default();
    let mut node = Some(doc);
    for segment in error.instance_path().segments() {
        let step = match (segment, node) {
            (LocationSegment::Index(i), Some(Value::Array(_))) => Step::Index(i),
            (LocationSegment::Index(i), _) => Step::Key(i.to_string()),
            (LocationSegment::Property(key), _) => Step::Key(key.into_owned()),
        };
        node = node.and_then(|n| match &step {
            Step::Key(key) => n.get(key),
            Step::Index(i) => n.get(i),
        });
        path.0.push(step);
    }
    path
}

/// Maps one validator error, by its kind, to the problems it stands for.
fn collect(doc: &Value, error: &ValidationError<'_>, found: &mut Vec<Found>) {
    let path = field_path(doc, error);
    let instance = error.instance();
    let (kind, message) = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            found.push(Found {
                path: path.child(Step::Key(name.to_owned())),
                kind: Kind::MissingField,
                message: format!("`{name}` is required"),
            });
            return;
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for name in unexpected {
                found.push(Found {
                    path: path.child(Step::Key(name.clone())),
                    kind: Kind::UnknownField,
                    message: format!("there is no field `{name}` here"),
                });
            }
            return;
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // utoipa writes an optional `T` as `oneOf: [null, T]`; the value is not null, so
            // T's own errors are the ones that say what is wrong.
            let telling: Vec<_> = context
                .iter()
                .filter(|branch| !branch.iter().all(|e| is_type_error_at(e, error)))
                .collect();
            if let [branch] = telling.as_slice() {
                for inner in branch.iter() {
                    collect(doc, inner, found);
                }
                return;
            }
            if telling.is_empty() {
                (
                    Kind::InvalidType,
                    format!("{} is of the wrong type", describe(instance)),
                )
            } else {
                (
                    Kind::InvalidValue,
                    format!("{} is not a valid value here", describe(instance)),
                )
            }
        }
        ValidationErrorKind::Type { kind } => (
            Kind::InvalidType,
            format!("must be {}, not {}", expected(kind), json_type(instance)),
        ),
        ValidationErrorKind::Enum { options } => (
            Kind::UnknownValue,
            format!("{} is not one of {}", describe(instance), list(options)),
        ),
        ValidationErrorKind::Format { format } => (
            Kind::InvalidValue,
            format!(
                "{} is not a valid {}",
                describe(instance),
                format_name(format)
            ),
        ),
        ValidationErrorKind::Pattern { pattern } => (
            Kind::InvalidValue,
            format!("{} does not have the form `{pattern}`", describe(instance)),
        ),
        // Other keywords our types do not use today (minimum, length limits, ...): the
        // validator's own wording, the same code.
        _ => (Kind::InvalidValue, error.to_string()),
    };
    found.push(Found {
        path,
        kind,
        message,
    });
}

fn is_type_error_at(inner: &ValidationError<'_>, outer: &ValidationError<'_>) -> bool {
    matches!(inner.kind(), ValidationErrorKind::Type { .. })
        && inner.instance_path() == outer.instance_path()
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn list(options: &Value) -> String {
    let names: Vec<String> = options
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| o.as_str().map_or_else(|| o.to_string(), str::to_owned))
        .collect();
    names.join(", ")
}

fn expected(kind: &TypeKind) -> String {
    let names: Vec<String> = match kind {
        TypeKind::Single(t) => vec![a_type(&t.to_string())],
        TypeKind::Multiple(set) => set.iter().map(|t| a_type(&t.to_string())).collect(),
    };
    names.join(" or ")
}

fn json_type(value: &Value) -> String {
    a_type(match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    })
}

fn a_type(name: &str) -> String {
    match name {
        "null" => "null".to_owned(),
        "array" => "a list".to_owned(),
        "object" => "an object".to_owned(),
        "integer" => "an integer".to_owned(),
        "boolean" => "true or false".to_owned(),
        other => format!("a {other}"),
    }
}

fn format_name(format: &str) -> &str {
    match format {
        "date" => "date (YYYY-MM-DD)",
        "date-time" => "date and time (RFC 3339)",
        "uri" => "URL",
        "uuid" => "UUID",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Algorithm, Category, Domain, Organisation, UseCase};

    #[test]
    fn every_document_type_has_a_schema_that_compiles() {
        for built in [
            Shape::build::<UseCase>().map(|_| ()),
            Shape::build::<Algorithm>().map(|_| ()),
            Shape::build::<Category>().map(|_| ()),
            Shape::build::<Domain>().map(|_| ()),
            Shape::build::<Organisation>().map(|_| ()),
        ] {
            assert_eq!(built, Ok(()));
        }
    }

    #[test]
    fn field_paths_read_as_people_write_them() {
        let path = FieldPath(vec![
            Step::Key("results".into()),
            Step::Index(2),
            Step::Key("unit".into()),
        ]);
        assert_eq!(path.to_string(), "results[2].unit");
        assert_eq!(FieldPath::default().to_string(), "");
    }

    #[test]
    fn neutral_values_are_accepted_by_the_schema() {
        let shape = Shape::build::<UseCase>().expect("compiles");
        let neutral = shape.neutral(&shape.root);
        assert!(shape.problems(&neutral).is_empty(), "{neutral}");
        assert_eq!(neutral["lifecycle"], "idea");
        assert_eq!(neutral["domains"], json!([]));
    }
}
