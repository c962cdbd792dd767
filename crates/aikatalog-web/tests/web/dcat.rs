//! The DCAT-AP 3.0 description at `/dcat.jsonld`: JSON-LD a harvester can read without
//! fetching anything (every prefix defined inline), the classes DCAT-AP names, each with the
//! properties DCAT-AP 3.0 makes mandatory, and links that lead somewhere.

use aikatalog_testing::each_seeded_app;
use serde_json::{Map, Value};

use crate::util::{PageText, tags_with};

/// DCAT-AP 3.0's mandatory properties per class (Catalogue: description, publisher, title;
/// Dataset: description, title; Distribution: access URL; Data Service: endpoint URL, title;
/// Agent: name), and what this catalogue adds as required of itself (datasets, themes, spatial
/// coverage, languages, media types).
const MANDATORY: [(&str, &[&str]); 5] = [
    (
        "dcat:Catalog",
        &[
            "dcterms:title",
            "dcterms:description",
            "dcterms:publisher",
            "dcat:dataset",
            "dcat:service",
            "dcterms:spatial",
            "dcterms:language",
            "dcat:themeTaxonomy",
            "foaf:homepage",
        ],
    ),
    (
        "dcat:Dataset",
        &[
            "dcterms:title",
            "dcterms:description",
            "dcat:distribution",
            "dcat:theme",
            "dcterms:spatial",
            "dcterms:publisher",
        ],
    ),
    (
        "dcat:Distribution",
        &["dcat:accessURL", "dcat:mediaType", "dcterms:format"],
    ),
    (
        "dcat:DataService",
        &["dcat:endpointURL", "dcterms:title", "dcat:servesDataset"],
    ),
    ("foaf:Agent", &["foaf:name"]),
];

