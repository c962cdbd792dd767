//! The English site over Danish content: Danish text is marked as Danish, and the suggested
//! searches are English ones that find something.

use aikatalog_testing::each_seeded_app;

use crate::util::{PageText, attribute_values, tags_with};

#[actix_web::test]
async fn danish_titles_are_marked_danish_on_english_cards_and_hits() {
    each_seeded_app(|app| async move {
        for uri in ["/en/", "/en/search?q=chatbot", "/en/municipalities/101"] {
            let page = app.page(uri).await;
            let titles: Vec<&str> = page
                .body
                .split("class=\"card-title\"><a ")
                .skip(1)
                .collect();
            assert!(!titles.is_empty(), "{uri} lists entries");
            for t in titles {
                let tag = t.split('>').next().unwrap_or_default();
                assert!(
                    tag.contains("lang=\"da\""),
                    "{uri}: a title without lang: {tag}"
                );
            }
            // Danish organisation names (no English one) are marked too.
            for tag in tags_with(&page.body, ">Københavns Kommune")
                .into_iter()
                .filter(|t| t.starts_with("a "))
            {
                assert!(tag.contains("lang=\"da\""), "{uri}: {tag}");
            }
        }
        let overview = app.page("/en/municipalities").await;
        assert!(
            overview.body.contains("lang=\"da\">Sønderborg Kommune</a>"),
            "the municipalities' Danish names are marked"
        );
        // An organisation with an English name is not marked Danish; one without is.
        let kl = app.page("/en/organisations/kl").await;
        assert!(
            kl.body
                .contains("<h1 id=\"org-title\">Local Government Denmark (KL)</h1>")
        );
        let kk = app.page("/en/municipalities/101").await;
        assert!(
            kk.body
                .contains("<h1 id=\"org-title\" lang=\"da\">Københavns Kommune</h1>")
        );
    })
    .await;
}

#[actix_web::test]
async fn the_english_front_page_suggests_english_searches_that_find_entries() {
    each_seeded_app(|app| async move {
        let home = app.page("/en/").await;
        home.does_not_show(&["mailsortering", "hjemmepleje"]);
        let examples: Vec<String> = attribute_values(&home.body, "href")
            .into_iter()
            .filter(|h| h.starts_with("/en/search?q="))
            .collect();
        assert_eq!(examples.len(), 4, "{examples:?}");
        for href in examples {
            let page = app.page(&href).await;
            assert!(
                page.body.contains("class=\"hit\""),
                "{href} finds nothing:\n{}",
                page.text()
            );
            page.does_not_show(&["No entries match the search"]);
        }
    })
    .await;
}
