//! The rules every use case must satisfy, whatever path it arrives by (API, importer).

use aikatalog_domain::validation::{validate_organisation, validate_use_case};
use aikatalog_domain::{OrgCode, OrgKind, Organisation, UseCase};

use crate::fixtures::{known, valid};

fn parse(json: serde_json::Value) -> UseCase {
    serde_json::from_value(json).expect("use case shape")
}

#[test]
fn a_complete_use_case_passes() {
    assert_eq!(validate_use_case(&parse(valid()), &known()), Ok(()));
}

#[test]
fn every_invalid_field_is_reported_at_once_with_its_path() {
    let mut doc = valid();
    doc["title"] = "  ".into();
    doc["owner"] = "999".into();
    doc["partners"] = serde_json::json!(["707"]);
    doc["domains"] = serde_json::json!(["administration", "administration"]);
    doc["secondary_categories"] = serde_json::json!(["intelligent-automation", "magic"]);
    doc["vendors"] = serde_json::json!(["707"]);
    doc["algorithms"] = serde_json::json!(["unknown-algo"]);
    doc["results"] = serde_json::json!([
        {"metric": "Tid", "value": 50.0, "value_max": 33.0, "unit": "%"},
        {"metric": "Sager", "value": 1500, "unit": ""}
    ]);
    doc["links"] = serde_json::json!([{"title": "Kode", "url": "javascript:alert(1)"}]);
    let errors = validate_use_case(&parse(doc), &known()).expect_err("invalid");
    let got: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    for expected in [
        ("title", "length"),
        ("title", "blank"),
        ("owner", "unknown_organisation"),
        ("domains[1]", "duplicate"),
        ("secondary_categories[0]", "primary_as_secondary"),
        ("secondary_categories[1]", "unknown_category"),
        ("vendors[0]", "wrong_organisation_kind"),
        ("algorithms[0]", "unknown_algorithm"),
        ("results[0].value_max", "range_order"),
        ("results[1].unit", "length"),
        ("links[0].url", "url_scheme"),
    ] {
        assert!(got.contains(&expected), "missing {expected:?} in {got:?}");
    }
}

#[test]
fn unknown_fields_and_enum_values_are_refused_when_parsing() {
    let mut doc = valid();
    doc["colour"] = "blue".into();
    let err = serde_json::from_value::<UseCase>(doc).expect_err("unknown field");
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");
    let mut doc = valid();
    doc["lifecycle"] = "running".into();
    let err = serde_json::from_value::<UseCase>(doc).expect_err("unknown lifecycle");
    assert!(err.to_string().contains("in_operation"), "{err}");
}

#[test]
fn the_read_only_meta_block_is_accepted_back() {
    let mut doc = valid();
    doc["meta"] = serde_json::json!({"id": "0193a1c2-0000-7000-8000-000000000000", "revision": 3, "state": "published"});
    let parsed = parse(doc);
    assert_eq!(parsed.meta.and_then(|m| m.revision), Some(3));
}

#[test]
fn municipalities_need_an_official_code_and_a_region() {
    let org = Organisation {
        code: OrgCode::try_from("norddjurs").expect("code"),
        kind: OrgKind::Municipality,
        name: "Norddjurs Kommune".into(),
        short_name: None,
        name_en: None,
        region: None,
        website: None,
    };
    let errors = validate_organisation(&org, &known()).expect_err("invalid");
    let codes: Vec<_> = errors.0.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["municipality_code", "missing_region"]);
    let fixed = Organisation {
        code: OrgCode::try_from("707").expect("code"),
        region: Some(OrgCode::try_from("1082").expect("region")),
        ..org
    };
    assert_eq!(validate_organisation(&fixed, &known()), Ok(()));
}