const PREFIXES: [(&str, &str); 4] = [
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// Every node object (a JSON object with `@type`) in the document.
fn nodes<'a>(value: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    match value {
        Value::Object(object) => {
            if object.contains_key("@type") {
                out.push(object);
            }
            object.values().for_each(|v| nodes(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| nodes(v, out)),
        _ => {}
    }
}

/// Every key and `@type` uses a prefix the context defines (so it expands to an IRI), and
/// every value is a language-tagged or typed literal, an `{"@id"}` reference or a node.
fn check_terms(value: &Value, context: &Map<String, Value>) {
    match value {
        Value::Object(object) => {
            for (key, v) in object {
                if key.starts_with('@') {
                    if key == "@type" {
                        let (prefix, _) = v
                            .as_str()
                            .and_then(|t| t.split_once(':'))
                            .expect("a prefixed type");
                        assert!(
                            context.contains_key(prefix),
                            "type prefix {prefix} undefined"
                        );
                    }
                    if key == "@id" {
                        let iri = v.as_str().expect("an IRI");
                        assert!(
                            iri.starts_with("http://") || iri.starts_with("https://"),
                            "{iri} is not absolute"
                        );
                    }
                    continue;
                }
                let (prefix, _) = key
                    .split_once(':')
                    .unwrap_or_else(|| panic!("{key} has no prefix"));
                assert!(
                    context.contains_key(prefix),
                    "prefix {prefix} of {key} undefined"
                );
                let values = match v {
                    Value::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                for v in values {
                    assert!(
                        v.is_object(),
                        "{key}: {v} is a plain value, with no language or type"
                    );
                    check_terms(v, context);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| check_terms(v, context)),
        _ => {}
    }
}

fn has_both_languages(value: &Value) -> bool {
    let languages: Vec<&str> = value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["@language"].as_str())
        .collect();
    languages.contains(&"da") && languages.contains(&"en")
}

#[actix_web::test]
async fn the_catalogue_is_described_in_dcat_ap_as_json_ld() {
    each_seeded_app(|app| async move {
        // Announced on every page and linked from the API page.
        let home = app.page("/").await;
        assert!(
            tags_with(&home.body, "application/ld+json")
                .iter()
                .any(|t| t.starts_with("link rel=\"alternate\"")
                    && t.contains("href=\"/dcat.jsonld\"")),
            "no <link rel=alternate> to the description"
        );
        assert!(
            app.page("/api-dokumentation")
                .await
                .links()
                .iter()
                .any(|l| l == "/dcat.jsonld")
        );
        assert!(
            app.page("/en/api-documentation")
                .await
                .links()
                .iter()
                .any(|l| l == "/dcat.jsonld")
        );

        let reply = app.get("/dcat.jsonld").await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type(), "application/ld+json");
        let doc: Value = serde_json::from_str(&reply.body).expect("JSON");
        let context = doc["@context"].as_object().expect("an inline @context");
        for (prefix, iri) in PREFIXES {
            assert_eq!(context[prefix], iri, "the {prefix} prefix");
        }
        check_terms(&doc, context);

        assert_eq!(doc["@type"], "dcat:Catalog");
        let mut all = Vec::new();
        nodes(&doc, &mut all);
        let of_type = |t: &str| -> Vec<&Map<String, Value>> {
            all.iter().copied().filter(|n| n["@type"] == t).collect()
        };
        for (class, properties) in MANDATORY {
            let found = of_type(class);
            assert!(!found.is_empty(), "no {class}");
            for node in found {
                for p in properties {
                    assert!(
                        node.contains_key(*p),
                        "a {class} ({}) lacks {p}",
                        node.get("@id").unwrap_or(&Value::Null)
                    );
                }
            }
        }
        // Titles and descriptions in Danish and English; publisher KL; Denmark.
        assert!(has_both_languages(&doc["dcterms:title"]));
        assert!(has_both_languages(&doc["dcterms:description"]));
        assert_eq!(doc["dcterms:publisher"]["@id"], "https://www.kl.dk/");
        assert!(has_both_languages(&doc["dcterms:publisher"]["foaf:name"]));
        assert_eq!(
            doc["dcterms:spatial"]["@id"],
            "http://publications.europa.eu/resource/authority/country/DNK"
        );
        for dataset in of_type("dcat:Dataset") {
            assert!(has_both_languages(&dataset["dcterms:title"]));
            assert!(has_both_languages(&dataset["dcterms:description"]));
        }
        assert_eq!(of_type("dcat:Dataset").len(), 2);
        assert_eq!(doc["dcterms:modified"]["@type"], "xsd:dateTime");

        // The downloads are there, as CSV and JSON, and answer; the exports are named per
        // format.
        let access: Vec<String> = of_type("dcat:Distribution")
            .iter()
            .filter_map(|d| d["dcat:accessURL"]["@id"].as_str().map(str::to_owned))
            .collect();
        for path in [
            "/use-cases.csv",
            "/use-cases.json",
            "/algoritmer.csv",
            "/algoritmer.json",
            "/api/v1/use-cases",
            "/api/v1/algorithms",
        ] {
            let url = access
                .iter()
                .find(|a| a.ends_with(path))
                .unwrap_or_else(|| panic!("no distribution at {path}: {access:?}"));
            let local = &url[url.find(path).expect("the path")..];
            assert_eq!(app.get(local).await.status, 200, "{local}");
        }
        for format in [
            "nl-algoritmeregister",
            "uk-atrs",
            "eurocities",
            "us-omb",
            "jrc-ai-watch",
            "cz-dia",
        ] {
            assert!(
                access
                    .iter()
                    .any(|a| a.ends_with(&format!("/api/v1/exports/{format}"))),
                "no export in {format}"
            );
        }
        let service = &of_type("dcat:DataService")[0];
        assert!(
            service["dcat:endpointURL"]["@id"]
                .as_str()
                .is_some_and(|u| u.ends_with("/api/v1"))
        );
        let description = service["dcat:endpointDescription"]["@id"]
            .as_str()
            .expect("the OpenAPI document");
        let local = &description[description.find("/api/").expect("an API path")..];
        assert_eq!(app.get(local).await.status, 200);
    })
    .await;
}
