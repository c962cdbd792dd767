//! Suggested corrections: anyone suggests one on a public entry, the owner's editors and the
//! curators list and close them, nobody else does.

use std::num::NonZeroU32;

use aikatalog_api::ops::RateLimitConfig;
use aikatalog_testing::tokens::editor;
use aikatalog_testing::{TestApp, TestResponse, each_seeded, each_seeded_app};
use serde_json::{Value, json};

use crate::util::create_use_case;

const TEXT: &str = "Kontaktpersonen er stoppet; skriv til digitalisering@norddjurs.dk i stedet.";

async fn suggest(app: &TestApp, uri: &str, body: Value) -> TestResponse {
    app.post(uri).json(body).await
}

fn ids(page: &TestResponse) -> Vec<String> {
    page.json["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn anyone_suggests_a_correction_to_a_public_entry_without_a_token() {
    each_seeded_app(|app| async move {
        let sent = suggest(
            &app,
            "/api/v1/use-cases/smartmail-norddjurs/corrections",
            json!({"text": TEXT, "email": " borger@example.dk "}),
        )
        .await;
        assert_eq!(sent.status, 201, "{:?}", sent.json);
        assert_eq!(sent.json["status"], "open");
        let id = sent.json["id"].as_str().expect("an id").to_owned();

        let algorithm = suggest(
            &app,
            "/api/v1/algorithms/aktindsigt-soeg-og-overstreg/corrections",
            json!({"text": "Versionsnummeret er forældet; det er 2.1 nu."}),
        )
        .await;
        assert_eq!(algorithm.status, 201, "{:?}", algorithm.json);

        let mine = app.get("/api/v1/me/corrections").as_editor("707").await;
        assert_eq!(mine.status, 200, "{:?}", mine.json);
        assert_eq!(
            ids(&mine),
            [id.as_str()],
            "only Norddjurs' own entry's suggestion"
        );
        let item = &mine.json["items"][0];
        assert_eq!(item["text"], TEXT);
        assert_eq!(
            item["email"], "borger@example.dk",
            "stored trimmed, shown to the owner"
        );
        assert_eq!(item["entry"]["slug"], "smartmail-norddjurs");
        assert_eq!(item["entry"]["owner"], "707");
        assert_eq!(item["status"], "open");
        assert_eq!(mine.json["total"], 1);
    })
    .await;
}

#[actix_web::test]
async fn a_suggestion_is_checked_like_the_page_form_and_drafts_take_none() {
    each_seeded_app(|app| async move {
        let uri = "/api/v1/use-cases/smartmail-norddjurs/corrections";
        let bad = suggest(
            &app,
            uri,
            json!({"text": "kort", "email": "ikke en adresse"}),
        )
        .await;
        assert_eq!(
            (bad.status.as_u16(), bad.code()),
            (422, "validation_failed")
        );
        let mut fields: Vec<(&str, &str)> = bad.json["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap_or(""),
                    e["code"].as_str().unwrap_or(""),
                )
            })
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, [("email", "email"), ("text", "length")]);
        let nul = suggest(&app, uri, json!({"text": "Titlen er forkert\u{0007} her"})).await;
        assert_eq!(nul.status, 422, "{:?}", nul.json);
        let unknown = suggest(&app, uri, json!({"text": TEXT, "name": "x"})).await;
        assert_eq!(unknown.status, 400, "{:?}", unknown.json);

        create_use_case(&app, &editor("707"), "hemmelig-kladde", "707").await;
        let draft = suggest(
            &app,
            "/api/v1/use-cases/hemmelig-kladde/corrections",
            json!({"text": TEXT}),
        )
        .await;
        assert_eq!(draft.status, 404, "a draft is not there for the public");
        let nothing = suggest(
            &app,
            "/api/v1/use-cases/findes-ikke/corrections",
            json!({"text": TEXT}),
        )
        .await;
        assert_eq!(nothing.status, 404);
        let listed = app.get("/api/v1/me/corrections").as_curator().await;
        assert_eq!(
            listed.json["total"], 0,
            "nothing was stored: {:?}",
            listed.json
        );
    })
    .await;
}

