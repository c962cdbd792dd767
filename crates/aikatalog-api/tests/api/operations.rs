//! Running the service: the request id, `/readyz`, `/metrics`, CORS and rate limits, with the
//! middleware `aikatalog serve` mounts (`TestApp` mounts the same).

use std::num::NonZeroU32;

use aikatalog_api::ops::{CorsOrigins, Operations, RateLimitConfig};
use aikatalog_testing::tokens::editor;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

use crate::util::{create_use_case, new_use_case};

// --- Request id ---------------------------------------------------------------------------------

#[actix_web::test]
async fn a_sane_request_id_is_echoed_and_named_in_problem_bodies() {
    each_seeded_app(|app| async move {
        let ok = app
            .get("/api/v1/categories")
            .header(("X-Request-Id", "lb-7f3a:42"))
            .await;
        assert_eq!(ok.status, 200);
        assert_eq!(ok.header("x-request-id"), Some("lb-7f3a:42"));

        let missing = app
            .get("/api/v1/use-cases/findes-ikke")
            .header(("X-Request-Id", "sag-123"))
            .await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.json["request_id"], "sag-123", "{:?}", missing.json);
        assert_eq!(missing.header("x-request-id"), Some("sag-123"));
    })
    .await;
}

#[actix_web::test]
async fn an_unsafe_or_missing_request_id_is_replaced_by_a_new_one() {
    each_seeded_app(|app| async move {
        for sent in [
            None,
            Some("<script>alert(1)</script>"),
            Some(&*"x".repeat(200)),
        ] {
            let mut request = app.get("/api/v1/no-such-route");
            if let Some(sent) = sent {
                request = request.header(("X-Request-Id", sent));
            }
            let r = request.await;
            let id = r.header("x-request-id").expect("an id").to_owned();
            assert_ne!(Some(id.as_str()), sent);
            let uuid = uuid::Uuid::parse_str(&id).expect("a UUID");
            assert_eq!(uuid.get_version_num(), 7, "{id}");
            assert_eq!(r.json["request_id"], id.as_str(), "{:?}", r.json);
        }
        // Errors from the middleware in front of the handlers carry it too.
        let bad_token = app.get("/api/v1/use-cases").bearer("not-a-jwt").await;
        assert_eq!(bad_token.status, 401);
        assert!(
            bad_token.json["request_id"].is_string(),
            "{:?}",
            bad_token.json
        );
    })
    .await;
}

// --- Readiness ----------------------------------------------------------------------------------

#[actix_web::test]
async fn ready_when_the_index_has_caught_up_and_not_when_it_lags() {
    each_seeded(|db| async move {
        let strict = Operations {
            ready_max_lag: 0,
            ..TestApp::operations()
        };
        let app = TestApp::with_operations(&db, strict, &RateLimitConfig::off()).await;
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status, 200, "{:?}", ready.json);
        assert_eq!(ready.json["status"], "ready");
        assert_eq!(ready.json["outbox_lag"], 0);
        assert!(ready.json["documents"].as_u64().expect("a count") > 0);

        // The harness's index is not kept in step after it is built, so a write leaves it one
        // change behind: a lagging index, as on a server whose indexer is stuck.
        create_use_case(&app, &editor("707"), "nyt-forloeb", "707").await;
        let behind = app.get("/readyz").await;
        assert_eq!(behind.status, 503, "{:?}", behind.json);
        assert_eq!(behind.code(), "not_ready");
        assert!(
            behind.json["detail"]
                .as_str()
                .is_some_and(|d| d.contains("search index is 1 outbox changes behind")),
            "{:?}",
            behind.json
        );
        // Liveness is not readiness.
        assert_eq!(app.get("/healthz").await.status, 200);
    })
    .await;
}

#[actix_web::test]
async fn not_ready_while_the_pages_catalogue_is_read_at_start() {
    each_seeded(|db| async move {
        let ops = TestApp::operations();
        ops.warming
            .store(true, std::sync::atomic::Ordering::Release);
        let app = TestApp::with_operations(&db, ops.clone(), &RateLimitConfig::off()).await;
        let warming = app.get("/readyz").await;
        assert_eq!(warming.status, 503, "{:?}", warming.json);
        assert_eq!(warming.code(), "not_ready");
        assert!(
            warming.json["detail"]
                .as_str()
                .is_some_and(|d| d.contains("still reading the catalogue")),
            "{:?}",
            warming.json
        );
        ops.warming
            .store(false, std::sync::atomic::Ordering::Release);
        assert_eq!(app.get("/readyz").await.status, 200);
    })
    .await;
}

// --- Metrics ------------------------------------------------------------------------------------

#[actix_web::test]
async fn metrics_count_requests_per_route_pattern_and_report_the_index() {
    each_seeded_app(|app| async move {
        assert_eq!(app.get("/api/v1/use-cases/findes-ikke").await.status, 404);
        assert_eq!(app.get("/api/v1/search?q=journalisering").await.status, 200);
        let m = app.get("/metrics").await;
        assert_eq!(m.status, 200, "{}", m.body);
        assert!(m.content_type().starts_with("text/plain"), "{}", m.content_type());
        let series = |name: &str| m.body.lines().any(|l| l.starts_with(name));
        assert!(
            m.body.lines().any(|l| l.starts_with(
                "aikatalog_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/use-cases/{id}\",status=\"404\"}"
            )),
            "{}",
            m.body
        );
        assert!(!m.body.contains("findes-ikke"), "raw paths must not become labels");
        for name in [
            "aikatalog_search_query_duration_seconds_bucket",
            "aikatalog_outbox_lag",
            "aikatalog_index_documents",
            "aikatalog_db_pool_connections",
            "aikatalog_db_pool_in_use",
        ] {
            assert!(series(name), "{name} missing:\n{}", m.body);
        }
    })
    .await;
}

