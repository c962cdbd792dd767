//! The version of the entry document format, and the one function that upgrades an older
//! document to the current shape. Stored revisions are never rewritten, so every reader of a
//! stored document (current or historic) passes it through [`upgrade`] first; the storage
//! migration uses the same function for the current documents.
//!
//! Versions:
//! 1. The first format (no `schema_version` field).
//! 2. `year` became `started` (a partial date); `legal.dpia_done` became an assessment of kind
//!    `dpia` in `assessments`; data sources (`data.sources`, `training_data.sources`,
//!    `operational_data.sources`) became items with a name instead of bare strings.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The version this code writes.
pub const CURRENT: u32 = 2;

/// A document's format version; the current one when a document leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SchemaVersion(pub u32);

impl Default for SchemaVersion {
    fn default() -> Self {
        Self(CURRENT)
    }
}

impl SchemaVersion {
    pub fn is_current(self) -> bool {
        self.0 == CURRENT
    }
}

impl utoipa::PartialSchema for SchemaVersion {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(CURRENT))
            .maximum(Some(CURRENT))
            .description(Some(
                "The document format's version. Writes must use the current one (or leave it \
                 out); stored documents of older versions are upgraded when read.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for SchemaVersion {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("SchemaVersion")
    }
}

/// The version a stored document declares; 1 when it declares none.
pub fn version_of(doc: &Value) -> u64 {
    doc.get("schema_version")
        .and_then(Value::as_u64)
        .unwrap_or(1)
}

/// Upgrades a use case or algorithm document of any earlier version to the current shape. A
/// current document comes back unchanged, so it is safe to call on every read. Values that the
/// old format allowed but that have no place in the new one are kept where they were, so that
/// deserialising reports them instead of losing them silently.
pub fn upgrade(mut doc: Value) -> Value {
    if version_of(&doc) >= u64::from(CURRENT) {
        return doc;
    }
    if let Some(object) = doc.as_object_mut() {
        v1_to_v2(object);
        object.insert("schema_version".into(), json!(2));
    }
    doc
}

fn v1_to_v2(doc: &mut Map<String, Value>) {
    // `year` → `started`, as a year-only partial date.
    if let Some(year) = doc.get("year").and_then(Value::as_i64) {
        doc.remove("year");
        doc.entry("started")
            .or_insert_with(|| Value::String(format!("{year:04}")));
    }
    // `legal.dpia_done` → an assessment of kind `dpia`.
    let dpia = doc
        .get_mut("legal")
        .and_then(Value::as_object_mut)
        .and_then(|legal| match legal.get("dpia_done") {
            Some(Value::Bool(done)) => {
                let done = *done;
                legal.remove("dpia_done");
                Some(Some(done))
            }
            Some(Value::Null) => {
                legal.remove("dpia_done");
                Some(None)
            }
            _ => None,
        })
        .flatten();
    if let Some(done) = dpia {
        let status = if done { "done" } else { "not_done" };
        let assessments = doc
            .entry("assessments")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Some(list) = assessments.as_array_mut()
            && !list.iter().any(|a| a.get("kind") == Some(&json!("dpia")))
        {
            list.push(json!({"kind": "dpia", "status": status}));
        }
    }
    // Data sources: bare names → items.
    for field in ["data", "training_data", "operational_data"] {
        if let Some(sources) = doc
            .get_mut(field)
            .and_then(|d| d.get_mut("sources"))
            .and_then(Value::as_array_mut)
        {
            for source in sources.iter_mut() {
                if let Value::String(name) = source {
                    *source = json!({"name": name});
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_year_dpia_and_sources_and_leaves_the_rest() {
        let v1 = json!({
            "slug": "a", "lifecycle": "pilot", "year": 2023,
            "legal": {"basis": "lov", "dpia_done": false},
            "data": {"sources": ["Post", "Sager"], "personal_data": true}
        });
        let v2 = upgrade(v1);
        assert_eq!(
            v2,
            json!({
                "schema_version": 2, "slug": "a", "lifecycle": "pilot", "started": "2023",
                "legal": {"basis": "lov"},
                "assessments": [{"kind": "dpia", "status": "not_done"}],
                "data": {"sources": [{"name": "Post"}, {"name": "Sager"}], "personal_data": true}
            })
        );
        assert_eq!(upgrade(v2.clone()), v2, "a second upgrade changes nothing");
    }

    #[test]
    fn a_document_without_old_fields_only_gains_its_version() {
        assert_eq!(
            upgrade(json!({"slug": "a"})),
            json!({"slug": "a", "schema_version": 2})
        );
        let current = json!({"schema_version": 2, "year": 2020});
        assert_eq!(upgrade(current.clone()), current);
    }
}
