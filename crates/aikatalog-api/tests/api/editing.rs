//! Creating and changing entries: validation, ETags, merge patches, unchanged round trips.

use aikatalog_seed::{FileKind, ImportError, import_sources};
use aikatalog_testing::tokens::{curator, editor};
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};
use serde_json::{Value, json};

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
        let errors = field_codes(&reply.json);
        for (field, code) in [
            ("colour", "unknown_field"),
            ("lifecycle", "unknown_value"),
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
            .json(json!({"started": "2024-03", "results": null, "data": {"personal_data": true}}))
            .await;
        assert_eq!(patched.status, 200, "{:?}", patched.json);
        assert_eq!(patched.json["started"], "2024-03");
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
                .json(json!({"started": format!("{}", 2000 + i)}))
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

/// One mistake in a new use case, and the `(field, code)` pairs it must be reported as.
struct Mistake {
    edit: fn(&mut Value),
    expect: &'static [(&'static str, &'static str)],
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        edit: |d| drop(d.as_object_mut().map(|o| o.remove("title"))),
        expect: &[("title", "missing_field")],
    },
    Mistake {
        edit: |d| drop(d["results"][0].as_object_mut().map(|o| o.remove("unit"))),
        expect: &[("results[0].unit", "missing_field")],
    },
    Mistake {
        edit: |d| d["colour"] = json!("blue"),
        expect: &[("colour", "unknown_field")],
    },
    Mistake {
        edit: |d| d["results"][0]["colour"] = json!("blue"),
        expect: &[("results[0].colour", "unknown_field")],
    },
    Mistake {
        edit: |d| d["lifecycle"] = json!("running"),
        expect: &[("lifecycle", "unknown_value")],
    },
    Mistake {
        edit: |d| d["challenges"] = json!(["data", "weather"]),
        expect: &[("challenges[1]", "unknown_value")],
    },
    Mistake {
        edit: |d| d["started"] = json!(2020),
        expect: &[("started", "invalid_type")],
    },
    Mistake {
        edit: |d| d["title"] = json!(5),
        expect: &[("title", "invalid_type")],
    },
    Mistake {
        edit: |d| d["domains"] = json!("administration"),
        expect: &[("domains", "invalid_type")],
    },
    Mistake {
        edit: |d| d["links"] = json!([{"title": "Kode", "url": "ikke en adresse"}]),
        expect: &[("links[0].url", "invalid_value")],
    },
    Mistake {
        edit: |d| d["owner"] = json!("Norddjurs Kommune"),
        expect: &[("owner", "invalid_value")],
    },
    Mistake {
        edit: |d| d["primary_category"] = json!("telepathy"),
        expect: &[("primary_category", "unknown_category")],
    },
    Mistake {
        edit: |d| {
            d["lifecycle"] = json!("running");
            d["results"][0]["value_max"] = json!(1.0);
            d["results"][0]["unit"] = json!("");
        },
        expect: &[
            ("lifecycle", "unknown_value"),
            ("results[0].unit", "length"),
            ("results[0].value_max", "range_order"),
        ],
    },
];

/// `(field, code)` of each error in a `validation_failed` body.
fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or("").to_owned(),
                e["code"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn sorted(pairs: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<_> = pairs.collect();
    out.sort();
    out
}

/// The API and the importer read documents with one function: the same mistake, sent as a JSON
/// body or written in a seed file, is reported with the same field and code.
#[actix_web::test]
async fn the_api_and_the_importer_report_a_mistake_alike() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        for mistake in MISTAKES {
            let mut doc = new_use_case("samme-fejl", "707");
            (mistake.edit)(&mut doc);
            let expected = sorted(
                mistake
                    .expect
                    .iter()
                    .map(|(f, c)| ((*f).to_owned(), (*c).to_owned())),
            );

            let reply = app
                .post("/api/v1/use-cases")
                .as_editor("707")
                .json(&doc)
                .await;
            assert_eq!(reply.status, 422, "{doc}: {:?}", reply.json);
            let from_api = sorted(field_codes(&reply.json).into_iter());
            assert_eq!(from_api, expected, "API, {doc}");

            let text = toml::to_string(&doc).expect("a document without nulls is TOML");
            let file = std::path::PathBuf::from("use-cases/samme-fejl.toml");
            let sources = [(FileKind::UseCase, file.clone(), text.clone())];
            let Err(ImportError::Invalid(problems)) = import_sources(&db.db, &sources, true) else {
                panic!("the importer accepted {text}");
            };
            let from_import = sorted(problems.0.iter().map(|p| (p.field.clone(), p.code.clone())));
            assert_eq!(from_import, expected, "importer, {text}");
            for p in &problems.0 {
                assert_eq!(p.file, file);
                let top_level_missing = p.code == "missing_field" && !p.field.contains(['.', '[']);
                assert_eq!(p.line.is_none(), top_level_missing, "{p}");
            }
        }
    })
    .await;
}

#[actix_web::test]
async fn a_document_with_the_registers_fields_round_trips() {
    each_seeded_app(|app| async move {
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
            .post("/api/v1/use-cases")
            .bearer(&token)
            .json(doc.clone())
            .await;
        assert_eq!(created.status, 201, "{:?}", created.json);
        let read = app.get("/api/v1/use-cases/fuld-post").bearer(&token).await;
        for (key, value) in extra.as_object().into_iter().flatten() {
            assert_eq!(&read.json[key], value, "{key}");
        }
        assert_eq!(read.json["schema_version"], 2);
        assert_eq!(
            read.json["meta"]["completeness"]["missing"],
            json!(["legal_basis", "ai_act_class"]),
            "what a reader needs and the entry does not state"
        );
        assert_eq!(read.json["meta"]["completeness"]["percent"], 77);
        let put = app
            .put("/api/v1/use-cases/fuld-post")
            .bearer(&token)
            .if_match(read.etag.as_deref())
            .json(read.json.clone())
            .await;
        assert_eq!(put.status, 200, "{:?}", put.json);
        assert_eq!(put.etag, read.etag, "an unchanged PUT made a new revision");

        // The old shape is refused with the field named, not silently dropped.
        let old = app
            .patch("/api/v1/use-cases/fuld-post")
            .bearer(&token)
            .if_match(read.etag.as_deref())
            .json(json!({"started": "2023-02-30"}))
            .await;
        assert_eq!(old.status, 422, "{:?}", old.json);
        assert_eq!(old.json["errors"][0]["field"], "started");
    })
    .await;
}
