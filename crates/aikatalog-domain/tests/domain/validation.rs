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
        ai_contact: None,
        postal_address: None,
        country: Default::default(),
        identifiers: Vec::new(),
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

fn codes_of(errors: &aikatalog_domain::FieldErrors) -> Vec<(String, String)> {
    errors
        .0
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

#[test]
fn the_registers_fields_are_checked_with_paths_and_codes() {
    let mut doc = valid();
    doc["started"] = serde_json::json!("2024-03");
    doc["ended"] = serde_json::json!("2023");
    doc["assessments"] = serde_json::json!([
        {"kind": "dpia", "status": "done", "date": "2023-11", "url": "ftp://example.dk/dpia.pdf"}
    ]);
    doc["cost"] =
        serde_json::json!({"one_off": {"amount": 250000, "currency": "dkk", "year": 2023}});
    doc["data"] = serde_json::json!({
        "sources": [{"name": "Fællespostkassen", "purposes": ["training", "operation"]}],
        "sensitive_attributes": ["health", "health"]
    });
    doc["provenance"] = serde_json::json!({"language": "DA", "keywords": ["post"], "references": [
        {"scheme": "uk_atrs", "id": "1", "fields": {"ok": [1, "a"], "owner": {"phone": null}}}
    ]});
    let errors = validate_use_case(&parse(doc), &known()).expect_err("invalid");
    assert_eq!(
        codes_of(&errors),
        [
            ("assessments[0].url".into(), "url_scheme".into()),
            ("cost.one_off.currency".into(), "currency".into()),
            ("data.sensitive_attributes[1]".into(), "duplicate".into()),
            ("ended".into(), "date_order".into()),
            ("provenance.language".into(), "language".into()),
            (
                "provenance.references[0].fields.owner".into(),
                "null_value".into()
            ),
        ]
    );
}

#[test]
fn the_new_fields_round_trip_through_json() {
    let mut doc = valid();
    doc["started"] = serde_json::json!("2023-11-15");
    doc["sourcing"] = serde_json::json!("both");
    doc["assessments"] = serde_json::json!([{"kind": "fria", "status": "in_progress"}]);
    doc["how_it_works"] = serde_json::json!({"appeal": "Klage til kommunen."});
    doc["review_on"] = serde_json::json!("2025-06-01");
    doc["provenance"] = serde_json::json!({"language": "da", "references": [
        {"scheme": "nl_algoritmeregister", "id": "123", "fields": {"lawfulBasis": ["x", 1]}}
    ]});
    let parsed = parse(doc);
    assert_eq!(validate_use_case(&parsed, &known()), Ok(()));
    assert_eq!(parsed.dpia_done(), None);
    let back = serde_json::to_value(&parsed).expect("serialises");
    assert_eq!(back["started"], "2023-11-15");
    assert_eq!(back["schema_version"], 2);
    assert_eq!(
        back["provenance"]["references"][0]["fields"]["lawfulBasis"],
        serde_json::json!(["x", 1])
    );
    assert_eq!(parse(back.clone()), parsed);
}

#[test]
fn old_shape_fields_are_refused_on_writes() {
    let mut doc = valid();
    doc["year"] = serde_json::json!(2023);
    assert!(serde_json::from_value::<UseCase>(doc).is_err());
    let mut doc = valid();
    doc["schema_version"] = serde_json::json!(1);
    let errors = validate_use_case(&parse(doc), &known()).expect_err("old version");
    assert_eq!(
        codes_of(&errors),
        [("schema_version".into(), "unsupported_schema_version".into())]
    );
}

#[test]
fn submitting_needs_a_contact_with_a_name_and_an_email() {
    use aikatalog_domain::readiness::check_ready;
    let without = parse(valid());
    let errors = check_ready(&without).expect_err("no contact");
    assert_eq!(codes_of(&errors), [("contact".into(), "required".into())]);
    let mut doc = valid();
    doc["contact"] = serde_json::json!({"phone": "+45 89 59 10 00"});
    let errors = check_ready(&parse(doc)).expect_err("no name or e-mail");
    assert_eq!(
        codes_of(&errors),
        [
            ("contact.email".into(), "required".into()),
            ("contact.name".into(), "required".into()),
        ]
    );
    let mut doc = valid();
    doc["contact"] =
        serde_json::json!({"name": "Digitaliseringsteamet", "email": "digital@norddjurs.dk"});
    assert_eq!(check_ready(&parse(doc)), Ok(()));
}

#[test]
fn organisation_identifiers_follow_their_registers() {
    let org: Organisation = serde_json::from_value(serde_json::json!({
        "code": "707", "kind": "municipality", "name": "Norddjurs Kommune", "region": "1082",
        "identifiers": [
            {"scheme": "cvr", "value": "29189900"},
            {"scheme": "ean", "value": "123"},
            {"scheme": "other", "value": "x"}
        ],
        "postal_address": {"street": "Torvet 3", "postcode": "8500", "city": "Grenaa"}
    }))
    .expect("organisation shape");
    assert_eq!(org.country.as_str(), "DK");
    let errors = validate_organisation(&org, &known()).expect_err("invalid");
    assert_eq!(
        codes_of(&errors),
        [
            ("identifiers[1].value".into(), "ean_number".into()),
            ("identifiers[2].scheme_name".into(), "required".into()),
        ]
    );
}