#[actix_web::test]
async fn suggestions_share_the_hourly_budget_per_client() {
    each_seeded(|db| async move {
        let limits = RateLimitConfig {
            corrections_per_hour: NonZeroU32::new(2),
            ..RateLimitConfig::off()
        };
        let app = TestApp::with_operations(&db, TestApp::operations(), &limits).await;
        for uri in [
            "/api/v1/use-cases/smartmail-norddjurs/corrections",
            "/api/v1/algorithms/smartmail-klassifikation/corrections",
        ] {
            let ok = suggest(&app, uri, json!({"text": TEXT})).await;
            assert_eq!(ok.status, 201, "{:?}", ok.json);
        }
        let third = suggest(
            &app,
            "/api/v1/use-cases/smartmail-norddjurs/corrections",
            json!({"text": TEXT}),
        )
        .await;
        assert_eq!((third.status.as_u16(), third.code()), (429, "rate_limited"));
        assert!(third.header("retry-after").is_some());
        let stored = app.get("/api/v1/me/corrections").as_curator().await;
        assert_eq!(stored.json["total"], 2);
    })
    .await;
}

#[actix_web::test]
async fn the_owners_editors_and_curators_list_and_close_suggestions_and_nobody_else() {
    each_seeded_app(|app| async move {
        let sent = suggest(
            &app,
            "/api/v1/use-cases/smartmail-norddjurs/corrections",
            json!({"text": TEXT}),
        )
        .await;
        let id = sent.json["id"].as_str().expect("an id").to_owned();
        let close = format!("/api/v1/corrections/{id}/close");

        // Listing: anonymous 401, another organisation sees nothing, a curator sees it.
        assert_eq!(app.get("/api/v1/me/corrections").await.status, 401);
        let other = app.get("/api/v1/me/corrections").as_editor("540").await;
        assert_eq!((other.status.as_u16(), ids(&other).len()), (200, 0));
        let curator = app
            .get("/api/v1/me/corrections?status=open")
            .as_curator()
            .await;
        assert_eq!(ids(&curator), [id.as_str()]);
        let bad = app
            .get("/api/v1/me/corrections?status=done")
            .as_curator()
            .await;
        assert_eq!(
            (bad.status.as_u16(), bad.code()),
            (400, "invalid_parameter")
        );

        // Closing: anonymous 401, another organisation 403, a reply is required.
        let anonymous = app.post(&close).json(json!({"reply": "Rettet."})).await;
        assert_eq!(anonymous.status, 401);
        let foreign = app
            .post(&close)
            .as_editor("540")
            .json(json!({"reply": "Rettet."}))
            .await;
        assert_eq!(
            (foreign.status.as_u16(), foreign.code()),
            (403, "forbidden")
        );
        let empty = app
            .post(&close)
            .as_editor("707")
            .json(json!({"reply": "  "}))
            .await;
        assert_eq!(empty.status, 422, "{:?}", empty.json);
        assert_eq!(empty.json["errors"][0]["field"], "reply");
        let missing = app
            .post("/api/v1/corrections/0190c0de-0000-7000-8000-000000000000/close")
            .as_curator()
            .json(json!({"reply": "Rettet."}))
            .await;
        assert_eq!(missing.status, 404);

        let closed = app
            .post(&close)
            .as_editor("707")
            .json(json!({"reply": "Tak, kontakten er rettet."}))
            .await;
        assert_eq!(closed.status, 200, "{:?}", closed.json);
        assert_eq!(closed.json["status"], "closed");
        assert_eq!(closed.json["reply"], "Tak, kontakten er rettet.");
        assert!(
            closed.json["closed_by"]
                .as_str()
                .is_some_and(|a| a.starts_with("editor:") && a.ends_with("@707")),
            "{:?}",
            closed.json
        );
        let again = app
            .post(&close)
            .as_curator()
            .json(json!({"reply": "Igen."}))
            .await;
        assert_eq!(
            (again.status.as_u16(), again.code()),
            (409, "already_closed")
        );
        let open = app
            .get("/api/v1/me/corrections?status=open")
            .as_editor("707")
            .await;
        assert!(ids(&open).is_empty());
        let done = app
            .get("/api/v1/me/corrections?status=closed")
            .as_editor("707")
            .await;
        assert_eq!(done.json["items"][0]["reply"], "Tak, kontakten er rettet.");

        // A curator closes any organisation's.
        let sent = suggest(
            &app,
            "/api/v1/algorithms/aktindsigt-soeg-og-overstreg/corrections",
            json!({"text": TEXT}),
        )
        .await;
        let id = sent.json["id"].as_str().expect("an id");
        let by_curator = app
            .post(&format!("/api/v1/corrections/{id}/close"))
            .as_curator()
            .json(json!({"reply": "Videregivet til Sønderborg."}))
            .await;
        assert_eq!(by_curator.status, 200, "{:?}", by_curator.json);
    })
    .await;
}
