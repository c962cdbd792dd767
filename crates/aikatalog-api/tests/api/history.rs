//! Revisions and field-level diffs.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::editor;
use serde_json::json;

use crate::util::create_use_case;

#[actix_web::test]
async fn every_change_is_a_revision_and_diffs_name_the_fields() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let created = create_use_case(&app, &token, "historik", "707").await;
        let uri = "/api/v1/use-cases/historik";
        let edited = app
            .patch(uri)
            .bearer(&token)
            .if_match(created.etag.as_deref())
            .json(json!({"title": "Ny titel", "started": "2023"}))
            .await;
        assert_eq!(edited.status, 200);
        let list = app.get(&format!("{uri}/revisions")).bearer(&token).await;
        let transitions: Vec<_> = list.json["items"]
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
            list.json["items"][0]["actor"]
                .as_str()
                .unwrap_or("")
                .contains("707")
        );

        let first = app.get(&format!("{uri}/revisions/1")).bearer(&token).await;
        assert_eq!(
            first.json["document"]["title"],
            "Automatisk journalisering af post"
        );

        let diff = app
            .get(&format!("{uri}/revisions/2/diff"))
            .bearer(&token)
            .await;
        assert_eq!(diff.json["from"], 1);
        let fields: Vec<_> = diff.json["changes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| c["field"].clone())
            .collect();
        assert_eq!(fields, [json!("started"), json!("title")]);
        assert_eq!(
            diff.json["changes"][1]["before"],
            "Automatisk journalisering af post"
        );
        assert_eq!(diff.json["changes"][1]["after"], "Ny titel");

        assert_eq!(
            app.get(&format!("{uri}/revisions/9"))
                .bearer(&token)
                .await
                .status,
            404
        );
    })
    .await;
}

#[actix_web::test]
async fn the_public_sees_only_published_revisions_without_actors() {
    each_seeded_app(|app| async move {
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let token = editor("707");
        let mine = app.get(uri).bearer(&token).await;
        app.patch(uri)
            .bearer(&token)
            .if_match(mine.etag.as_deref())
            .json(json!({"started": "2023"}))
            .await;
        let public = app.get(&format!("{uri}/revisions")).await;
        let items = public.json["items"].as_array().cloned().unwrap_or_default();
        assert!(!items.is_empty());
        assert!(
            items
                .iter()
                .all(|r| r["state"] == "published" && r.get("actor").is_none()),
            "{items:?}"
        );
        let own = app.get(&format!("{uri}/revisions")).bearer(&token).await;
        assert_eq!(own.json["total"].as_u64(), Some(items.len() as u64 + 1));
    })
    .await;
}

/// Issue 16, defect 10: a long history comes a page at a time, with a link to the next page.
#[actix_web::test]
async fn revisions_come_a_page_at_a_time() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let mut etag = create_use_case(&app, &token, "mange-revisioner", "707")
            .await
            .etag;
        let uri = "/api/v1/use-cases/mange-revisioner";
        for i in 0..4 {
            let edited = app
                .patch(uri)
                .bearer(&token)
                .if_match(etag.as_deref())
                .json(json!({"title": format!("Titel nummer {i}")}))
                .await;
            assert_eq!(edited.status, 200, "{:?}", edited.json);
            etag = edited.etag;
        }
        let first = app
            .get(&format!("{uri}/revisions?limit=2"))
            .bearer(&token)
            .await;
        assert_eq!(first.status, 200, "{:?}", first.json);
        assert_eq!(first.json["total"], 5);
        assert_eq!(first.json["limit"], 2);
        let numbers = |page: &serde_json::Value| -> Vec<i64> {
            page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r["revision"].as_i64())
                .collect()
        };
        assert_eq!(numbers(&first.json), [1, 2]);
        let next = first.json["next"].as_str().expect("a next link").to_owned();
        assert_eq!(next, format!("{uri}/revisions?limit=2&offset=2"));
        let second = app.get(&next).bearer(&token).await;
        assert_eq!(numbers(&second.json), [3, 4]);
        let last = app
            .get(second.json["next"].as_str().expect("a next link"))
            .bearer(&token)
            .await;
        assert_eq!(numbers(&last.json), [5]);
        assert!(last.json.get("next").is_none(), "{:?}", last.json);
        // The default page holds 20, and a limit over 100 is refused.
        let default = app.get(&format!("{uri}/revisions")).bearer(&token).await;
        assert_eq!(default.json["limit"], 20);
        let too_many = app
            .get(&format!("{uri}/revisions?limit=1000"))
            .bearer(&token)
            .await;
        assert_eq!(too_many.status, 400);
        assert_eq!(too_many.code(), "invalid_parameter");
    })
    .await;
}
