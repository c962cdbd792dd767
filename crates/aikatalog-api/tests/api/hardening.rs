//! Issue 16, defect 10 as the API shows it: security headers on the API's JSON, its problems,
//! the OpenAPI document and Swagger UI; bodies that must say they are JSON.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::editor;

use crate::util::{create_use_case, new_use_case};

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

/// A JSON body must say it is JSON; before, one sent as text or a form was read as JSON anyway.
#[actix_web::test]
async fn a_body_not_sent_as_json_is_refused_with_415() {
    each_seeded_app(|app| async move {
        let body = serde_json::to_vec(&new_use_case("uden-indholdstype", "707")).expect("JSON");
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            let mut request = app
                .post("/api/v1/use-cases")
                .as_editor("707")
                .raw_body(body.clone());
            if let Some(content_type) = content_type {
                request = request.header(("Content-Type", content_type));
            }
            let reply = request.await;
            assert_eq!(reply.status, 415, "{content_type:?}: {:?}", reply.json);
            assert_eq!(reply.code(), "unsupported_media_type", "{content_type:?}");
            assert_eq!(reply.content_type(), "application/problem+json");
            assert!(
                reply.json["detail"]
                    .as_str()
                    .unwrap_or("")
                    .contains("application/json"),
                "{:?}",
                reply.json
            );
        }
        let nothing_stored = app
            .get("/api/v1/use-cases/uden-indholdstype")
            .as_editor("707")
            .await;
        assert_eq!(nothing_stored.status, 404);

        let curated = app
            .put("/api/v1/categories/ny-kategori")
            .as_curator()
            .raw_body(r#"{"slug":"ny-kategori"}"#)
            .await;
        assert_eq!(curated.status, 415, "{:?}", curated.json);

        // A transition's note too; an empty body, without a type, still needs none.
        let created = create_use_case(&app, &editor("707"), "note-som-tekst", "707").await;
        let note = app
            .post("/api/v1/use-cases/note-som-tekst/submit")
            .as_editor("707")
            .raw_body(r#"{"message":"klar"}"#)
            .header(("Content-Type", "text/plain"))
            .await;
        assert_eq!(note.status, 415, "{:?}", note.json);
        let bare = app
            .post("/api/v1/use-cases/note-som-tekst/submit")
            .as_editor("707")
            .if_match(created.etag.as_deref())
            .await;
        assert_eq!(bare.status, 200, "{:?}", bare.json);
    })
    .await;
}

/// A very long query string is refused with a problem that says the limit (before, a 100 KB
/// one got the HTTP parser's bare 400; the in-process app sees what our code answers).
#[actix_web::test]
async fn an_overlong_query_string_is_refused_saying_the_limit() {
    each_seeded_app(|app| async move {
        let long = "a".repeat(20 * 1024);
        let reply = app.get(&format!("/api/v1/use-cases?q={long}")).await;
        assert_eq!(reply.status, 414, "{:?}", reply.json);
        assert_eq!(reply.code(), "uri_too_long");
        assert_eq!(reply.content_type(), "application/problem+json");
        let detail = reply.json["detail"].as_str().unwrap_or("");
        assert!(detail.contains("16384"), "{detail}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));

        let page = app.get(&format!("/soeg?q={long}")).await;
        assert_eq!(page.status, 414);
        assert!(page.content_type().starts_with("text/html"));
        assert!(page.body.contains("16384"), "{}", page.body);

        // Long but within the URI limit reaches the search, which applies its own, lower limit
        // on the query.
        let within = app
            .get(&format!("/api/v1/use-cases?q={}", "a".repeat(8 * 1024)))
            .await;
        assert_eq!(within.status, 400, "{:?}", within.json);
        assert_eq!(within.code(), "query_too_long");
    })
    .await;
}
