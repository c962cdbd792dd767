//! The real files in `../shared/datasets/`: each imports on a fresh catalogue with a report, a
//! second import changes nothing, and the export gives back every field, field by field, in a
//! file the standard's schema accepts.

use std::path::{Path, PathBuf};

use aikatalog_interop::formats::{NL_RENAMES, NONCONFORMING};
use aikatalog_interop::{Exported, Format};
use aikatalog_storage::Database;
use serde_json::{Map, Value};

use crate::util::{datasets, each_catalogue, fixture, import_ok};

fn files_in(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    out.sort();
    out
}

fn nl_files() -> Vec<PathBuf> {
    let nl = datasets().join("nl_algoritmeregister");
    let mut files: Vec<_> = files_in(&nl.join("schema"), "json")
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("test_algorithm_"))
        })
        .collect();
    files.extend(files_in(&nl.join("templates_0.4"), "json"));
    files.extend(files_in(&nl.join("templates_1.0"), "json"));
    assert_eq!(files.len(), 24, "the NL dataset's record files");
    files
}

/// A file's records as the register wrote them (JSON: one object or a list; the UK index's
/// `records`; CSV: the columns by header).
fn source_records(path: &Path) -> Vec<Map<String, Value>> {
    let bytes = std::fs::read(path).expect("readable");
    let text =
        String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned();
    let value: Value = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).expect("JSON"),
        Some("yaml") => serde_yaml_ng::from_str(&text).expect("YAML"),
        _ => {
            let delimiter = if text.lines().next().unwrap_or("").contains(';') {
                b';'
            } else {
                b','
            };
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            let headers = reader.headers().expect("header").clone();
            let rows = reader
                .records()
                .map(|r| {
                    let r = r.expect("row");
                    Value::Object(
                        headers
                            .iter()
                            .zip(r.iter())
                            .map(|(h, c)| (h.to_owned(), Value::String(c.to_owned())))
                            .collect(),
                    )
                })
                .collect();
            Value::Array(rows)
        }
    };
    let value = match value {
        Value::Object(mut o) if o.contains_key("records") => o.remove("records").expect("records"),
        other => other,
    };
    match value {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_object().cloned().expect("a record is an object"))
            .collect(),
        Value::Object(o) => vec![o],
        other => panic!("not records: {other}"),
    }
}

fn blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// Imports `path` on a fresh catalogue, checks the report, imports it again (nothing changes),
/// and returns the export of the whole catalogue.
fn import_twice_and_export(db: &Database, format: Format, path: &Path) -> Exported {
    let records = source_records(path).len();
    let first = import_ok(db, format, path);
    assert!(first.applied, "{first}");
    assert_eq!(first.records, records, "{}: {first}", path.display());
    assert_eq!(first.created, records, "{}: {first}", path.display());
    let again = import_ok(db, format, path);
    assert_eq!(
        (
            again.created,
            again.changed,
            again.unchanged,
            again.organisations_created
        ),
        (0, 0, records, 0),
        "{}: a second import changed something:\n{again}",
        path.display()
    );
    assert!(again.to_string().contains("no changes"), "{again}");
    aikatalog_interop::export(db, format, None).expect("the catalogue exports")
}

/// Asserts every field of `source` comes back in `exported`: under its own name, under its
/// publication standard name (NL), or set aside in `x_nonconforming` (NL); a blank field may
/// come back blank or not at all.
fn assert_nothing_lost(file: &Path, source: &Map<String, Value>, exported: &Map<String, Value>) {
    let set_aside = exported.get(NONCONFORMING).and_then(Value::as_object);
    for (name, value) in source {
        // A null is read as the field being absent, inside objects too.
        let value = &without_nulls(value.clone());
        if blank(Some(value)) {
            assert!(
                blank(exported.get(name)) || exported.get(name) == Some(value),
                "{}: `{name}` was blank and came back as {:?}",
                file.display(),
                exported.get(name)
            );
            continue;
        }
        let renamed = NL_RENAMES
            .iter()
            .find(|(old, _)| old == name)
            .and_then(|(_, new)| exported.get(*new));
        let same = exported.get(name) == Some(value)
            || set_aside.and_then(|s| s.get(name)) == Some(value)
            || renamed == Some(value);
        assert!(
            same,
            "{}: `{name}` = {value} came back as {:?}",
            file.display(),
            exported.get(name)
        );
    }
}

fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

fn nl_schema() -> Value {
    let path =
        datasets().join("nl_algoritmeregister/schema/publicatiestandaard-v1.0.0.schema.json");
    serde_json::from_slice(&std::fs::read(path).expect("schema")).expect("JSON")
}

/// The Eurocities v0.3.1 schema is its own YAML vocabulary, not JSON Schema: each attribute's
/// `type` becomes a JSON Schema type or format, `enum` the English and Dutch values, `const` a
/// const, and `required: true` a required property.
fn eurocities_schema() -> Value {
    let path = datasets().join("eurocities_algorithmic_transparency_standard/schema-v0_3_1.yaml");
    let yaml: Value =
        serde_yaml_ng::from_str(&std::fs::read_to_string(path).expect("schema")).expect("YAML");
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in yaml["properties"].as_array().expect("properties") {
        let name = p["attribute"].as_str().expect("attribute").to_owned();
        let schema = match p["type"].as_str() {
            Some("email") => serde_json::json!({"type": "string", "format": "email"}),
            Some("url") => serde_json::json!({"type": "string", "format": "uri"}),
            Some("uuid") => serde_json::json!({"type": "string", "format": "uuid"}),
            Some("date") => serde_json::json!({"type": "string", "format": "date"}),
            Some("enum") => {
                let mut values: Vec<Value> = Vec::new();
                for lang in ["en", "nl"] {
                    values.extend(p["enum"][lang].as_array().cloned().unwrap_or_default());
                }
                serde_json::json!({"enum": values})
            }
            Some("const") => serde_json::json!({"const": p["const"]}),
            _ => serde_json::json!({"type": "string"}),
        };
        if p["required"] == Value::Bool(true) {
            required.push(Value::String(name.clone()));
        }
        properties.insert(name, schema);
    }
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "required": required,
        "properties": properties,
    })
}

/// Validates each exported record against `schema`: the only errors allowed are required fields
/// the export itself listed as missing for that entry.
fn assert_valid(schema: &Value, exported: &Exported, records: &[Map<String, Value>], key: &str) {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles");
    let mut checked = 0;
    for record in records {
        let instance = Value::Object(record.clone());
        let gaps: Vec<String> = exported
            .missing_required
            .iter()
            .find(|m| record.get(key).and_then(Value::as_str) == Some(m.entry.as_str()))
            .map(|m| m.fields.clone())
            .unwrap_or_default();
        for error in validator.iter_errors(&instance) {
            match error.kind() {
                jsonschema::error::ValidationErrorKind::Required { property }
                    if property.as_str().is_some_and(|p| {
                        exported
                            .missing_required
                            .iter()
                            .any(|m| m.fields.iter().any(|f| f == p))
                    }) => {}
                _ => panic!(
                    "an exported record does not validate: {error} at {} (listed as missing: \
                     {gaps:?})\n{instance:#}",
                    error.instance_path()
                ),
            }
        }
        checked += 1;
    }
    assert!(checked > 0);
}

fn nl_records(exported: &Exported) -> Vec<Map<String, Value>> {
    let value: Value = serde_json::from_slice(&exported.body).expect("JSON");
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_object().cloned().expect("object"))
        .collect()
}

#[test]
fn nl_files_import_reimport_unchanged_and_round_trip_into_valid_records() {
    let schema = nl_schema();
    for file in nl_files() {
        each_catalogue(|t| {
            let exported = import_twice_and_export(&t.db, Format::NlAlgoritmeregister, &file);
            let records = nl_records(&exported);
            // Every public entry exports, the seed data's Danish ones too.
            assert!(records.len() > source_records(&file).len());
            for source in source_records(&file) {
                let id = ["id", "uuid", "source_id"]
                    .iter()
                    .find_map(|k| source.get(*k).filter(|v| !blank(Some(v))))
                    .expect("the record has an id");
                let back = records
                    .iter()
                    .find(|r| {
                        ["id", "uuid", "source_id"]
                            .iter()
                            .any(|k| r.get(*k) == Some(id))
                    })
                    .unwrap_or_else(|| panic!("{}: {id} was not exported", file.display()));
                assert_nothing_lost(&file, &source, back);
            }
            assert_valid(&schema, &exported, &records, "name");
        });
    }
}

