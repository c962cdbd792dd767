//! Reading documents: every structural mistake has one stable code and a field path, all of a
//! document's mistakes are reported at once, the domain rules add theirs, and the schema check
//! never refuses what serde accepts nor lets through what serde refuses.

use aikatalog_domain::document::{read, read_checked};
use aikatalog_domain::validation::{validate_category, validate_use_case};
use aikatalog_domain::{Algorithm, Category, FieldErrors, UseCase};
use serde_json::{Value, json};

use crate::fixtures::{known, valid};

/// `(field, code)` of every error, sorted.
fn pairs(errors: &FieldErrors) -> Vec<(String, String)> {
    let mut out: Vec<_> = errors
        .0
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect();
    out.sort();
    out
}

fn structural(doc: Value) -> Vec<(String, String)> {
    pairs(&read::<UseCase>(doc).errors)
}

fn checked(doc: Value) -> Vec<(String, String)> {
    match read_checked(doc, |u: &UseCase| validate_use_case(u, &known())) {
        Ok(_) => Vec::new(),
        Err(errors) => pairs(&errors),
    }
}

fn one(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

fn with(patch: impl FnOnce(&mut Value)) -> Value {
    let mut doc = valid();
    patch(&mut doc);
    doc
}

#[test]
fn a_valid_document_reads_without_errors() {
    let reading = read::<UseCase>(valid());
    assert!(reading.errors.is_empty(), "{}", reading.errors);
    assert_eq!(reading.value.map(|u| u.results.len()), Some(1));
    assert_eq!(checked(valid()), []);
}

#[test]
fn optional_fields_may_be_absent_or_null_and_meta_is_read_back() {
    let doc = with(|d| {
        d["description"] = Value::Null;
        d["contact"] = Value::Null;
        d["needs_profile"] = Value::Null;
        d["results"][0]["value_max"] = Value::Null;
        d["meta"] = json!({"revision": 3, "state": "published", "server_only": true});
    });
    assert_eq!(structural(doc), []);
}

#[test]
fn missing_fields() {
    assert_eq!(
        structural(with(|d| {
            d.as_object_mut().map(|o| o.remove("title"));
        })),
        one("title", "missing_field")
    );
    assert_eq!(
        structural(with(|d| {
            d["results"][0].as_object_mut().map(|o| o.remove("unit"));
        })),
        one("results[0].unit", "missing_field")
    );
    // Inside an optional section.
    assert_eq!(
        structural(with(|d| {
            d["needs_profile"] =
                json!({"model": "general", "data": "limited", "integration": "limited"});
        })),
        one("needs_profile.infrastructure", "missing_field")
    );
}

#[test]
fn unknown_fields() {
    assert_eq!(
        structural(with(|d| d["colour"] = json!("blue"))),
        one("colour", "unknown_field")
    );
    assert_eq!(
        structural(with(|d| d["results"][0]["colour"] = json!("blue"))),
        one("results[0].colour", "unknown_field")
    );
    assert_eq!(
        structural(with(
            |d| d["contact"] = json!({"name": "Ane", "fax": "1234"})
        )),
        one("contact.fax", "unknown_field")
    );
}

#[test]
fn unknown_values_of_closed_lists() {
    assert_eq!(
        structural(with(|d| d["lifecycle"] = json!("running"))),
        one("lifecycle", "unknown_value")
    );
    assert_eq!(
        structural(with(|d| d["challenges"] = json!(["data", "weather"]))),
        one("challenges[1]", "unknown_value")
    );
    assert_eq!(
        structural(with(|d| d["needs_profile"] = json!({
            "model": "general", "data": "lots", "integration": "limited", "infrastructure": "iaas"
        }))),
        one("needs_profile.data", "unknown_value")
    );
    assert_eq!(
        structural(with(
            |d| d["links"] = json!([{"title": "Kode", "url": "https://x.dk", "kind": "song"}])
        )),
        one("links[0].kind", "unknown_value")
    );
}

#[test]
fn values_of_the_wrong_type() {
    assert_eq!(
        structural(with(|d| d["title"] = json!(5))),
        one("title", "invalid_type")
    );
    assert_eq!(
        structural(with(|d| d["domains"] = json!("administration"))),
        one("domains", "invalid_type")
    );
    assert_eq!(
        structural(with(|d| d["results"] = Value::Null)),
        one("results", "invalid_type")
    );
    assert_eq!(
        structural(with(|d| d["results"][0]["estimated"] = json!("yes"))),
        one("results[0].estimated", "invalid_type")
    );
    assert_eq!(
        structural(with(|d| d["started"] = json!(2020))),
        one("started", "invalid_type")
    );
    assert_eq!(
        structural(with(
            |d| d["cost"] = json!({"one_off": {"amount": 1.0, "year": 2020.5}})
        )),
        one("cost.one_off.year", "invalid_type")
    );
    // A number is not among a closed list's values, but its type is what is wrong first.
    assert_eq!(
        structural(with(|d| d["lifecycle"] = json!(3))),
        one("lifecycle", "invalid_type")
    );
    // An optional section of the wrong type.
    assert_eq!(
        structural(with(|d| d["contact"] = json!("Ane"))),
        one("contact", "invalid_type")
    );
    assert_eq!(
        structural(json!(["not", "an", "object"])),
        one("", "invalid_type")
    );
}

#[test]
fn malformed_values() {
    assert_eq!(
        structural(with(
            |d| d["links"] = json!([{"title": "Kode", "url": "ikke en adresse"}])
        )),
        one("links[0].url", "invalid_value")
    );
    assert_eq!(
        structural(with(|d| d["slug"] = json!("Smart Mail"))),
        one("slug", "invalid_value")
    );
    assert_eq!(
        structural(with(
            |d| d["domains"] = json!(["administration", "Social--omraadet"])
        )),
        one("domains[1]", "invalid_value")
    );
    // What the schema does not say, serde finds: a slug's length, an integer's range, a
    // fraction where a whole number is due.
    assert_eq!(
        structural(with(|d| d["slug"] = json!("a".repeat(81)))),
        one("slug", "invalid_value")
    );
    assert_eq!(
        structural(with(
            |d| d["cost"] = json!({"one_off": {"amount": 1.0, "year": 3_000_000_000_i64}})
        )),
        one("cost.one_off.year", "invalid_value")
    );
    assert_eq!(
        structural(with(
            |d| d["cost"] = json!({"one_off": {"amount": 1.0, "year": 2020.0}})
        )),
        one("cost.one_off.year", "invalid_value")
    );
}

#[test]
fn dates_urls_and_ids_are_checked_by_the_parsers_serde_uses() {
    let algorithm = json!({
        "slug": "kk-gpt",
        "name": "KK-GPT",
        "purpose": "Giver medarbejdere en sikker AI-chat.",
        "owner": "101",
        "model_type": "general",
        "lifecycle": "pilot",
        // url::Url accepts what a browser would (spaces, æøå), which a strict URI check refuses.
        "source_code_url": "https://kode.kk.dk/sprogmodel æøå",
        "versions": [{"version": "1", "released": "2024-02-30"}, {"version": "2", "released": "2024-02-29"}],
        "meta": {"id": "not-a-uuid", "created_at": "2024-01-01T10:00:00Z"}
    });
    let reading = read::<Algorithm>(algorithm);
    assert_eq!(
        pairs(&reading.errors),
        [
            ("meta.id".to_owned(), "invalid_value".to_owned()),
            (
                "versions[0].released".to_owned(),
                "invalid_value".to_owned()
            ),
        ]
    );
}

#[test]
fn every_mistake_is_reported_at_once_with_the_rules_errors() {
    let doc = with(|d| {
        d.as_object_mut().map(|o| o.remove("summary"));
        d["title"] = json!("x");
        d["lifecycle"] = json!("running");
        d["colour"] = json!("blue");
        d["primary_category"] = json!("telepathy");
        d["owner"] = json!("Not A Code");
        d["started"] = json!(2020);
        d["results"] = json!([
            {"metric": "Tid", "value": "fast", "unit": "%"},
            {"metric": "Tid", "value": 1.0, "unit": "", "colour": 1},
            {"metric": "Tid", "value": 5.0, "value_max": 2.0, "unit": "%"}
        ]);
    });
    assert_eq!(
        checked(doc),
        [
            ("colour", "unknown_field"),
            ("lifecycle", "unknown_value"),
            // The neutral value put in place of a bad owner is not reported as unknown.
            ("owner", "invalid_value"),
            ("primary_category", "unknown_category"),
            ("results[0].value", "invalid_type"),
            ("results[1].colour", "unknown_field"),
            ("results[1].unit", "length"),
            ("results[2].value_max", "range_order"),
            ("started", "invalid_type"),
            ("summary", "missing_field"),
            ("title", "length"),
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
}

#[test]
fn a_field_with_a_structural_error_gets_no_rule_errors() {
    // `5` is no text, so its length is not reported as well.
    assert_eq!(
        checked(with(|d| d["title"] = json!(5))),
        one("title", "invalid_type")
    );
    // A bad list element is replaced in place: later elements keep their index.
    assert_eq!(
        checked(with(|d| d["domains"] = json!(["Bad Slug", "telepathy"]))),
        [
            ("domains[0]".to_owned(), "invalid_value".to_owned()),
            ("domains[1]".to_owned(), "unknown_domain".to_owned()),
        ]
    );
}

#[test]
fn reference_data_reads_the_same_way() {
    let category = json!({
        "slug": "perception",
        "number": 300,
        "name_da": "Perception",
        "name_en": "Perception",
        "definition_da": "Genkendelse af billeder og lyd.",
        "business_note": "Mange oplagte use cases.",
        "profile": {"model": "general", "data": "limited", "integration": "limited", "infrastructure": "iaas", "x": 1}
    });
    let result = read_checked(category, validate_category).map(|c: Category| c.slug);
    let errors = result.expect_err("invalid");
    assert_eq!(
        pairs(&errors),
        [
            ("number".to_owned(), "invalid_value".to_owned()),
            ("profile.x".to_owned(), "unknown_field".to_owned()),
        ]
    );
}

/// The schema check and serde agree: a document has structural errors exactly when serde
/// refuses it. (Were the schema stricter, valid documents would be refused; were it looser,
/// serde's fallback would report one field at a time.)
#[test]
fn the_schema_check_agrees_with_serde() {
    let cases: Vec<Value> = vec![
        valid(),
        with(|d| d["description"] = Value::Null),
        with(|d| d["partners"] = Value::Null),
        with(|d| d["started"] = json!("2020")),
        with(|d| d["results"][0]["value"] = json!(86)),
        with(|d| d["results"][0]["estimated"] = json!(true)),
        with(|d| d["ai_act"] = json!({})),
        with(|d| d["ai_act"] = json!({"class": "high", "justification": null})),
        with(|d| d["data"] = json!({"sources": ["ESDH"], "personal_data": true})),
        with(|d| d["links"] = json!([{"title": "Kode", "url": "http://x.dk/a b"}])),
        with(|d| d["links"] = json!([{"title": "Kode", "url": "mailto:a@b.dk"}])),
        with(|d| d["links"] = json!([{"title": "Kode", "url": "/relative"}])),
        with(|d| {
            d["meta"] = json!({"adopted_by": [{"organisation": "101", "adopted_on": "2024-03-01"}]})
        }),
        with(|d| {
            d["meta"] = json!({"adopted_by": [{"organisation": "101", "adopted_on": "1.3.2024"}]})
        }),
        with(|d| d["meta"] = json!({"updated_at": "2024-03-01"})),
        with(|d| d["contact"] = json!({})),
        with(|d| d["owner"] = json!("")),
        with(|d| d["secondary_categories"] = json!([])),
        with(
            |d| d["needs_profile"] = json!({"model": "hyperlocal", "data": "many_specific_varied", "integration": "embedded", "infrastructure": "heavy_realtime"}),
        ),
    ];
    for doc in cases {
        let serde_ok = serde_json::from_value::<UseCase>(doc.clone()).is_ok();
        let reading = read::<UseCase>(doc.clone());
        assert_eq!(
            serde_ok,
            reading.errors.is_empty(),
            "serde and the schema check disagree on {doc}: {}",
            reading.errors
        );
        assert_eq!(
            serde_ok,
            reading.value.is_some() && reading.errors.is_empty()
        );
    }
}

/// Issue 16, defect 10: control characters and bidirectional overrides are refused in every
/// text, line breaks and tabs in one-line fields, each as `invalid_value` at its field.
#[test]
fn control_characters_and_bidi_overrides_are_invalid_values_at_their_field() {
    for (field, text) in [
        ("/title", "Journalisering\u{202e}gnirilanruoj"),
        ("/title", "Journalisering\u{2066}x\u{2069}"),
        ("/title", "Journalisering\naf post"),
        ("/title", "Journalisering\taf post"),
        ("/title", "Journalisering\u{1b}[31m"),
        ("/title", "Journalisering\u{85}"),
        ("/summary", "Post\u{7}journaliseres"),
        ("/summary", "Post\r\njournaliseres"),
        ("/summary", "Post \u{202d}journaliseres"),
        ("/results/0/unit", "%\n"),
        ("/contact/name", "Team\u{8}"),
    ] {
        let doc = with(|d| {
            let mut at = &mut *d;
            for key in field.trim_start_matches('/').split('/') {
                at = match key.parse::<usize>() {
                    Ok(i) => &mut at[i],
                    Err(_) => &mut at[key],
                };
            }
            *at = json!(text);
        });
        let expected_field =
            field
                .trim_start_matches('/')
                .split('/')
                .fold(String::new(), |acc, step| match step.parse::<usize>() {
                    Ok(i) => format!("{acc}[{i}]"),
                    Err(_) if acc.is_empty() => step.to_owned(),
                    Err(_) => format!("{acc}.{step}"),
                });
        assert_eq!(
            checked(doc),
            one(&expected_field, "invalid_value"),
            "{text:?}"
        );
    }
    // Several lines, tabs, and the left-to-right and right-to-left marks stay allowed where a
    // text may have paragraphs.
    let doc = with(|d| {
        d["summary"] = json!("Første afsnit.\n\n\tAndet afsnit \u{200f}مرحبا\u{200e}.");
        d["title"] = json!("Journalisering af post \u{200f}مرحبا");
    });
    assert_eq!(checked(doc), []);
}
