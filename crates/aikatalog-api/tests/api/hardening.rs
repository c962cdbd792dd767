//! Issue 16, defect 10 as the API shows it: security headers on the API's JSON, its problems,
//! the OpenAPI document and Swagger UI.

use aikatalog_testing::each_seeded_app;

#[actix_web::test]
async fn every_api_answer_carries_the_security_headers() {
    each_seeded_app(|app| async move {
        for uri in [
            "/api/v1/use-cases",
            "/api/v1/use-cases/findes-ikke",
            "/api/v1/openapi.json",
            "/healthz",
            "/docs/",
        ] {
            let reply = app.get(uri).await;
            assert_eq!(
                reply.header("x-content-type-options"),
                Some("nosniff"),
                "{uri}"
            );
            assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{uri}");
            assert!(reply.header("referrer-policy").is_some(), "{uri}");
            let csp = reply.header("content-security-policy").unwrap_or("");
            assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp:?}");
            assert_eq!(reply.header("strict-transport-security"), None, "{uri}");
        }
        let json = app.get("/api/v1/use-cases").await;
        let csp = json.header("content-security-policy").unwrap_or("");
        assert!(csp.starts_with("default-src 'none'"), "{csp}");
        // Swagger UI runs its own scripts and styles and calls the API from the page.
        let docs = app.get("/docs/").await;
        assert_eq!(docs.status, 200);
        let csp = docs.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"),
            "{csp}"
        );
    })
    .await;
}
