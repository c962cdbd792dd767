//! The editorial workflow as a new user meets it.

use serde_json::json;

use crate::util::{app, curator, editor, new_use_case, seeded_databases};

#[actix_web::test]
async fn a_draft_is_invisible_until_a_curator_publishes_it() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let norddjurs = editor("707");
        let created = app
            .post(
                "/api/v1/use-cases",
                norddjurs.as_deref(),
                None,
                Some(new_use_case("ny-idé", "707")),
            )
            .await;
        // "ny-idé" is not a slug: the error names the field.
        assert_eq!(created.status, 422);
        assert_eq!(created.body["errors"][0]["field"], "slug");

        let created = app
            .create_use_case(norddjurs.as_deref(), "ny-ide", "707")
            .await;
        assert_eq!(created.body["meta"]["state"], "draft");
        assert_eq!(
            created
                .headers
                .get("location")
                .and_then(|v| v.to_str().ok()),
            Some("/api/v1/use-cases/ny-ide")
        );
        let uri = "/api/v1/use-cases/ny-ide";
        let total_before = app.get("/api/v1/use-cases", None).await.body["total"].clone();

        assert_eq!(
            app.get(uri, None).await.status,
            404,
            "anonymous sees a draft"
        );
        assert_eq!(
            app.get(uri, editor("101").as_deref()).await.status,
            404,
            "another municipality sees a draft"
        );
        assert_eq!(app.get(&format!("{uri}/revisions"), None).await.status, 404);

        let submitted = app
            .post(
                &format!("{uri}/submit"),
                norddjurs.as_deref(),
                created.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.body);
        assert_eq!(submitted.body["meta"]["state"], "submitted");
        assert_eq!(
            app.get(uri, None).await.status,
            404,
            "anonymous sees a submitted entry"
        );

        let by_editor = app
            .post(
                &format!("{uri}/publish"),
                norddjurs.as_deref(),
                submitted.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(by_editor.status, 403, "an editor published");

        let published = app
            .post(
                &format!("{uri}/publish"),
                curator().as_deref(),
                submitted.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(published.status, 200, "{:?}", published.body);
        let public = app.get(uri, None).await;
        assert_eq!(public.status, 200);
        assert_eq!(public.body["meta"]["state"], "published");
        let total_after = app.get("/api/v1/use-cases", None).await.body["total"].clone();
        assert_eq!(total_after.as_i64(), total_before.as_i64().map(|t| t + 1));
    }
}

#[actix_web::test]
async fn an_edit_to_a_published_entry_waits_while_the_public_keeps_the_old_one() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let token = editor("707");
        let original = app.get(uri, None).await;
        let mine = app.get(uri, token.as_deref()).await;
        let edited = app
            .patch(
                uri,
                token.as_deref(),
                mine.etag.as_deref(),
                json!({
                    "title": "SmartMail – ny version",
                    // The seed names no contact, and submitting needs one.
                    "contact": {"name": "Digitalisering", "email": "digitalisering@example.dk"}
                }),
            )
            .await;
        assert_eq!(edited.status, 200, "{:?}", edited.body);

        let public = app.get(uri, None).await;
        assert_eq!(
            public.status, 200,
            "the entry disappeared while an edit waits"
        );
        assert_eq!(public.body["title"], original.body["title"]);
        assert_eq!(
            app.get(uri, token.as_deref()).await.body["title"],
            "SmartMail – ny version"
        );

        let submitted = app
            .post(
                &format!("{uri}/submit"),
                token.as_deref(),
                edited.etag.as_deref(),
                None,
            )
            .await;
        let rejected = app
            .post(
                &format!("{uri}/reject"),
                curator().as_deref(),
                submitted.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(rejected.status, 422, "a rejection without a reason");
        let rejected = app
            .post(
                &format!("{uri}/reject"),
                curator().as_deref(),
                submitted.etag.as_deref(),
                Some(json!({"message": "Angiv kilden til tallene."})),
            )
            .await;
        assert_eq!(rejected.status, 200, "{:?}", rejected.body);
        assert_eq!(rejected.body["meta"]["state"], "draft");
        let history = app.get(&format!("{uri}/revisions"), token.as_deref()).await;
        let last = history.body["items"]
            .as_array()
            .and_then(|a| a.last())
            .cloned()
            .unwrap_or_default();
        assert_eq!(last["transition"], "reject");
        assert_eq!(
            last["message"], "Angiv kilden til tallene.",
            "the editor cannot see the reason"
        );
        assert_eq!(
            app.get(uri, None).await.body["title"],
            original.body["title"]
        );

        let resubmitted = app
            .post(
                &format!("{uri}/submit"),
                token.as_deref(),
                rejected.etag.as_deref(),
                None,
            )
            .await;
        let published = app
            .post(
                &format!("{uri}/publish"),
                curator().as_deref(),
                resubmitted.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(published.status, 200);
        assert_eq!(
            app.get(uri, None).await.body["title"],
            "SmartMail – ny version"
        );
    }
}

