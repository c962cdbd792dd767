//! The published JSON Schemas: a client that checks a document with them gets the answer the
//! API would give, for a seed document and for a broken one.

use aikatalog_testing::each_seeded_app;
use serde_json::Value;

/// A seed file as the JSON document the API takes.
fn seed_document(path: &str) -> Value {
    let file = format!("{}/../../seed-data/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let value: toml::Value = toml::from_str(&text).expect("the seed file is TOML");
    serde_json::to_value(value).expect("TOML is JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).expect("the served schema compiles")
}

#[actix_web::test]
async fn seed_documents_validate_against_the_served_schemas_and_broken_ones_do_not() {
    each_seeded_app(|app| async move {
        let index = app.get("/api/v1/schemas").await;
        assert_eq!(index.status, 200);
        let hrefs: Vec<&str> = index.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["href"].as_str())
            .collect();
        assert_eq!(hrefs.len(), 2, "{}", index.json);
        assert!(
            hrefs
                .iter()
                .any(|h| h.ends_with("/api/v1/schemas/use-case.json"))
        );
        assert!(
            hrefs
                .iter()
                .any(|h| h.ends_with("/api/v1/schemas/algorithm.json"))
        );

        let served = app.get("/api/v1/schemas/use-case.json").await;
        assert_eq!(served.status, 200);
        assert_eq!(served.content_type(), "application/schema+json");
        assert_eq!(
            served.json["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let use_case = validator(&served.json);
        let good = seed_document("use-cases/ai-aktindsigt-soenderborg.toml");
        assert!(
            use_case.is_valid(&good),
            "{:?}",
            use_case
                .iter_errors(&good)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );
        // What the API returns for it too.
        let returned = app.get("/api/v1/use-cases/ai-aktindsigt-soenderborg").await;
        assert!(
            use_case.is_valid(&returned.json),
            "{:?}",
            use_case
                .iter_errors(&returned.json)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );

        let mut no_title = good.clone();
        no_title.as_object_mut().expect("object").remove("title");
        assert!(
            !use_case.is_valid(&no_title),
            "a use case without a title passed"
        );
        let mut bad_stage = good.clone();
        bad_stage["lifecycle"] = "flying".into();
        assert!(!use_case.is_valid(&bad_stage), "an unknown stage passed");
        let mut unknown = good.clone();
        unknown["colour"] = "blue".into();
        assert!(!use_case.is_valid(&unknown), "an unknown field passed");
        // The API refuses the same document, as the schema said.
        let refused = app
            .put("/api/v1/use-cases/ai-aktindsigt-soenderborg")
            .as_curator()
            .json(&bad_stage)
            .await;
        assert!(refused.status.is_client_error(), "{}", refused.status);

        let served = app.get("/api/v1/schemas/algorithm.json").await;
        assert_eq!(served.status, 200);
        let algorithm = validator(&served.json);
        let good = seed_document("algorithms/aktindsigt-soeg-og-overstreg.toml");
        assert!(
            algorithm.is_valid(&good),
            "{:?}",
            algorithm
                .iter_errors(&good)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );
        let mut broken = good.clone();
        broken["model_type"] = 7.into();
        assert!(
            !algorithm.is_valid(&broken),
            "a number for the model type passed"
        );
        // A use case is not an algorithm.
        assert!(!algorithm.is_valid(&seed_document("use-cases/ai-aktindsigt-soenderborg.toml")));
    })
    .await;
}
