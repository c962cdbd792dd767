//! Revisions and field-level diffs.

use serde_json::json;

use crate::util::{app, editor, seeded_databases};

#[actix_web::test]
async fn every_change_is_a_revision_and_diffs_name_the_fields() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let created = app
            .create_use_case(token.as_deref(), "historik", "707")
            .await;
        let uri = "/api/v1/use-cases/historik";
        let edited = app
            .patch(
                uri,
                token.as_deref(),
                created.etag.as_deref(),
                json!({"title": "Ny titel", "started": "2023"}),
            )
            .await;
        assert_eq!(edited.status, 200);
        let list = app.get(&format!("{uri}/revisions"), token.as_deref()).await;
        let transitions: Vec<_> = list.body["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                (
                    r["revision"].as_i64().unwrap_or(0),
                    r["transition"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            transitions,
            [(1, "create".to_owned()), (2, "update".to_owned())]
        );
        assert!(
            list.body["items"][0]["actor"]
                .as_str()
                .unwrap_or("")
                .contains("707")
        );

        let first = app
            .get(&format!("{uri}/revisions/1"), token.as_deref())
            .await;
        assert_eq!(
            first.body["document"]["title"],
            "Automatisk journalisering af post"
        );

        let diff = app
            .get(&format!("{uri}/revisions/2/diff"), token.as_deref())
            .await;
        assert_eq!(diff.body["from"], 1);
        let fields: Vec<_> = diff.body["changes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| c["field"].clone())
            .collect();
        assert_eq!(fields, [json!("started"), json!("title")]);
        assert_eq!(
            diff.body["changes"][1]["before"],
            "Automatisk journalisering af post"
        );
        assert_eq!(diff.body["changes"][1]["after"], "Ny titel");

        assert_eq!(
            app.get(&format!("{uri}/revisions/9"), token.as_deref())
                .await
                .status,
            404
        );
    }
}

#[actix_web::test]
async fn the_public_sees_only_published_revisions_without_actors() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let token = editor("707");
        let mine = app.get(uri, token.as_deref()).await;
        app.patch(
            uri,
            token.as_deref(),
            mine.etag.as_deref(),
            json!({"started": "2023"}),
        )
        .await;
        let public = app.get(&format!("{uri}/revisions"), None).await;
        let items = public.body["items"].as_array().cloned().unwrap_or_default();
        assert!(!items.is_empty());
        assert!(
            items
                .iter()
                .all(|r| r["state"] == "published" && r.get("actor").is_none()),
            "{items:?}"
        );
        let own = app.get(&format!("{uri}/revisions"), token.as_deref()).await;
        assert_eq!(own.body["total"].as_u64(), Some(items.len() as u64 + 1));
    }
}