#[actix_web::test]
async fn archived_entries_leave_the_public_catalogue_and_can_be_restored() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let uri = "/api/v1/use-cases/veje-og-stier-faxe";
        let current = app.get(uri, curator().as_deref()).await;
        let archived = app
            .post(
                &format!("{uri}/archive"),
                curator().as_deref(),
                current.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(archived.status, 200, "{:?}", archived.body);
        assert_eq!(app.get(uri, None).await.status, 404);
        let edit = app
            .patch(
                uri,
                curator().as_deref(),
                archived.etag.as_deref(),
                json!({"started": "2024"}),
            )
            .await;
        assert_eq!(
            (edit.status.as_u16(), edit.code()),
            (409, "invalid_transition")
        );
        let again = app
            .post(
                &format!("{uri}/archive"),
                curator().as_deref(),
                archived.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(again.status, 409);
        let restored = app
            .post(
                &format!("{uri}/restore"),
                curator().as_deref(),
                archived.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(restored.body["meta"]["state"], "published");
        assert_eq!(app.get(uri, None).await.status, 200);
    }
}

#[actix_web::test]
async fn organisations_declare_reuse_of_others_entries() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let uri = "/api/v1/use-cases/ai-aktindsigt-soenderborg";
        let adopted = app
            .post(&format!("{uri}/adoptions"), editor("707").as_deref(), None, Some(json!({"adopted_on": "2025-03-01", "note": "Bruges til aktindsigter i Norddjurs"})))
            .await;
        assert_eq!(adopted.status, 201, "{:?}", adopted.body);
        let entry = app.get(uri, None).await;
        assert_eq!(entry.body["meta"]["adopted_by"][0]["organisation"], "707");
        assert_eq!(
            entry.body["meta"]["adopted_by"][0]["adopted_on"],
            "2025-03-01"
        );
        let own = app
            .post(
                &format!("{uri}/adoptions"),
                editor("540").as_deref(),
                None,
                Some(json!({})),
            )
            .await;
        assert_eq!(own.status, 409, "the owner adopted its own entry");
        let for_other = app
            .post(
                &format!("{uri}/adoptions"),
                editor("707").as_deref(),
                None,
                Some(json!({"organisation": "101"})),
            )
            .await;
        assert_eq!(for_other.status, 403);
        let anonymous = app
            .post(&format!("{uri}/adoptions"), None, None, Some(json!({})))
            .await;
        assert_eq!(anonymous.status, 401);
    }
}

#[actix_web::test]
async fn a_draft_without_a_contact_saves_but_cannot_be_submitted_or_published() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = editor("707");
        let mut doc = new_use_case("uden-kontakt", "707");
        doc.as_object_mut().map(|d| d.remove("contact"));
        let created = app
            .post("/api/v1/use-cases", token.as_deref(), None, Some(doc))
            .await;
        assert_eq!(
            created.status, 201,
            "a draft needs no contact: {:?}",
            created.body
        );
        let uri = "/api/v1/use-cases/uden-kontakt";
        for (action, who) in [("submit", token.clone()), ("publish", curator())] {
            let refused = app
                .post(
                    &format!("{uri}/{action}"),
                    who.as_deref(),
                    created.etag.as_deref(),
                    None,
                )
                .await;
            assert_eq!(refused.status, 422, "{action}: {:?}", refused.body);
            assert_eq!(refused.body["errors"][0]["field"], "contact", "{action}");
            assert_eq!(refused.body["errors"][0]["code"], "required", "{action}");
        }
        // Nothing was stored by the refusals.
        assert_eq!(
            app.get(uri, token.as_deref()).await.body["meta"]["state"],
            "draft"
        );

        let fixed = app
            .patch(
                uri,
                token.as_deref(),
                created.etag.as_deref(),
                json!({"contact": {"name": "Team Digitalisering", "email": "digital@norddjurs.dk"}}),
            )
            .await;
        assert_eq!(fixed.status, 200, "{:?}", fixed.body);
        let submitted = app
            .post(
                &format!("{uri}/submit"),
                token.as_deref(),
                fixed.etag.as_deref(),
                None,
            )
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    }
}
