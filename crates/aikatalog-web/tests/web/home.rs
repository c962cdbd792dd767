//! The front page in both languages.

use aikatalog_domain::UseCase;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

use crate::util::{PageText, publish_edit};

#[actix_web::test]
async fn front_page_shows_search_counts_categories_and_recent_entries() {
    each_seeded_app(|app| async move {
        let da = app.page("/").await;
        da.shows(&[
            "Find ud af, hvad andre kommuner har gjort med AI",
            "Søg i use cases og algoritmer",
            // The seed data: 26 use cases, 10 algorithms, 7 of 98 municipalities, 2 in operation.
            "26 use cases",
            "10 algoritmer i registret",
            "7 kommuner deltager ud af 98",
            "2 løsninger i drift",
            "De tolv AI-kategorier",
            "1 Perception",
            "12 Optimering og planlægning",
            "Senest ændret",
        ]);
        assert!(da.body.contains(r#"<html lang="da">"#));
        assert!(
            da.body.contains(r#"<label for="q">"#),
            "the search box is labelled"
        );
        assert!(
            da.links().contains(&"/en/".to_owned()),
            "the switch leads to English"
        );
        assert_eq!(
            da.body.matches("class=\"card\"").count(),
            6,
            "six recent entries"
        );

        let en = app.page("/en/").await;
        en.shows(&[
            "Find out what other municipalities have done with AI",
            "26 use cases",
            "10 algorithms in the register",
            "7 municipalities take part, of 98",
            "2 solutions in operation",
            "1 Perception",
            "2 Intelligent automation",
            "Recently changed",
        ]);
        assert!(en.body.contains(r#"<html lang="en">"#));
        assert!(
            en.links().contains(&"/".to_owned()),
            "the switch leads to Danish"
        );
        // "/en" is the English front page too.
        assert_eq!(app.get("/en").await.status, 308);
    })
    .await;
}

#[actix_web::test]
async fn recently_changed_lists_what_people_changed_then_the_newest_projects() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let home = app.page("/").await;
        // The seed import publishes everything in one instant: that date says nothing, so the
        // cards do not show it, and the newest projects come first.
        home.does_not_show(&["Ændret"]);
        let first = home.body.split("class=\"card\"").nth(1).expect("a card");
        assert!(
            crate::util::visible_text(first).contains("startet 2024"),
            "the newest project comes first: {first}"
        );
        app.page("/use-cases/smartmail-norddjurs")
            .await
            .does_not_show(&["ændret"]);

        // An editor's change, once published, is a change a reader cares about.
        publish_edit::<UseCase>(
            &db.db,
            "smartmail-norddjurs",
            serde_json::json!({"summary": "Norddjurs Kommune sorterer mails automatisk med SmartMail."}),
            |_| {},
        );
        let home = app.page("/").await;
        let first = home.body.split("class=\"card\"").nth(1).expect("a card");
        let first = crate::util::visible_text(first);
        assert!(
            first.contains("Automatisk mailsortering (SmartMail)") && first.contains("Ændret "),
            "the changed entry leads, with its date: {first}"
        );
        // The entry's own page says so beside its stage.
        app.page("/use-cases/smartmail-norddjurs")
            .await
            .shows(&["Use case · I drift · ændret "]);
        app.page("/en/").await.shows(&["Changed "]);
    })
    .await;
}
