//! The work list: an editor's own entries in every state, a curator's review queue.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::editor;
use serde_json::{Value, json};

use crate::util::create_use_case;

fn items(body: &Value) -> Vec<Value> {
    body["items"].as_array().cloned().unwrap_or_default()
}

fn slugs(body: &Value) -> Vec<String> {
    items(body)
        .iter()
        .filter_map(|i| i["slug"].as_str().map(str::to_owned))
        .collect()
}

#[actix_web::test]
async fn an_editor_finds_their_drafts_and_a_curator_finds_what_waits_for_review() {
    each_seeded_app(|app| async move {
        let norddjurs = editor("707");
        let mut etag = None;
        for slug in ["ny-ide", "mit-udkast"] {
            let created = create_use_case(&app, &norddjurs, slug, "707").await;
            if slug == "ny-ide" {
                etag = created.etag;
            }
        }
        let submitted = app
            .post("/api/v1/use-cases/ny-ide/submit")
            .bearer(&norddjurs)
            .if_match(etag.as_deref())
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.json);

        let mine = app.get("/api/v1/me/entries").bearer(&norddjurs).await;
        assert_eq!(mine.status, 200, "{:?}", mine.json);
        let listed = items(&mine.json);
        assert_eq!(listed[0]["slug"], "ny-ide", "the newest change comes first");
        assert_eq!(listed[0]["state"], "submitted");
        assert_eq!(listed[0]["last_change"]["transition"], "submit");
        assert!(slugs(&mine.json).contains(&"mit-udkast".to_owned()));
        assert!(
            slugs(&mine.json).contains(&"smartmail-norddjurs".to_owned()),
            "published entries are on the list too"
        );
        assert!(listed.iter().all(|i| i["owner"] == "707"));
        assert_eq!(mine.json["total"].as_u64(), Some(listed.len() as u64));

        let drafts = app
            .get("/api/v1/me/entries?state=draft")
            .bearer(&norddjurs)
            .await;
        assert_eq!(slugs(&drafts.json), ["mit-udkast"]);
        let other = app.get("/api/v1/me/entries").as_editor("101").await;
        assert_eq!(other.status, 200);
        assert!(
            !slugs(&other.json)
                .iter()
                .any(|s| s == "ny-ide" || s == "mit-udkast"),
            "another municipality sees Norddjurs' drafts"
        );

        let queue = app
            .get("/api/v1/me/entries?state=submitted")
            .as_curator()
            .await;
        assert_eq!(slugs(&queue.json), ["ny-ide"]);

        let rejected = app
            .post("/api/v1/use-cases/ny-ide/reject")
            .as_curator()
            .if_match(submitted.etag.as_deref())
            .json(json!({"message": "Angiv kilden til tallene."}))
            .await;
        assert_eq!(rejected.status, 200, "{:?}", rejected.json);
        let back = app
            .get("/api/v1/me/entries?state=draft&kind=use_case")
            .bearer(&norddjurs)
            .await;
        let first = &items(&back.json)[0];
        assert_eq!(first["slug"], "ny-ide");
        assert_eq!(first["last_change"]["transition"], "reject");
        assert_eq!(
            first["last_change"]["message"], "Angiv kilden til tallene.",
            "the editor sees why"
        );
        let algorithms = app
            .get("/api/v1/me/entries?kind=algorithm")
            .bearer(&norddjurs)
            .await;
        let algorithms = items(&algorithms.json);
        assert!(!algorithms.is_empty(), "Norddjurs' algorithm is listed");
        assert!(algorithms.iter().all(|i| i["kind"] == "algorithm"));
    })
    .await;
}

#[actix_web::test]
async fn a_waiting_edit_to_a_published_entry_is_marked_pending() {
    each_seeded_app(|app| async move {
        let token = editor("707");
        let uri = "/api/v1/use-cases/smartmail-norddjurs";
        let before = app.get("/api/v1/me/entries").bearer(&token).await;
        let entry = |body: &Value| {
            items(body)
                .into_iter()
                .find(|i| i["slug"] == "smartmail-norddjurs")
                .expect("the entry is listed")
        };
        assert_eq!(entry(&before.json)["pending_change"], false);

        let current = app.get(uri).bearer(&token).await;
        let edited = app
            .patch(uri)
            .bearer(&token)
            .if_match(current.etag.as_deref())
            .json(json!({"title": "SmartMail – ny version"}))
            .await;
        assert_eq!(edited.status, 200, "{:?}", edited.json);
        let after = app.get("/api/v1/me/entries").bearer(&token).await;
        let listed = entry(&after.json);
        assert_eq!(listed["pending_change"], true);
        assert_eq!(listed["title"], "SmartMail – ny version");
        assert_ne!(listed["revision"], listed["published_revision"]);

        // Archiving adds a revision but changes no document: nothing waits.
        let faxe = "/api/v1/use-cases/veje-og-stier-faxe";
        let read = app.get(faxe).as_curator().await;
        let archived = app
            .post(&format!("{faxe}/archive"))
            .as_curator()
            .if_match(read.etag.as_deref())
            .await;
        assert_eq!(archived.status, 200, "{:?}", archived.json);
        let queue = app
            .get("/api/v1/me/entries?state=archived")
            .as_curator()
            .await;
        let faxe_item = items(&queue.json)
            .into_iter()
            .find(|i| i["slug"] == "veje-og-stier-faxe")
            .expect("the archived entry is listed");
        assert_eq!(faxe_item["pending_change"], false, "{faxe_item:?}");
    })
    .await;
}

#[actix_web::test]
async fn the_work_list_needs_a_token_and_names_a_bad_parameter() {
    each_seeded_app(|app| async move {
        let anonymous = app.get("/api/v1/me/entries").await;
        assert_eq!(anonymous.status, 401);
        for (uri, parameter) in [
            ("/api/v1/me/entries?state=pending", "state"),
            ("/api/v1/me/entries?kind=usecase", "kind"),
            ("/api/v1/me/entries?limit=0", "limit"),
            ("/api/v1/me/entries?owner=101", "owner"),
        ] {
            let reply = app.get(uri).as_curator().await;
            assert_eq!(reply.status, 400, "{uri}");
            assert_eq!(reply.json["parameter"], parameter, "{uri}");
        }
    })
    .await;
}
