//! NUL characters (U+0000) are refused as bad input before they reach the database: PostgreSQL
//! cannot store them and used to answer 500. `%00` in the path or query gives 400
//! `invalid_parameter`; `\u0000` in a body gives 422 with `invalid_value` at its field.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::editor;
use serde_json::{Value, json};

use crate::util::{create_use_case, new_use_case};

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

#[actix_web::test]
async fn a_nul_in_the_path_or_query_is_a_bad_parameter() {
    each_seeded_app(|app| async move {
        for (uri, part) in [
            ("/api/v1/use-cases/abc%00def", "path"),
            ("/api/v1/algorithms/abc%00def", "path"),
            ("/api/v1/organisations/1%000", "path"),
            ("/api/v1/categories/abc%00def", "path"),
            ("/api/v1/use-cases/abc%00def/revisions", "path"),
            ("/api/v1/search?q=abc%00def", "query"),
            ("/api/v1/use-cases?owner=1%000", "query"),
        ] {
            let anonymous = app.get(uri).await;
            assert_eq!(anonymous.status, 400, "{uri}: {:?}", anonymous.json);
            assert_eq!(anonymous.code(), "invalid_parameter", "{uri}");
            assert_eq!(anonymous.json["parameter"], part, "{uri}");
            let curator = app.get(uri).as_curator().await;
            assert_eq!(curator.status, 400, "{uri} as curator: {:?}", curator.json);
        }
        let put = app
            .put("/api/v1/use-cases/abc%00def")
            .as_editor("707")
            .json(new_use_case("abc", "707"))
            .await;
        assert_eq!(put.status, 400, "{:?}", put.json);
        // The escaped text "%00" is not a NUL and stays an ordinary (missing) key.
        let text = app.get("/api/v1/use-cases/abc%2500def").await;
        assert_eq!(text.status, 404, "{:?}", text.json);
    })
    .await;
}

#[actix_web::test]
async fn a_nul_in_a_body_is_an_invalid_value_at_its_field() {
    each_seeded_app(|app| async move {
        let mut body = new_use_case("nul-i-teksten", "707");
        body["title"] = json!("Automatisk\u{0}journalisering");
        body["results"] = json!([{"metric": "Tid\u{0}", "value": 1.0, "unit": "%"}]);
        body["data"] = json!({"description": "Mails\u{0}"});
        let reply = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(&body)
            .await;
        assert_eq!(reply.status, 422, "{:?}", reply.json);
        assert_eq!(reply.code(), "validation_failed");
        let errors = field_codes(&reply.json);
        for field in ["title", "results[0].metric", "data.description"] {
            assert!(
                errors.contains(&(field.to_owned(), "invalid_value".to_owned())),
                "missing {field}/invalid_value in {errors:?}"
            );
        }
        let stored = app
            .get("/api/v1/use-cases/nul-i-teksten")
            .as_curator()
            .await;
        assert_eq!(stored.status, 404, "{:?}", stored.json);

        // A merge patch is read the same way.
        let token = editor("707");
        let created = create_use_case(&app, &token, "nul-patch", "707").await;
        let patched = app
            .patch("/api/v1/use-cases/nul-patch")
            .bearer(&token)
            .if_match(created.etag.as_deref())
            .json(json!({"summary": "\u{0}"}))
            .await;
        assert_eq!(patched.status, 422, "{:?}", patched.json);
        assert!(
            field_codes(&patched.json).contains(&("summary".into(), "invalid_value".into())),
            "{:?}",
            patched.json
        );
    })
    .await;
}

/// Texts a document may not hold: a NUL, another control character, a right-to-left override
/// (which would make a note read otherwise than it is written).
const FORBIDDEN_TEXTS: [&str; 3] = ["a\u{0}b", "a\u{7}b", "godkendt \u{202e}tkendova"];

#[actix_web::test]
async fn a_nul_or_another_forbidden_character_in_a_transition_message_is_an_invalid_value() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let created = create_use_case(&app, &token, "nul-besked", "707").await;
        for text in FORBIDDEN_TEXTS {
            let submitted = app
                .post("/api/v1/use-cases/nul-besked/submit")
                .bearer(&token)
                .if_match(created.etag.as_deref())
                .json(json!({ "message": text }))
                .await;
            assert_eq!(submitted.status, 422, "{text:?}: {:?}", submitted.json);
            assert!(
                field_codes(&submitted.json).contains(&("message".into(), "invalid_value".into())),
                "{text:?}: {:?}",
                submitted.json
            );
        }
    })
    .await;
}

#[actix_web::test]
async fn a_nul_or_another_forbidden_character_in_an_adoption_note_is_an_invalid_value() {
    each_seeded_app(|app| async move {
        let uri = "/api/v1/use-cases/ai-aktindsigt-soenderborg";
        for text in FORBIDDEN_TEXTS {
            let adopted = app
                .post(&format!("{uri}/adoptions"))
                .as_editor("707")
                .json(json!({ "note": text }))
                .await;
            assert_eq!(adopted.status, 422, "{text:?}: {:?}", adopted.json);
            assert!(
                field_codes(&adopted.json).contains(&("note".into(), "invalid_value".into())),
                "{text:?}: {:?}",
                adopted.json
            );
        }
        let entry = app.get(uri).await;
        assert_eq!(entry.json["meta"]["adopted_by"], json!([]));
    })
    .await;
}
