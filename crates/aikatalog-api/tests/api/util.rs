//! Helpers of the API tests beyond the shared harness (`aikatalog_testing`): a valid new use
//! case, and creating one.

use aikatalog_testing::{TestApp, TestResponse};
use serde_json::Value;

/// Creates a draft use case as `token`'s caller, which must succeed.
pub async fn create_use_case(app: &TestApp, token: &str, slug: &str, owner: &str) -> TestResponse {
    let created = app
        .post("/api/v1/use-cases")
        .bearer(token)
        .json(new_use_case(slug, owner))
        .await;
    assert_eq!(created.status, 201, "creating {slug}: {:?}", created.json);
    created
}

/// A valid new use case owned by `owner`.
pub fn new_use_case(slug: &str, owner: &str) -> Value {
    serde_json::json!({
        "slug": slug,
        "title": "Automatisk journalisering af post",
        "summary": "Indgående post journaliseres automatisk på den rigtige sag.",
        "owner": owner,
        "domains": ["administration"],
        "primary_category": "intelligent-automation",
        "lifecycle": "pilot",
        "results": [{"metric": "Andel journaliseret automatisk", "value": 70.0, "unit": "%"}],
        "contact": {"name": "Digitaliseringsteamet", "email": "digitalisering@example.dk"}
    })
}
