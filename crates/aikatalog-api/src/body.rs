//! Reading entry documents from request bodies so that one response lists every problem.
//!
//! serde stops at the first error. To report them all, the body is parsed as JSON, then
//! deserialized repeatedly: each failing field is recorded, removed (or, when required,
//! replaced by a neutral placeholder) and the document tried again. The typed document is then
//! checked by the domain rules, whose errors are merged in, skipping fields already reported.

use std::collections::BTreeSet;

use actix_web::error::JsonPayloadError;
use actix_web::web;
use aikatalog_domain::validation::References;
use aikatalog_domain::{Entry, FieldError, FieldErrors};
use serde_json::Value;

use crate::error::ApiError;

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How many passes to make before giving up on collecting more errors.
const MAX_PASSES: usize = 64;

/// JSON body settings: size limit, JSON and merge-patch content types, problem+json errors.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_BODY_BYTES)
        .content_type(|mime| mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
        .content_type_required(false)
        .error_handler(|err, _req| {
            match err {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => {
                    ApiError::TooLarge(MAX_BODY_BYTES)
                }
                JsonPayloadError::ContentType => {
                    ApiError::MalformedJson("the Content-Type must be application/json".into())
                }
                JsonPayloadError::Deserialize(e) => ApiError::MalformedJson(e.to_string()),
                other => ApiError::MalformedJson(other.to_string()),
            }
            .into()
        })
}

/// A neutral value for a required field, used only to keep collecting errors after the field
/// itself was reported.
fn placeholder(field: &str) -> Value {
    match field {
        "value" => Value::from(0.0),
        "number" => Value::from(1),
        "domains" => Value::Array(vec![]),
        "lifecycle" => Value::from("idea"),
        "model_type" => Value::from("general"),
        "url" => Value::from("https://placeholder.invalid/"),
        "model" => Value::from("general"),
        "data" | "integration" => Value::from("limited"),
        "infrastructure" => Value::from("background_process"),
        "adopted_on" => Value::from("2000-01-01"),
        _ => Value::from("placeholder"),
    }
}

/// Splits `results[2].unit` into steps.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Step::Key(key.to_owned()));
        }
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

enum Step {
    Key(String),
    Index(usize),
}

fn walk<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut current = value;
    for step in path {
        current = match step {
            Step::Key(k) => current.get_mut(k.as_str())?,
            Step::Index(i) => current.get_mut(*i)?,
        };
    }
    Some(current)
}

/// The name between the first pair of backticks in a serde message.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}

/// Deserializes `body` into `E`, then validates it; every problem found is returned together.
pub fn parse_document<E: Entry>(mut body: Value, refs: &dyn References) -> Result<E, ApiError> {
    if !body.is_object() {
        return Err(ApiError::Invalid(FieldErrors(vec![FieldError::new(
            "",
            "not_an_object",
            "the document must be a JSON object",
        )])));
    }
    let mut errors = FieldErrors::default();
    let mut reported = BTreeSet::new();
    for _ in 0..MAX_PASSES {
        let attempt: Result<E, _> = serde_path_to_error::deserialize(&body);
        let err = match attempt {
            Ok(doc) => {
                if let Err(rule_errors) = doc.check(refs) {
                    for e in rule_errors.0 {
                        let already = reported.iter().any(|r: &String| {
                            e.field == *r
                                || e.field.starts_with(&format!("{r}."))
                                || e.field.starts_with(&format!("{r}["))
                        });
                        if !already {
                            errors.push(e);
                        }
                    }
                }
                return match errors.into_result() {
                    Ok(()) => Ok(doc),
                    Err(all) => Err(ApiError::Invalid(all)),
                };
            }
            Err(e) => e,
        };
        let path = err.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = err.inner().to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        let parts = steps(&path);
        if message.starts_with("missing field") {
            let Some(field) = quoted(&message) else { break };
            let full = join(&path, field);
            if reported.insert(full.clone()) {
                errors.push(FieldError::new(
                    &full,
                    "missing_field",
                    format!("`{field}` is required"),
                ));
            }
            match walk(&mut body, &parts).and_then(Value::as_object_mut) {
                Some(object) => {
                    object.insert(field.to_owned(), placeholder(field));
                }
                None => break,
            }
            continue;
        }
        let (code, target_path, field_name) = if message.starts_with("unknown field") {
            let field = quoted(&message).unwrap_or_default().to_owned();
            // serde_path_to_error may or may not include the unknown key in the path.
            let parent = if path.ends_with(&field) {
                path[..path.len() - field.len()]
                    .trim_end_matches('.')
                    .to_owned()
            } else {
                path.clone()
            };
            ("unknown_field", parent, field)
        } else {
            let (parent, field) = match path.rsplit_once('.') {
                Some((p, f)) => (p.to_owned(), f.to_owned()),
                None => (String::new(), path.clone()),
            };
            ("invalid_value", parent, field)
        };
        let full = join(&target_path, &field_name);
        if !reported.insert(full.clone()) {
            break;
        }
        errors.push(FieldError::new(&full, code, message));
        // Remove the offending field so the next pass can look further.
        let removed = if let Some((key, idx)) = field_name.split_once('[') {
            // An invalid list element: blank it with the list's neutral value.
            let _ = (key, idx);
            walk(&mut body, &steps(&full))
                .map(|v| *v = placeholder(key))
                .is_some()
        } else {
            walk(&mut body, &steps(&target_path))
                .and_then(Value::as_object_mut)
                .and_then(|o| o.remove(&field_name))
                .is_some()
        };
        if !removed {
            break;
        }
    }
    Err(ApiError::Invalid(
        errors.into_result().err().unwrap_or_default(),
    ))
}
