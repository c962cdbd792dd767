//! Creating and changing entries: validation, ETags, merge patches, unchanged round trips.

use serde_json::json;

use crate::util::{app, curator, editor, new_use_case, seeded_databases};

#[actix_web::test]
async fn a_document_read_can_be_sent_back_unchanged() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = curator();
        for uri in [
            "/api/v1/use-cases/smartmail-norddjurs",
            "/api/v1/algorithms/kk-gpt-sprogmodel",
        ] {
            let read = app.get(uri, token.as_deref()).await;
            let put = app
                .put(
                    uri,
                    token.as_deref(),
                    read.etag.as_deref(),
                    read.body.clone(),
                )
                .await;
            assert_eq!(put.status, 200, "{uri}: {:?}", put.body);
            assert_eq!(
                put.etag, read.etag,
                "{uri}: an unchanged PUT made a new revision"
            );
        }
    }
}

#[actix_web::test]
async fn an_invalid_body_lists_every_field_error_at_once() {
    for db in seeded_databases() {
        let app = app(&db).await;
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
            .post(
                "/api/v1/use-cases",
                editor("707").as_deref(),
                None,
                Some(body),
            )
            .await;
        assert_eq!(reply.status, 422, "{:?}", reply.body);
        assert_eq!(reply.code(), "validation_failed");
        let errors: Vec<(String, String)> = reply.body["errors"]
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
    }
}

#[actix_web::test]
async fn oversized_and_malformed_bodies_are_refused() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let mut body = new_use_case("stor", "707");
        body["description"] = json!("x".repeat(300 * 1024));
        let big = app
            .post(
                "/api/v1/use-cases",
                editor("707").as_deref(),
                None,
                Some(body),
            )
            .await;
        assert_eq!(
            (big.status.as_u16(), big.code()),
            (413, "payload_too_large")
        );
        let not_object = app
            .post(
                "/api/v1/use-cases",
                editor("707").as_deref(),
                None,
                Some(json!([1, 2])),
            )
            .await;
        assert_eq!(not_object.status, 422);
    }
}

#[actix_web::test]
async fn stale_and_missing_if_match_never_overwrite() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let created = app
            .create_use_case(token.as_deref(), "samtidig", "707")
            .await;
        let first_tag = created.etag.clone();
        let uri = "/api/v1/use-cases/samtidig";

        let no_tag = app
            .patch(uri, token.as_deref(), None, json!({"title": "Uden ETag"}))
            .await;
        assert_eq!(
            (no_tag.status.as_u16(), no_tag.code()),
            (428, "if_match_required")
        );

        let first = app
            .patch(
                uri,
                token.as_deref(),
                first_tag.as_deref(),
                json!({"title": "Første redaktør"}),
            )
            .await;
        assert_eq!(first.status, 200, "{:?}", first.body);
        assert_ne!(first.etag, first_tag);

        let second = app
            .patch(
                uri,
                token.as_deref(),
                first_tag.as_deref(),
                json!({"title": "Anden redaktør"}),
            )
            .await;
        assert_eq!((second.status.as_u16(), second.code()), (412, "stale_etag"));

        let now = app.get(uri, token.as_deref()).await;
        assert_eq!(now.body["title"], "Første redaktør");
    }
}

#[actix_web::test]
async fn a_merge_patch_changes_only_what_it_names() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let created = app
            .create_use_case(token.as_deref(), "patch-mig", "707")
            .await;
        let patched = app
            .patch(
                "/api/v1/use-cases/patch-mig",
                token.as_deref(),
                created.etag.as_deref(),
                json!({"started": "2024-03", "results": null, "data": {"personal_data": true}}),
            )
            .await;
        assert_eq!(patched.status, 200, "{:?}", patched.body);
        assert_eq!(patched.body["started"], "2024-03");
        assert_eq!(patched.body["results"], json!([]));
        assert_eq!(patched.body["data"]["personal_data"], true);
        assert_eq!(patched.body["title"], created.body["title"]);
        let slug_change = app
            .patch(
                "/api/v1/use-cases/patch-mig",
                token.as_deref(),
                patched.etag.as_deref(),
                json!({"slug": "nyt-navn"}),
            )
            .await;
        assert_eq!(slug_change.status, 422);
        assert_eq!(slug_change.body["errors"][0]["code"], "immutable");
    }
}

