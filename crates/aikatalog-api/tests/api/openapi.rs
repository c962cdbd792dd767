//! The OpenAPI contract: the committed copy is what the routing generates and what is served.

use aikatalog_testing::{Backend, TestApp, seeded};
use std::path::Path;

const REGENERATE: &str = "cargo run -p aikatalog -- openapi > openapi/openapi.json";

fn committed() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `{REGENERATE}`", path.display()))
}

#[test]
fn the_committed_spec_is_the_generated_one() {
    let generated = aikatalog_api::openapi().to_pretty_json().expect("renders");
    // The command prints with a final newline.
    assert!(
        committed().trim_end() == generated.trim_end(),
        "openapi/openapi.json is out of date with the routes; regenerate it with `{REGENERATE}`"
    );
}

#[test]
fn every_operation_is_described_and_errors_are_documented() {
    let spec: serde_json::Value = serde_json::from_str(&committed()).expect("JSON");
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            operations += 1;
            let what = format!("{method} {path}");
            assert!(op["operationId"].is_string(), "{what} has no operationId");
            assert!(
                op["summary"].is_string() || op["description"].is_string(),
                "{what} is undescribed"
            );
            let responses = op["responses"].as_object().expect("responses");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{what} has no success response"
            );
            if op.get("requestBody").is_some() {
                assert!(
                    responses.contains_key("415"),
                    "{what} takes a body but does not document 415"
                );
            }
            let writes = method != "get";
            if writes {
                assert!(
                    responses.contains_key("401"),
                    "{what} does not document 401"
                );
                assert!(
                    op["security"].is_array(),
                    "{what} does not name its security"
                );
            }
        }
    }
    assert!(operations >= 40, "only {operations} operations");
}

#[actix_web::test]
async fn the_spec_and_swagger_ui_are_served() {
    // One backend is enough: neither the spec nor the UI reads the database.
    for db in [seeded(Backend::Sqlite)] {
        let app = TestApp::new(&db).await;
        let served = app.get("/api/v1/openapi.json").await;
        assert_eq!(served.status, 200);
        let committed: serde_json::Value = serde_json::from_str(&committed()).expect("JSON");
        assert_eq!(
            served.json, committed,
            "the served spec differs from openapi/openapi.json"
        );
        let bare = app.get("/docs").await;
        assert!(
            bare.status.is_redirection(),
            "/docs does not lead to the UI"
        );
        let ui = app.get("/docs/").await;
        assert_eq!(ui.status, 200);
        assert!(
            ui.json.as_str().unwrap_or("").contains("swagger"),
            "no Swagger UI page"
        );
        let asset = app.get("/docs/swagger-ui-bundle.js").await;
        assert_eq!(asset.status, 200, "Swagger UI assets are not bundled");
    }
}
