//! Unknown addresses, static files and the headers every page carries.

use actix_web::http::Method;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

use crate::util::PageText;

#[actix_web::test]
async fn unknown_addresses_get_the_sites_own_page_and_the_api_keeps_json() {
    each_seeded_app(|app| async move {
        for (uri, lang) in [
            ("/findes-ikke", "da"),
            ("/use-cases", "da"),
            ("/kategorier/a/b", "da"),
            ("/static/nothing.css", "da"),
            ("/en/nothing", "en"),
            ("/en/use-cases/x/y", "en"),
        ] {
            let page = app.get(uri).await;
            assert_eq!(page.status, 404, "{uri}");
            assert!(page.content_type().starts_with("text/html"), "{uri}");
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\">")),
                "{uri}"
            );
        }
        app.get("/en/nothing")
            .await
            .shows(&["Page not found", "To the front page"]);
        app.get("/findes-ikke")
            .await
            .shows(&["Siden findes ikke", "Til forsiden"]);
        // The API keeps its own problem+json answers, in and beside its version.
        for uri in ["/api/v1/nowhere", "/api/nowhere", "/api"] {
            let api = app.get(uri).await;
            assert_eq!(api.status, 404, "{uri}");
            assert_eq!(api.content_type(), "application/problem+json", "{uri}");
            assert_eq!(api.code(), "no_route", "{uri}");
        }
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
async fn a_trailing_slash_leads_to_the_address_without_it() {
    each_seeded_app(|app| async move {
        for (uri, target) in [
            ("/algoritmer/", "/algoritmer"),
            ("/soeg/?q=chatbot&side=2", "/soeg?q=chatbot&side=2"),
            ("/en/municipalities/", "/en/municipalities"),
            ("/kommuner/707/", "/kommuner/707"),
        ] {
            let reply = app.get(uri).await;
            assert_eq!(reply.status, 308, "{uri}");
            assert_eq!(reply.header("location"), Some(target), "{uri}");
            app.page(target).await;
        }
        // The front pages keep their slash, and a path of slashes leads nowhere else.
        app.page("/").await;
        app.page("/en/").await;
        let reply = app.get("//evil.example/").await;
        assert_ne!(reply.status, 308, "{:?}", reply.header("location"));
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
        let css = app.get(&linked(&page.body, "stylesheet")).await;
        assert_eq!(css.status, 200);
        assert!(css.content_type().starts_with("text/css"));
        assert!(!css.body.contains("@import") && !css.body.contains("url("));
        let js = app.get(&linked(&page.body, "script")).await;
        assert!(js.content_type().starts_with("text/javascript"));
        assert!(!js.body.contains("http"));
    })
    .await;
}

/// The address of the page's stylesheet or script.
fn linked(html: &str, kind: &str) -> String {
    let attribute = if kind == "script" {
        "<script src=\""
    } else {
        "<link rel=\"stylesheet\" href=\""
    };
    let start = html
        .find(attribute)
        .unwrap_or_else(|| panic!("no {kind} linked"))
        + attribute.len();
    html[start..start + html[start..].find('"').expect("a closing quote")].to_owned()
}

#[actix_web::test]
async fn static_files_have_hashed_names_cached_for_a_year() {
    each_seeded_app(|app| async move {
        let page = app.page("/en/").await;
        for (kind, extension) in [("stylesheet", ".css"), ("script", ".js")] {
            let href = linked(&page.body, kind);
            // /static/style.0123abcd.css: the name changes with the bytes.
            let name = href.trim_start_matches("/static/");
            let parts: Vec<&str> = name.split('.').collect();
            assert_eq!(parts.len(), 3, "{href}");
            assert!(
                parts[1].len() == 8 && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
                "{href}"
            );
            assert!(href.ends_with(extension), "{href}");
            let file = app.get(&href).await;
            assert_eq!(file.status, 200, "{href}");
            assert_eq!(
                file.header("cache-control"),
                Some("public, max-age=31536000, immutable"),
                "{href}"
            );
            let head = app.request(Method::HEAD, &href).await;
            assert_eq!(head.status, 200, "HEAD {href}");
        }
        // The fixed names of before are gone, so no page can link a stale file.
        for old in ["/static/style.css", "/static/app.js"] {
            assert_eq!(app.get(old).await.status, 404, "{old}");
        }
    })
    .await;
}

#[actix_web::test]
async fn pages_json_and_csv_are_compressed_as_the_client_accepts() {
    each_seeded_app(|app| async move {
        for uri in [
            "/",
            "/en/search?q=chatbot",
            "/soeg.csv",
            "/api/v1/use-cases",
        ] {
            let plain = app.get(uri).await;
            assert_eq!(plain.status, 200, "{uri}");
            assert_eq!(plain.header("content-encoding"), None, "{uri}");
            for encoding in ["br", "gzip"] {
                let packed = app.get(uri).header(("accept-encoding", encoding)).await;
                assert_eq!(packed.status, 200, "{uri}");
                assert_eq!(packed.header("content-encoding"), Some(encoding), "{uri}");
                assert!(
                    packed
                        .header("vary")
                        .unwrap_or("")
                        .contains("accept-encoding"),
                    "{uri}: {:?}",
                    packed.header("vary")
                );
                // Read as lossy text, compressed bytes grow (each invalid byte becomes a
                // three-byte replacement character); smaller even so, they are smaller still.
                assert!(
                    packed.body.len() < plain.body.len(),
                    "{uri} in {encoding}: {} bytes of {}",
                    packed.body.len(),
                    plain.body.len()
                );
            }
        }
    })
    .await;
}

#[actix_web::test]
async fn pages_answer_503_with_their_own_page_when_the_database_cannot_be_reached() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        app.page("/").await;
        // Every connection taken: the pool cannot hand one out, as when the server is down or
        // refuses connections. The pool gives up after its connection timeout (5 s).
        let mut held = Vec::new();
        while let Ok(conn) = db.db.conn() {
            held.push(conn);
        }
        let (da, en, api) = futures_util::join!(
            app.get("/kommuner").send(),
            app.get("/en/search?q=chatbot").send(),
            app.get("/api/v1/use-cases").send(),
        );
        for (page, lang, heading) in [
            (&da, "da", "Kataloget er midlertidigt utilgængeligt"),
            (&en, "en", "The catalogue is temporarily unavailable"),
        ] {
            assert_eq!(page.status, 503, "{lang}: {}", page.body);
            assert!(page.content_type().starts_with("text/html"), "{lang}");
            assert!(page.header("retry-after").is_some(), "{lang}");
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\">")),
                "{lang}"
            );
            page.shows(&[heading]);
            // Nothing of the cause reaches the reader.
            page.does_not_show(&["postgres", "sqlite", "pool", "timed out"]);
        }
        assert_eq!(api.status, 503, "{}", api.body);
        drop(held);
        app.page("/kommuner").await;
    })
    .await;
}
