//! Issue 16, defects 8 and 10 as the pages and downloads show them: security headers on every
//! response, HSTS only over https, and export links never built from forged forwarded headers.

use aikatalog_state::origin::PublicOrigin;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

const ANSWERS: [&str; 5] = [
    "/",
    "/soeg?q=aktindsigt",
    "/soeg.csv?q=aktindsigt",
    "/soeg.json?q=aktindsigt",
    "/findes-ikke",
];

#[actix_web::test]
async fn pages_and_downloads_forbid_sniffing_framing_and_foreign_content() {
    each_seeded_app(|app| async move {
        for uri in ANSWERS {
            let reply = app.get(uri).await;
            let csp = reply.header("content-security-policy").unwrap_or("");
            assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp:?}");
            assert!(csp.contains("default-src"), "{uri}: {csp:?}");
            assert_eq!(
                reply.header("x-content-type-options"),
                Some("nosniff"),
                "{uri}"
            );
            assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{uri}");
            assert!(reply.header("referrer-policy").is_some(), "{uri}");
            // Served over plain http (no public URL), so no HSTS.
            assert_eq!(reply.header("strict-transport-security"), None, "{uri}");
        }
        // The pages keep their own policy, which lets their own styles and scripts load.
        let page = app.get("/").await;
        let csp = page.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("style-src 'self'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        // A download is data: nothing in it may load or run.
        let csv = app.get("/soeg.csv?q=aktindsigt").await;
        let csp = csv.header("content-security-policy").unwrap_or("");
        assert!(csp.starts_with("default-src 'none'"), "{csp}");
    })
    .await;
}

#[actix_web::test]
async fn hsts_is_sent_when_the_public_url_is_https() {
    each_seeded(|db| async move {
        let https = url::Url::parse("https://ai-katalog.example.dk/").expect("url");
        let app = TestApp::with_origin(&db, PublicOrigin::new(Some(https), Vec::new())).await;
        for uri in ANSWERS.iter().chain(&["/api/v1/use-cases", "/docs/"]) {
            let hsts = app.get(uri).await;
            let hsts = hsts.header("strict-transport-security").unwrap_or("");
            assert!(hsts.starts_with("max-age="), "{uri}: {hsts:?}");
        }
    })
    .await;
}

#[actix_web::test]
async fn export_links_ignore_forwarded_headers_from_an_untrusted_client() {
    each_seeded_app(|app| async move {
        for uri in ["/soeg.csv?q=aktindsigt", "/soeg.json?q=aktindsigt"] {
            let reply = app
                .get(uri)
                .header(("Host", "katalog.example.dk"))
                .header(("X-Forwarded-Host", "evil.example"))
                .header(("X-Forwarded-Proto", "https"))
                .header(("Forwarded", "host=evil.example;proto=https"))
                .await;
            assert_eq!(reply.status, 200, "{uri}");
            assert!(
                !reply.body.contains("evil.example"),
                "{uri}: {}",
                reply.body
            );
            assert!(
                reply
                    .body
                    .contains("http://katalog.example.dk/use-cases/ai-aktindsigt-soenderborg"),
                "{uri}: {}",
                reply.body
            );
        }
    })
    .await;
}

#[actix_web::test]
async fn export_links_use_the_public_url_when_it_is_set() {
    each_seeded(|db| async move {
        let public = url::Url::parse("https://ai-katalog.example.dk/").expect("url");
        let app = TestApp::with_origin(&db, PublicOrigin::new(Some(public), Vec::new())).await;
        let reply = app
            .get("/soeg.json?q=aktindsigt")
            .header(("X-Forwarded-Host", "evil.example"))
            .await;
        assert!(!reply.body.contains("evil.example"), "{}", reply.body);
        assert!(
            reply
                .body
                .contains("https://ai-katalog.example.dk/use-cases/ai-aktindsigt-soenderborg"),
            "{}",
            reply.body
        );
    })
    .await;
}
