//! The public read API: reference data, published entries, errors.

use aikatalog_testing::each_seeded_app;

#[actix_web::test]
async fn the_seeded_catalogue_is_readable() {
    each_seeded_app(|app| async move {
        let health = app.get("/healthz").await;
        assert_eq!(health.status, 200);
        assert_eq!(health.json["database"], "ok");
        // Some load balancers probe with HEAD.
        let probe = app.request(actix_web::http::Method::HEAD, "/healthz").await;
        assert_eq!(probe.status, 200);

        let categories = app.get("/api/v1/categories").await;
        assert_eq!(categories.json["total"], 12);
        let perception = app.get("/api/v1/categories/perception").await;
        assert_eq!(perception.json["name_da"], "Perception");
        assert_eq!(perception.json["profile"]["model"], "hyperlocal");

        let municipalities = app.get("/api/v1/organisations?kind=municipality").await;
        assert_eq!(municipalities.json["total"], 98);
        let norddjurs = app.get("/api/v1/organisations/707").await;
        assert_eq!(norddjurs.json["region"], "1082");
        let domains = app.get("/api/v1/domains").await;
        assert!(domains.json["total"].as_u64().unwrap_or(0) >= 12);

        let page = app.get("/api/v1/use-cases?limit=5&offset=0").await;
        assert_eq!(page.status, 200);
        assert!(page.json["total"].as_i64().unwrap_or(0) >= 25);
        assert_eq!(page.json["items"].as_array().map(Vec::len), Some(5));
        let next = app.get("/api/v1/use-cases?limit=5&offset=5").await;
        assert_ne!(page.json["items"][0]["slug"], next.json["items"][0]["slug"]);

        let sonderborg = app.get("/api/v1/use-cases/ai-aktindsigt-soenderborg").await;
        assert_eq!(sonderborg.status, 200);
        assert_eq!(sonderborg.json["owner"], "540");
        let id = sonderborg.json["meta"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let by_id = app.get(&format!("/api/v1/use-cases/{id}")).await;
        assert_eq!(by_id.json["slug"], "ai-aktindsigt-soenderborg");

        let algorithms = app.get("/api/v1/algorithms").await;
        assert!(algorithms.json["total"].as_i64().unwrap_or(0) >= 8);
        let kk = app.get("/api/v1/algorithms/kk-gpt-sprogmodel").await;
        assert_eq!(kk.json["meta"]["used_by"][0], "kk-gpt-koebenhavn");
    })
    .await;
}

#[actix_web::test]
async fn errors_are_problem_details_with_stable_codes() {
    each_seeded_app(|app| async move {
        let missing = app.get("/api/v1/use-cases/does-not-exist").await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.code(), "not_found");
        assert_eq!(
            missing
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        assert_eq!(app.get("/api/v1/categories/nope").await.code(), "not_found");
        assert_eq!(app.get("/api/v1/nowhere").await.code(), "no_route");
        let bad_limit = app.get("/api/v1/use-cases?limit=1000").await;
        assert_eq!(
            (bad_limit.status.as_u16(), bad_limit.code()),
            (400, "invalid_parameter")
        );
        assert_eq!(app.get("/api/v1/use-cases?limit=abc").await.status, 400);
        let bad_kind = app.get("/api/v1/organisations?kind=planet").await;
        assert!(
            bad_kind.json["detail"]
                .as_str()
                .unwrap_or("")
                .contains("municipality")
        );
    })
    .await;
}
