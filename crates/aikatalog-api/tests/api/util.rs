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

/// Changes a published entry (`uri` like `/api/v1/use-cases/slug`) by a merge patch and
/// publishes the change as a curator, which must succeed; returns the published document.
pub async fn publish_change(app: &TestApp, uri: &str, patch: Value) -> Value {
    let current = app.get(uri).as_curator().await;
    assert_eq!(current.status, 200, "{uri}: {:?}", current.json);
    let patched = app
        .patch(uri)
        .as_curator()
        .if_match(current.etag.as_deref())
        .json(patch)
        .await;
    assert_eq!(patched.status, 200, "{uri}: {:?}", patched.json);
    let published = app
        .post(&format!("{uri}/publish"))
        .as_curator()
        .if_match(patched.etag.as_deref())
        .await;
    assert_eq!(published.status, 200, "{uri}: {:?}", published.json);
    published.json
}
