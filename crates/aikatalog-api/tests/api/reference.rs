//! The public read API: reference data, published entries, errors.

use crate::util::{app, seeded_databases};

#[actix_web::test]
async fn the_seeded_catalogue_is_readable() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let health = app.get("/healthz", None).await;
        assert_eq!(health.status, 200);
        assert_eq!(health.body["database"], "ok");
        // Some load balancers probe with HEAD.
        let probe = app
            .send(actix_web::http::Method::HEAD, "/healthz", None, None, None)
            .await;
        assert_eq!(probe.status, 200);

        let categories = app.get("/api/v1/categories", None).await;
        assert_eq!(categories.body["total"], 12);
        let perception = app.get("/api/v1/categories/perception", None).await;
        assert_eq!(perception.body["name_da"], "Perception");
        assert_eq!(perception.body["profile"]["model"], "hyperlocal");

        let municipalities = app
            .get("/api/v1/organisations?kind=municipality", None)
            .await;
        assert_eq!(municipalities.body["total"], 98);
        let norddjurs = app.get("/api/v1/organisations/707", None).await;
        assert_eq!(norddjurs.body["region"], "1082");
        let domains = app.get("/api/v1/domains", None).await;
        assert!(domains.body["total"].as_u64().unwrap_or(0) >= 12);

        let page = app.get("/api/v1/use-cases?limit=5&offset=0", None).await;
        assert_eq!(page.status, 200);
        assert!(page.body["total"].as_i64().unwrap_or(0) >= 25);
        assert_eq!(page.body["items"].as_array().map(Vec::len), Some(5));
        let next = app.get("/api/v1/use-cases?limit=5&offset=5", None).await;
        assert_ne!(page.body["items"][0]["slug"], next.body["items"][0]["slug"]);

        let sonderborg = app
            .get("/api/v1/use-cases/ai-aktindsigt-soenderborg", None)
            .await;
        assert_eq!(sonderborg.status, 200);
        assert_eq!(sonderborg.body["owner"], "540");
        let id = sonderborg.body["meta"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let by_id = app.get(&format!("/api/v1/use-cases/{id}"), None).await;
        assert_eq!(by_id.body["slug"], "ai-aktindsigt-soenderborg");

        let algorithms = app.get("/api/v1/algorithms", None).await;
        assert!(algorithms.body["total"].as_i64().unwrap_or(0) >= 8);
        let kk = app.get("/api/v1/algorithms/kk-gpt-sprogmodel", None).await;
        assert_eq!(kk.body["meta"]["used_by"][0], "kk-gpt-koebenhavn");
    }
}

#[actix_web::test]
async fn errors_are_problem_details_with_stable_codes() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let missing = app.get("/api/v1/use-cases/does-not-exist", None).await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.code(), "not_found");
        assert_eq!(
            missing
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        assert_eq!(
            app.get("/api/v1/categories/nope", None).await.code(),
            "not_found"
        );
        assert_eq!(app.get("/api/v1/nowhere", None).await.code(), "no_route");
        let bad_limit = app.get("/api/v1/use-cases?limit=1000", None).await;
        assert_eq!(
            (bad_limit.status.as_u16(), bad_limit.code()),
            (400, "invalid_parameter")
        );
        assert_eq!(
            app.get("/api/v1/use-cases?limit=abc", None).await.status,
            400
        );
        let bad_kind = app.get("/api/v1/organisations?kind=planet", None).await;
        assert!(
            bad_kind.body["detail"]
                .as_str()
                .unwrap_or("")
                .contains("municipality")
        );
    }
}
