//! Unknown addresses, static files and the headers every page carries.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn unknown_pages_get_html_and_unknown_api_paths_json() {
    each_seeded_app(|app| async move {
        for uri in [
            "/en/nowhere",
            "/en/use-cases/x/y",
            "/kategorier/a/b",
            "/kommuner/",
        ] {
            let page = app.get(uri).await;
            assert_eq!(page.status, 404, "{uri}");
            assert!(page.content_type().starts_with("text/html"), "{uri}");
        }
        app.get("/en/nowhere")
            .await
            .shows(&["Page not found", "To the front page"]);
        app.get("/kategorier/a/b")
            .await
            .shows(&["Siden findes ikke", "Til forsiden"]);
        // The API keeps its own problem+json answers.
        let api = app.get("/api/v1/nowhere").await;
        assert_eq!(api.status, 404);
        assert!(api.content_type().starts_with("application/problem+json"));
        // And the API's use case JSON, which each page links to, is there.
        assert_eq!(
            app.get("/api/v1/use-cases/ai-aktindsigt-soenderborg")
                .await
                .status,
            200
        );
    })
    .await;
}

#[actix_web::test]
async fn pages_carry_safe_headers_and_load_nothing_from_elsewhere() {
    each_seeded_app(|app| async move {
        let page = app.page("/").await;
        let csp = page
            .headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert_eq!(
            page.headers
                .get("content-language")
                .and_then(|v| v.to_str().ok()),
            Some("da")
        );
        assert!(!page.body.contains("http://") && !page.body.contains("https://"));
        let css = app.get("/static/style.css").await;
        assert_eq!(css.status, 200);
        assert!(css.content_type().starts_with("text/css"));
        assert!(!css.body.contains("@import") && !css.body.contains("url("));
        let js = app.get("/static/app.js").await;
        assert!(js.content_type().starts_with("text/javascript"));
        assert!(!js.body.contains("http"));
    })
    .await;
}