#[test]
fn uk_index_files_import_reimport_unchanged_and_round_trip() {
    let dir = datasets().join("uk_atrs_records");
    for file in [dir.join("atrs_records.csv"), dir.join("atrs_records.json")] {
        each_catalogue(|t| {
            let exported = import_twice_and_export(&t.db, Format::UkAtrs, &file);
            let value: Value = serde_json::from_slice(&exported.body).expect("JSON");
            let records = value["records"].as_array().expect("records");
            for source in source_records(&file) {
                let url = source.get("url").expect("url");
                let back = records
                    .iter()
                    .find(|r| r.get("url") == Some(url))
                    .and_then(Value::as_object)
                    .unwrap_or_else(|| panic!("{url} was not exported"));
                assert_nothing_lost(&file, &source, back);
            }
            // The six records that name no publishing body say so, and are marked for review.
            let report = import_ok(&t.db, Format::UkAtrs, &file);
            assert_eq!(report.unchanged, 136);
        });
    }
}

#[test]
fn eurocities_files_import_reimport_unchanged_and_round_trip_into_valid_records() {
    let schema = eurocities_schema();
    for file in [
        fixture("eurocities-records.yaml"),
        fixture("eurocities-registration.csv"),
    ] {
        each_catalogue(|t| {
            let exported = import_twice_and_export(&t.db, Format::Eurocities, &file);
            let value: Value = serde_yaml_ng::from_slice(&exported.body).expect("YAML");
            let records: Vec<Map<String, Value>> = value
                .as_array()
                .expect("a list")
                .iter()
                .map(|v| v.as_object().cloned().expect("object"))
                .collect();
            for source in source_records(&file) {
                let back = records
                    .iter()
                    .find(|r| r.get("name") == source.get("name"))
                    .unwrap_or_else(|| panic!("{:?} was not exported", source.get("name")));
                assert_nothing_lost(&file, &source, back);
            }
            assert_valid(&schema, &exported, &records, "name");
        });
    }
}

#[test]
fn the_published_eurocities_csv_template_holds_no_records_and_says_so() {
    let file = datasets()
        .join("eurocities_algorithmic_transparency_standard/registration-v0.3.1.template.csv");
    each_catalogue(|t| {
        let report = import_ok(&t.db, Format::Eurocities, &file);
        assert_eq!((report.records, report.created), (0, 0), "{report}");
        assert_eq!(report.notes[0].code, "template_without_records", "{report}");
    });
}

#[test]
fn an_entry_written_here_exports_with_the_required_fields_it_cannot_fill() {
    each_catalogue(|t| {
        let one = aikatalog_interop::export(
            &t.db,
            Format::NlAlgoritmeregister,
            Some("smartmail-norddjurs"),
        )
        .expect("exports");
        let record: Value = serde_json::from_slice(&one.body).expect("JSON");
        assert_eq!(record["name"], "Automatisk mailsortering (SmartMail)");
        assert_eq!(record["organization"], "Norddjurs Kommune");
        assert_eq!(record["status"], "In gebruik");
        let missing = &one.missing_required[0];
        assert_eq!(missing.entry, "smartmail-norddjurs");
        assert!(missing.fields.contains(&"publication_category".to_owned()));
        assert!(!missing.fields.contains(&"name".to_owned()));
        // A Danish entry says it is written in Danish, with the standard's English list values.
        let eurocities =
            aikatalog_interop::export(&t.db, Format::Eurocities, Some("smartmail-norddjurs"))
                .expect("exports");
        let record: Value = serde_yaml_ng::from_slice(&eurocities.body).expect("YAML");
        assert_eq!(record["lang"], "da", "{record}");
        assert_eq!(record["status"], "operational", "{record}");
        let none = aikatalog_interop::export(&t.db, Format::UkAtrs, Some("no-such-entry"));
        assert!(matches!(
            none,
            Err(aikatalog_interop::ExportError::NotFound(_))
        ));
    });
}
