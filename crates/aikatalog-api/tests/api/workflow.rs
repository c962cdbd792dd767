//! The editorial workflow as a new user meets it.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::{curator, editor};
use serde_json::json;

use crate::util::{create_use_case, new_use_case};

#[actix_web::test]
async fn a_draft_is_invisible_until_a_curator_publishes_it() {
    each_seeded_app(|app| async move {
        let norddjurs = editor("707");
        let created = app
            .post("/api/v1/use-cases")
            .bearer(&norddjurs)
            .json(new_use_case("ny-idé", "707"))
            .await;
        // "ny-idé" is not a slug: the error names the field.
        assert_eq!(created.status, 422);
        assert_eq!(created.json["errors"][0]["field"], "slug");

        let created = create_use_case(&app, &norddjurs, "ny-ide", "707").await;
        assert_eq!(created.json["meta"]["state"], "draft");
        assert_eq!(
            created
                .headers
                .get("location")
                .and_then(|v| v.to_str().ok()),
            Some("/api/v1/use-cases/ny-ide")
        );
        let uri = "/api/v1/use-cases/ny-ide";
        let total_before = app.get("/api/v1/use-cases").await.json["total"].clone();

        assert_eq!(app.get(uri).await.status, 404, "anonymous sees a draft");
        assert_eq!(
            app.get(uri).as_editor("101").await.status,
            404,
            "another municipality sees a draft"
        );
        assert_eq!(app.get(&format!("{uri}/revisions")).await.status, 404);

        // Only the workflow's steps are transition routes; any other last segment is no route.
        let unknown = app
            .post(&format!("{uri}/frobnicate"))
            .bearer(&norddjurs)
            .if_match(created.etag.as_deref())
            .await;
        assert_eq!((unknown.status.as_u16(), unknown.code()), (404, "no_route"));
        let submitted = app
            .post(&format!("{uri}/submit"))
            .bearer(&norddjurs)
            .if_match(created.etag.as_deref())
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.json);
        assert_eq!(submitted.json["meta"]["state"], "submitted");
        assert_eq!(
            app.get(uri).await.status,
            404,
            "anonymous sees a submitted entry"
        );

        let by_editor = app
            .post(&format!("{uri}/publish"))
            .bearer(&norddjurs)
            .if_match(submitted.etag.as_deref())
            .await;
        assert_eq!(by_editor.status, 403, "an editor published");

        let published = app
            .post(&format!("{uri}/publish"))
            .as_curator()
            .if_match(submitted.etag.as_deref())
            .await;
        assert_eq!(published.status, 200, "{:?}", published.json);
        let public = app.get(uri).await;
        assert_eq!(public.status, 200);
        assert_eq!(public.json["meta"]["state"], "published");
        let total_after = app.get("/api/v1/use-cases").await.json["total"].clone();
        assert_eq!(total_after.as_i64(), total_before.as_i64().map(|t| t + 1));
    })
    .await;
}

#[actix_web::test]
async fn an_edit_to_a_published_entry_waits_while_the_public_keeps_the_old_one() {
    each_seeded_app(|app| async move {
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let token = editor("707");
        let original = app.get(uri).await;
        let mine = app.get(uri).bearer(&token).await;
        let edited = app
            .patch(uri)
            .bearer(&token)
            .if_match(mine.etag.as_deref())
            .json(json!({
                "title": "SmartMail – ny version",
                // The seed names no contact, and submitting needs one.
                "contact": {"name": "Digitalisering", "email": "digitalisering@example.dk"}
            }))
            .await;
        assert_eq!(edited.status, 200, "{:?}", edited.json);

        let public = app.get(uri).await;
        assert_eq!(
            public.status, 200,
            "the entry disappeared while an edit waits"
        );
        assert_eq!(public.json["title"], original.json["title"]);
        assert_eq!(
            app.get(uri).bearer(&token).await.json["title"],
            "SmartMail – ny version"
        );

        let submitted = app
            .post(&format!("{uri}/submit"))
            .bearer(&token)
            .if_match(edited.etag.as_deref())
            .await;
        let rejected = app
            .post(&format!("{uri}/reject"))
            .as_curator()
            .if_match(submitted.etag.as_deref())
            .await;
        assert_eq!(rejected.status, 422, "a rejection without a reason");
        let rejected = app
            .post(&format!("{uri}/reject"))
            .as_curator()
            .if_match(submitted.etag.as_deref())
            .json(json!({"message": "Angiv kilden til tallene."}))
            .await;
        assert_eq!(rejected.status, 200, "{:?}", rejected.json);
        assert_eq!(rejected.json["meta"]["state"], "draft");
        let history = app.get(&format!("{uri}/revisions")).bearer(&token).await;
        let last = history.json["items"]
            .as_array()
            .and_then(|a| a.last())
            .cloned()
            .unwrap_or_default();
        assert_eq!(last["transition"], "reject");
        assert_eq!(
            last["message"], "Angiv kilden til tallene.",
            "the editor cannot see the reason"
        );
        assert_eq!(app.get(uri).await.json["title"], original.json["title"]);

        let resubmitted = app
            .post(&format!("{uri}/submit"))
            .bearer(&token)
            .if_match(rejected.etag.as_deref())
            .await;
        let published = app
            .post(&format!("{uri}/publish"))
            .as_curator()
            .if_match(resubmitted.etag.as_deref())
            .await;
        assert_eq!(published.status, 200);
        assert_eq!(app.get(uri).await.json["title"], "SmartMail – ny version");
    })
    .await;
}