#[actix_web::test]
async fn use_cases_and_algorithms_are_linked_and_unlinked() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let before = app.get(uri, token.as_deref()).await;
        let linked = app
            .post(
                &format!("{uri}/algorithms"),
                token.as_deref(),
                before.etag.as_deref(),
                Some(json!({"algorithm": "kk-gpt-sprogmodel"})),
            )
            .await;
        assert_eq!(linked.status, 200, "{:?}", linked.body);
        assert!(
            linked.body["algorithms"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a == "kk-gpt-sprogmodel")
        );
        let unknown = app
            .post(
                &format!("{uri}/algorithms"),
                token.as_deref(),
                linked.etag.as_deref(),
                Some(json!({"algorithm": "nope"})),
            )
            .await;
        assert_eq!(unknown.status, 422);
        let unlinked = app
            .send(
                actix_web::http::Method::DELETE,
                &format!("{uri}/algorithms/kk-gpt-sprogmodel"),
                token.as_deref(),
                linked.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(unlinked.status, 200, "{:?}", unlinked.body);
        assert!(
            !unlinked.body["algorithms"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a == "kk-gpt-sprogmodel")
        );
    }
}

#[actix_web::test]
async fn concurrent_edits_from_one_revision_let_exactly_one_win() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let created = app
            .create_use_case(token.as_deref(), "kaploeb", "707")
            .await;
        let tag = created.etag.clone();
        let edits = (0..8).map(|i| {
            app.patch(
                "/api/v1/use-cases/kaploeb",
                token.as_deref(),
                tag.as_deref(),
                json!({"started": format!("{}", 2000 + i)}),
            )
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
            .get("/api/v1/use-cases/kaploeb/revisions", token.as_deref())
            .await;
        assert_eq!(history.body["total"], 2, "a losing edit left a revision");
    }
}

#[actix_web::test]
async fn a_document_with_the_registers_fields_round_trips() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let mut doc = new_use_case("fuld-post", "707");
        let extra = json!({
            "started": "2023-09",
            "ended": "2024",
            "sourcing": "both",
            "vendors": ["openai"],
            "cost": {
                "one_off": {"amount": 450000.0, "currency": "DKK", "year": 2023},
                "yearly": {"amount": 60000.0, "currency": "DKK"},
                "business_case": "Sparer 0,5 årsværk i postfordelingen.",
                "business_case_url": "https://example.dk/business-case.pdf",
                "gains_realised": "partly"
            },
            "how_it_works": {
                "problem": "Post blev fordelt i hånden.",
                "impact_on_citizens": "Hurtigere svar.",
                "appeal": "Borgeren kan klage til kommunen som hidtil.",
                "fallback": "Posten fordeles i hånden."
            },
            "data": {
                "sources": [{"name": "Fællespostkassen", "url": "https://example.dk/post", "purposes": ["training", "operation"]}],
                "sensitive_attributes": ["health", "social_circumstances"],
                "bias_note": "Trænet på et års post fra alle afdelinger."
            },
            "assessments": [
                {"kind": "dpia", "status": "done", "date": "2023-08-15", "url": "https://example.dk/dpia.pdf"},
                {"kind": "fria", "status": "not_required", "summary": "Ikke et højrisikosystem."}
            ],
            "review_on": "2025-09-01",
            "provenance": {
                "language": "da",
                "keywords": ["postfordeling"],
                "references": [{"scheme": "nl_algoritmeregister", "id": "abc-1", "standard_version": "1.0", "fields": {"lawful_basis": {"x": [1, 2]}}}]
            }
        });
        for (key, value) in extra.as_object().into_iter().flatten() {
            doc[key] = value.clone();
        }
        let created = app
            .post(
                "/api/v1/use-cases",
                token.as_deref(),
                None,
                Some(doc.clone()),
            )
            .await;
        assert_eq!(created.status, 201, "{:?}", created.body);
        let read = app
            .get("/api/v1/use-cases/fuld-post", token.as_deref())
            .await;
        for (key, value) in extra.as_object().into_iter().flatten() {
            assert_eq!(&read.body[key], value, "{key}");
        }
        assert_eq!(read.body["schema_version"], 2);
        assert_eq!(
            read.body["meta"]["completeness"]["missing"],
            json!(["legal_basis", "ai_act_class"]),
            "what a reader needs and the entry does not state"
        );
        assert_eq!(read.body["meta"]["completeness"]["percent"], 77);
        let put = app
            .put(
                "/api/v1/use-cases/fuld-post",
                token.as_deref(),
                read.etag.as_deref(),
                read.body.clone(),
            )
            .await;
        assert_eq!(put.status, 200, "{:?}", put.body);
        assert_eq!(put.etag, read.etag, "an unchanged PUT made a new revision");

        // The old shape is refused with the field named, not silently dropped.
        let old = app
            .patch(
                "/api/v1/use-cases/fuld-post",
                token.as_deref(),
                read.etag.as_deref(),
                json!({"started": "2023-02-30"}),
            )
            .await;
        assert_eq!(old.status, 422, "{:?}", old.body);
        assert_eq!(old.body["errors"][0]["field"], "started");
    }
}
