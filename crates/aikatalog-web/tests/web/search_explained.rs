//! The search page says what search did: a corrected word with a link that searches exactly
//! what was typed, the corrected word marked, suggestions instead of an empty result, and
//! organisations the query names above the hits. In Danish and English, with what was typed
//! escaped wherever it is shown again.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn a_corrected_word_says_so_and_offers_the_search_as_typed() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsit").await;
        page.shows(&[
            "Viser resultater for »aktindsigt«. Søg i stedet efter »aktindsit«",
            "2 resultater for »aktindsigt«",
            "AI først – nem behandling af aktindsigt",
        ]);
        page.does_not_show(&["Nogle ord fandtes ikke præcist"]);
        assert!(
            page.body.to_lowercase().contains("<mark>aktindsigt"),
            "the corrected word is marked in the hits"
        );
        let exact = "/soeg?q=aktindsit&exact=true";
        assert!(
            page.links().contains(&exact.to_owned()),
            "{:?}",
            page.links()
        );

        // The link really searches what was typed: nothing, with suggestions instead.
        let typed = app.page(exact).await;
        typed.shows(&[
            "0 resultater for »aktindsit«",
            "Ingen poster passer på søgningen",
            "Forslag",
            "Ord i kataloget, der staves næsten sådan:",
            "Foreslå en ny anvendelse",
        ]);
        typed.does_not_show(&["Viser resultater for"]);
        let links = typed.links();
        assert!(
            links.contains(&"/soeg?q=aktindsigt".to_owned()),
            "{links:?}"
        );
        assert_eq!(
            links
                .iter()
                .filter(|l| l.starts_with("/kategorier/"))
                .count(),
            12,
            "the twelve categories are offered: {links:?}"
        );
        assert!(links.contains(&"/mit-arbejde/anvendelser/ny".to_owned()));
        // No export of nothing.
        assert!(
            !links
                .iter()
                .any(|l| l.contains(".csv") || l.contains(".json?") || l.ends_with(".json")),
            "{links:?}"
        );
        // The near word's link finds the entries.
        app.page("/soeg?q=aktindsigt")
            .await
            .shows(&["2 resultater for »aktindsigt«"]);
        // Proposing an entry asks a signed-out visitor to sign in first.
        let propose = app.get("/mit-arbejde/anvendelser/ny").await;
        assert!(propose.status.is_redirection(), "{}", propose.status);
        assert!(
            propose
                .header("location")
                .is_some_and(|l| l.starts_with("/log-ind")),
            "{:?}",
            propose.header("location")
        );

        let en = app.page("/en/search?q=aktindsit").await;
        en.shows(&[
            "Showing results for »aktindsigt«. Search instead for »aktindsit«",
            "2 results for »aktindsigt«",
        ]);
        assert!(
            en.links()
                .contains(&"/en/search?q=aktindsit&exact=true".to_owned())
        );
        let en_typed = app.page("/en/search?q=aktindsit&exact=true").await;
        en_typed.shows(&[
            "Suggestions",
            "Words in the catalogue spelt nearly so:",
            "Propose a new use case",
        ]);
        assert!(
            en_typed
                .links()
                .contains(&"/en/search?q=aktindsigt".to_owned())
        );
    })
    .await;
}

#[actix_web::test]
async fn a_search_with_hits_offers_exports_and_no_suggestions() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsigt").await;
        page.does_not_show(&["Forslag", "Viser resultater for"]);
        assert!(
            page.links()
                .iter()
                .any(|l| l.contains("q=aktindsigt") && l.contains("csv"))
        );
    })
    .await;
}

#[actix_web::test]
async fn a_query_that_names_an_organisation_offers_its_page_first() {
    each_seeded_app(|app| async move {
        for (q, href) in [
            ("S%C3%B8nderborg", "/kommuner/540"),
            ("Norddjurs+Kommune", "/kommuner/707"),
            ("KOMBIT", "/organisationer/kombit"),
        ] {
            let page = app.page(&format!("/soeg?q={q}")).await;
            page.shows(&["Organisationer med det navn"]);
            let links = page.links();
            let card = links.iter().position(|l| l == href);
            let first_hit = links
                .iter()
                .position(|l| l.starts_with("/use-cases/") || l.starts_with("/algoritmer/"));
            assert!(card.is_some(), "{q}: no link to {href}: {links:?}");
            if let Some(hit) = first_hit {
                assert!(
                    card < Some(hit),
                    "{q}: the organisation comes after the hits"
                );
            }
        }
        app.page("/soeg?q=mailsortering")
            .await
            .does_not_show(&["Organisationer med det navn"]);
        let en = app.page("/en/search?q=Norddjurs").await;
        en.shows(&["Organisations of that name"]);
        assert!(en.links().contains(&"/en/municipalities/707".to_owned()));
    })
    .await;
}

#[actix_web::test]
async fn what_was_typed_is_escaped_wherever_it_is_shown() {
    each_seeded_app(|app| async move {
        // Corrected, with markup in a quoted phrase that searches nothing (`at` is a stop word
        // in Danish and English).
        let page = app.page("/soeg?q=aktindsit+%22%3Cat%3E%22").await;
        page.shows(&[
            "Viser resultater for »aktindsigt \"<at>\"«",
            "Søg i stedet efter »aktindsit \"<at>\"«",
        ]);
        assert!(
            !page.body.contains("<at>"),
            "typed markup is not echoed raw"
        );
        assert!(page.body.contains("&#60;at&#62;") || page.body.contains("&lt;at&gt;"));
        // Nothing found.
        let none = app.page("/soeg?q=%3Cb%3Eqzxwvy%3C%2Fb%3E").await;
        none.shows(&["0 resultater for »<b>qzxwvy</b>«", "Forslag"]);
        assert!(!none.body.contains("<b>qzxwvy"));
        let en = app.page("/en/search?q=%3Cb%3Eqzxwvy%3C%2Fb%3E").await;
        assert!(!en.body.contains("<b>qzxwvy"));
        en.shows(&["Suggestions"]);
    })
    .await;
}

#[actix_web::test]
async fn an_empty_result_offers_what_others_searched_for_often() {
    each_seeded_app(|app| async move {
        // Five searches that found something, normalised to one query; four of another; a
        // number is never counted.
        for q in [
            "Aktindsigt",
            "aktindsigt+",
            "+aktindsigt",
            "AKTINDSIGT",
            "aktindsigt",
        ] {
            app.page(&format!("/soeg?q={q}")).await;
        }
        for _ in 0..4 {
            app.page("/soeg?q=chatbot").await;
        }
        for _ in 0..5 {
            app.page("/soeg?q=aktindsigt+2024").await;
        }
        let empty = app.page("/soeg?q=qzxwvy").await;
        empty.shows(&["Det søger andre ofte efter:"]);
        let links = empty.links();
        assert!(
            links.contains(&"/soeg?q=aktindsigt".to_owned()),
            "{links:?}"
        );
        assert!(!links.contains(&"/soeg?q=chatbot".to_owned()), "{links:?}");
        assert!(
            !links.iter().any(|l| l.contains("2024")),
            "a query with a number is never counted: {links:?}"
        );
        let en = app.page("/en/search?q=qzxwvy").await;
        en.shows(&["What others often search for:"]);
        assert!(en.links().contains(&"/en/search?q=aktindsigt".to_owned()));
    })
    .await;
}
