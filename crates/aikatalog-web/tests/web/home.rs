//! The front page in both languages.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

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