#[actix_web::test]
async fn archived_entries_leave_the_public_catalogue_and_can_be_restored() {
    each_seeded_app(|app| async move {
        let uri = "/api/v1/use-cases/veje-og-stier-faxe";
        let current = app.get(uri).as_curator().await;
        let archived = app
            .post(&format!("{uri}/archive"))
            .as_curator()
            .if_match(current.etag.as_deref())
            .await;
        assert_eq!(archived.status, 200, "{:?}", archived.json);
        assert_eq!(app.get(uri).await.status, 404);
        let edit = app
            .patch(uri)
            .as_curator()
            .if_match(archived.etag.as_deref())
            .json(json!({"started": "2024"}))
            .await;
        assert_eq!(
            (edit.status.as_u16(), edit.code()),
            (409, "invalid_transition")
        );
        let again = app
            .post(&format!("{uri}/archive"))
            .as_curator()
            .if_match(archived.etag.as_deref())
            .await;
        assert_eq!(again.status, 409);
        let restored = app
            .post(&format!("{uri}/restore"))
            .as_curator()
            .if_match(archived.etag.as_deref())
            .await;
        assert_eq!(restored.json["meta"]["state"], "published");
        assert_eq!(app.get(uri).await.status, 200);
    })
    .await;
}

#[actix_web::test]
async fn organisations_declare_reuse_of_others_entries() {
    each_seeded_app(|app| async move {
        let uri = "/api/v1/use-cases/ai-aktindsigt-soenderborg";
        let adopted = app
            .post(&format!("{uri}/adoptions"))
            .as_editor("707")
            .json(
                json!({"adopted_on": "2025-03-01", "note": "Bruges til aktindsigter i Norddjurs"}),
            )
            .await;
        assert_eq!(adopted.status, 201, "{:?}", adopted.json);
        let entry = app.get(uri).await;
        assert_eq!(entry.json["meta"]["adopted_by"][0]["organisation"], "707");
        assert_eq!(
            entry.json["meta"]["adopted_by"][0]["adopted_on"],
            "2025-03-01"
        );
        let own = app
            .post(&format!("{uri}/adoptions"))
            .as_editor("540")
            .json(json!({}))
            .await;
        assert_eq!(
            (own.status.as_u16(), own.code()),
            (409, "self_adoption"),
            "the owner adopted its own entry"
        );
        let for_other = app
            .post(&format!("{uri}/adoptions"))
            .as_editor("707")
            .json(json!({"organisation": "101"}))
            .await;
        assert_eq!(for_other.status, 403);
        let anonymous = app.post(&format!("{uri}/adoptions")).json(json!({})).await;
        assert_eq!(anonymous.status, 401);
    })
    .await;
}

#[actix_web::test]
async fn a_draft_without_a_contact_saves_but_cannot_be_submitted_or_published() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let mut doc = new_use_case("uden-kontakt", "707");
        doc.as_object_mut().map(|d| d.remove("contact"));
        let created = app.post("/api/v1/use-cases").bearer(&token).json(doc).await;
        assert_eq!(
            created.status, 201,
            "a draft needs no contact: {:?}",
            created.json
        );
        let uri = "/api/v1/use-cases/uden-kontakt";
        for (action, who) in [("submit", token.clone()), ("publish", curator())] {
            let refused = app
                .post(&format!("{uri}/{action}"))
                .bearer(&who)
                .if_match(created.etag.as_deref())
                .await;
            assert_eq!(refused.status, 422, "{action}: {:?}", refused.json);
            assert_eq!(refused.json["errors"][0]["field"], "contact", "{action}");
            assert_eq!(refused.json["errors"][0]["code"], "required", "{action}");
        }
        // Nothing was stored by the refusals.
        assert_eq!(
            app.get(uri).bearer(&token).await.json["meta"]["state"],
            "draft"
        );

        let fixed = app
            .patch(uri)
            .bearer(&token)
            .if_match(created.etag.as_deref())
            .json(json!({"contact": {"name": "Team Digitalisering", "email": "digital@norddjurs.dk"}}))
            .await;
        assert_eq!(fixed.status, 200, "{:?}", fixed.json);
        let submitted = app
            .post(&format!("{uri}/submit"))
            .bearer(&token)
            .if_match(fixed.etag.as_deref())
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.json);
    })
    .await;
}
