//! Creating and changing entries: validation, ETags, merge patches, unchanged round trips.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::{curator, editor};
use serde_json::json;

use crate::util::{create_use_case, new_use_case};

#[actix_web::test]
async fn a_document_read_can_be_sent_back_unchanged() {
    each_seeded_app(|app| async move {
        let token = curator();
        for uri in [
            "/api/v1/use-cases/smartmail-norddjurs",
            "/api/v1/algorithms/kk-gpt-sprogmodel",
        ] {
            let read = app.get(uri).bearer(&token).await;
            let put = app
                .put(uri)
                .bearer(&token)
                .if_match(read.etag.as_deref())
                .json(&read.json)
                .await;
            assert_eq!(put.status, 200, "{uri}: {:?}", put.json);
            assert_eq!(
                put.etag, read.etag,
                "{uri}: an unchanged PUT made a new revision"
            );
        }
    })
    .await;
}

#[actix_web::test]
async fn an_invalid_body_lists_every_field_error_at_once() {
    each_seeded_app(|app| async move {
        let mut body = new_use_case("mange-fejl", "707");
        body["title"] = json!("x");
        body["lifecycle"] = json!("running");
        body["colour"] = json!("blue");
        body["primary_category"] = json!("telepathy");
        body["results"] = json!([
            {"metric": "Tid", "value": 1.0, "unit": "%"},
            {"metric": "Tid", "value": 1.0, "unit": "%"},
            {"metric": "Tid", "value": 2.0, "unit": ""}
        ]);
        let reply = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(&body)
            .await;
        assert_eq!(reply.status, 422, "{:?}", reply.json);
        assert_eq!(reply.code(), "validation_failed");
        let errors: Vec<(String, String)> = reply.json["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                (
                    e["field"].as_str().unwrap_or("").to_owned(),
                    e["code"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        for (field, code) in [
            ("colour", "unknown_field"),
            ("lifecycle", "invalid_value"),
            ("title", "length"),
            ("primary_category", "unknown_category"),
            ("results[2].unit", "length"),
        ] {
            assert!(
                errors.contains(&(field.to_owned(), code.to_owned())),
                "missing {field}/{code} in {errors:?}"
            );
        }
    })
    .await;
}

#[actix_web::test]
async fn oversized_and_malformed_bodies_are_refused() {
    each_seeded_app(|app| async move {
        let mut body = new_use_case("stor", "707");
        body["description"] = json!("x".repeat(300 * 1024));
        let big = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(&body)
            .await;
        assert_eq!(
            (big.status.as_u16(), big.code()),
            (413, "payload_too_large")
        );
        let not_object = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(json!([1, 2]))
            .await;
        assert_eq!(not_object.status, 422);
    })
    .await;
}

#[actix_web::test]
async fn stale_and_missing_if_match_never_overwrite() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let created = create_use_case(&app, &token, "samtidig", "707").await;
        let first_tag = created.etag.clone();
        let uri = "/api/v1/use-cases/samtidig";

        let no_tag = app
            .patch(uri)
            .bearer(&token)
            .json(json!({"title": "Uden ETag"}))
            .await;
        assert_eq!(
            (no_tag.status.as_u16(), no_tag.code()),
            (428, "if_match_required")
        );

        let first = app
            .patch(uri)
            .bearer(&token)
            .if_match(first_tag.as_deref())
            .json(json!({"title": "Første redaktør"}))
            .await;
        assert_eq!(first.status, 200, "{:?}", first.json);
        assert_ne!(first.etag, first_tag);

        let second = app
            .patch(uri)
            .bearer(&token)
            .if_match(first_tag.as_deref())
            .json(json!({"title": "Anden redaktør"}))
            .await;
        assert_eq!((second.status.as_u16(), second.code()), (412, "stale_etag"));

        let now = app.get(uri).bearer(&token).await;
        assert_eq!(now.json["title"], "Første redaktør");
    })
    .await;
}

#[actix_web::test]
async fn a_merge_patch_changes_only_what_it_names() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let created = create_use_case(&app, &token, "patch-mig", "707").await;
        let patched = app
            .patch("/api/v1/use-cases/patch-mig")
            .bearer(&token)
            .if_match(created.etag.as_deref())
            .json(json!({"year": 2024, "results": null, "data": {"personal_data": true}}))
            .await;
        assert_eq!(patched.status, 200, "{:?}", patched.json);
        assert_eq!(patched.json["year"], 2024);
        assert_eq!(patched.json["results"], json!([]));
        assert_eq!(patched.json["data"]["personal_data"], true);
        assert_eq!(patched.json["title"], created.json["title"]);
        let slug_change = app
            .patch("/api/v1/use-cases/patch-mig")
            .bearer(&token)
            .if_match(patched.etag.as_deref())
            .json(json!({"slug": "nyt-navn"}))
            .await;
        assert_eq!(slug_change.status, 422);
        assert_eq!(slug_change.json["errors"][0]["code"], "immutable");
    })
    .await;
}

#[actix_web::test]
async fn use_cases_and_algorithms_are_linked_and_unlinked() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let before = app.get(uri).bearer(&token).await;
        let linked = app
            .post(&format!("{uri}/algorithms"))
            .bearer(&token)
            .if_match(before.etag.as_deref())
            .json(json!({"algorithm": "kk-gpt-sprogmodel"}))
            .await;
        assert_eq!(linked.status, 200, "{:?}", linked.json);
        assert!(
            linked.json["algorithms"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a == "kk-gpt-sprogmodel")
        );
        let unknown = app
            .post(&format!("{uri}/algorithms"))
            .bearer(&token)
            .if_match(linked.etag.as_deref())
            .json(json!({"algorithm": "nope"}))
            .await;
        assert_eq!(unknown.status, 422);
        let unlinked = app
            .delete(&format!("{uri}/algorithms/kk-gpt-sprogmodel"))
            .bearer(&token)
            .if_match(linked.etag.as_deref())
            .await;
        assert_eq!(unlinked.status, 200, "{:?}", unlinked.json);
        assert!(
            !unlinked.json["algorithms"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a == "kk-gpt-sprogmodel")
        );
    })
    .await;
}

#[actix_web::test]
async fn concurrent_edits_from_one_revision_let_exactly_one_win() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let created = create_use_case(&app, &token, "kaploeb", "707").await;
        let tag = created.etag.clone();
        let edits = (0..8).map(|i| {
            app.patch("/api/v1/use-cases/kaploeb")
                .bearer(&token)
                .if_match(tag.as_deref())
                .json(json!({"year": 2000 + i}))
                .send()
        });
        let replies = futures_util::future::join_all(edits).await;
        let ok = replies.iter().filter(|r| r.status == 200).count();
        let stale = replies.iter().filter(|r| r.status == 412).count();
        assert_eq!(
            (ok, stale),
            (1, 7),
            "{:?}",
            replies.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        let history = app
            .get("/api/v1/use-cases/kaploeb/revisions")
            .bearer(&token)
            .await;
        assert_eq!(history.json["total"], 2, "a losing edit left a revision");
    })
    .await;
}