#[actix_web::test]
async fn metrics_answer_only_on_the_metrics_listener() {
    each_seeded(|db| async move {
        let elsewhere = Operations {
            metrics_bind: Some("127.0.0.1:9464".parse().expect("an address")),
            ..TestApp::operations()
        };
        let app = TestApp::with_operations(&db, elsewhere, &RateLimitConfig::off()).await;
        let m = app.get("/metrics").await;
        assert_eq!(m.status, 404, "{}", m.body);
        assert!(!m.body.contains("aikatalog_"), "{}", m.body);
    })
    .await;
}

// --- CORS ---------------------------------------------------------------------------------------

async fn cors_app(db: &aikatalog_testing::TestDb, origins: CorsOrigins) -> TestApp {
    let ops = Operations {
        cors_origins: origins,
        ..TestApp::operations()
    };
    TestApp::with_operations(db, ops, &RateLimitConfig::off()).await
}

#[actix_web::test]
async fn cors_lets_configured_origins_read_but_never_write() {
    each_seeded(|db| async move {
        let app = cors_app(&db, CorsOrigins::List(vec!["https://kommune.dk".into()])).await;
        let read = app
            .get("/api/v1/use-cases")
            .header(("Origin", "https://kommune.dk"))
            .await;
        assert_eq!(read.status, 200);
        assert_eq!(
            read.header("access-control-allow-origin"),
            Some("https://kommune.dk")
        );
        assert_eq!(read.header("access-control-allow-credentials"), None);

        let preflight = |method: &'static str| {
            app.request(actix_web::http::Method::OPTIONS, "/api/v1/use-cases")
                .header(("Origin", "https://kommune.dk"))
                .header(("Access-Control-Request-Method", method))
        };
        let get = preflight("GET").await;
        assert_eq!(get.status, 200, "{}", get.body);
        assert_eq!(
            get.header("access-control-allow-origin"),
            Some("https://kommune.dk")
        );
        let post = preflight("POST").await;
        assert!(
            post.status.is_client_error() && post.header("access-control-allow-origin").is_none(),
            "a cross-origin write must not be allowed: {} {:?}",
            post.status,
            post.headers
        );

        // Another origin gets its answer without CORS headers, so its browser withholds it.
        let other = app
            .get("/api/v1/use-cases")
            .header(("Origin", "https://evil.example"))
            .await;
        assert_eq!(other.status, 200);
        assert_eq!(other.header("access-control-allow-origin"), None);
    })
    .await;
}

#[actix_web::test]
async fn cors_is_off_by_default_and_star_allows_any_origin() {
    each_seeded(|db| async move {
        let off = TestApp::new(&db).await;
        let r = off
            .get("/api/v1/use-cases")
            .header(("Origin", "https://kommune.dk"))
            .await;
        assert_eq!(r.header("access-control-allow-origin"), None);

        let any = cors_app(&db, CorsOrigins::Any).await;
        let r = any
            .get("/api/v1/use-cases")
            .header(("Origin", "https://hvemsomhelst.eu"))
            .await;
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    })
    .await;
}

// --- Rate limits --------------------------------------------------------------------------------

fn only(writes: Option<u32>, auth_failures: Option<u32>) -> RateLimitConfig {
    RateLimitConfig {
        writes_per_minute: writes.and_then(NonZeroU32::new),
        auth_failures_per_minute: auth_failures.and_then(NonZeroU32::new),
        corrections_per_hour: None,
    }
}

#[actix_web::test]
async fn writes_past_the_limit_get_429_with_retry_after() {
    each_seeded(|db| async move {
        let app = TestApp::with_operations(&db, TestApp::operations(), &only(Some(3), None)).await;
        for n in 0..3 {
            create_use_case(&app, &editor("707"), &format!("forloeb-{n}"), "707").await;
        }
        let fourth = app
            .post("/api/v1/use-cases")
            .bearer(editor("707"))
            .json(new_use_case("forloeb-3", "707"))
            .await;
        assert_eq!(fourth.status, 429, "{:?}", fourth.json);
        assert_eq!(fourth.code(), "rate_limited");
        assert_eq!(fourth.content_type(), "application/problem+json");
        let retry: u64 = fourth
            .header("retry-after")
            .expect("Retry-After")
            .parse()
            .expect("whole seconds");
        assert!((1..=60).contains(&retry), "{retry}");
        // Nothing was stored, and reads go on.
        assert_eq!(
            app.get("/api/v1/use-cases/forloeb-3")
                .as_editor("707")
                .await
                .status,
            404
        );
        assert_eq!(app.get("/api/v1/use-cases").await.status, 200);
    })
    .await;
}

#[actix_web::test]
async fn repeated_failed_authentication_gets_429() {
    each_seeded(|db| async move {
        let app = TestApp::with_operations(&db, TestApp::operations(), &only(None, Some(2))).await;
        for _ in 0..2 {
            let r = app.get("/api/v1/me").bearer("forged").await;
            assert_eq!(r.status, 401, "{:?}", r.json);
        }
        let third = app.get("/api/v1/me").bearer("forged").await;
        assert_eq!(third.status, 429, "{:?}", third.json);
        assert!(third.header("retry-after").is_some());
        // A valid token is not locked out.
        assert_eq!(app.get("/api/v1/me").as_editor("707").await.status, 200);
    })
    .await;
}

#[actix_web::test]
async fn the_test_harness_has_no_rate_limits() {
    each_seeded_app(|app| async move {
        for _ in 0..30 {
            assert_eq!(app.get("/api/v1/me").bearer("forged").await.status, 401);
        }
    })
    .await;
}
