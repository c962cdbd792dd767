//! The pages about the site (about, accessibility statement, the API in words) and the footer
//! that leads to them from every page.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn about_accessibility_and_api_pages_in_both_languages() {
    each_seeded_app(|app| async move {
        app.page("/om").await.shows(&[
            "Om AI-kataloget",
            "Kataloget drives af KL og KOMBIT for kommunerne.",
            "Hvor data kommer fra",
            "Sådan kommer en post med eller bliver rettet",
            "EUPL-1.2",
            "Kontakt og feedback",
        ]);
        app.page("/en/about").await.shows(&[
            "About AI-kataloget",
            "run by KL (Local Government Denmark) and KOMBIT",
            "How an entry gets in or corrected",
        ]);
        // The parts of the Danish Agency for Digital Government's template.
        app.page("/tilgaengelighed").await.shows(&[
            "Tilgængelighedserklæring",
            "Hvad erklæringen gælder",
            "overholder delvist standarden EN 301 549 og WCAG 2.1 på niveau AA",
            "Kendte mangler",
            "Sådan er webstedet testet",
            "Feedback og kontakt",
            "Digitaliseringsstyrelsen fører tilsyn",
        ]);
        app.page("/en/accessibility").await.shows(&[
            "Accessibility statement",
            "partially compliant",
            "Enforcement",
        ]);
        let api = app.page("/api-dokumentation").await;
        api.shows(&[
            "API og dokumentation",
            "At læse kræver ingen nøgle.",
            "Authorization: Bearer",
            "OpenAPI-beskrivelsen",
        ]);
        let links = api.links();
        assert!(links.contains(&"/docs/".to_owned()), "leads to Swagger UI");
        assert!(links.contains(&"/api/v1/openapi.json".to_owned()));
        app.page("/en/api-documentation")
            .await
            .shows(&["What the API offers", "Reading needs no key."]);
        // The language switch pairs them.
        assert!(
            app.page("/om")
                .await
                .links()
                .contains(&"/en/about".to_owned())
        );
    })
    .await;
}

#[actix_web::test]
async fn every_page_footer_leads_to_about_accessibility_feedback_and_api() {
    each_seeded_app(|app| async move {
        for (uri, wanted) in [
            (
                "/",
                [
                    "/om",
                    "/om#kontakt",
                    "/tilgaengelighed",
                    "/api-dokumentation",
                ],
            ),
            (
                "/use-cases/smartmail-norddjurs",
                [
                    "/om",
                    "/om#kontakt",
                    "/tilgaengelighed",
                    "/api-dokumentation",
                ],
            ),
            (
                "/en/algorithms",
                [
                    "/en/about",
                    "/en/about#kontakt",
                    "/en/accessibility",
                    "/en/api-documentation",
                ],
            ),
            // The error page too.
            (
                "/kommuner/999",
                [
                    "/om",
                    "/om#kontakt",
                    "/tilgaengelighed",
                    "/api-dokumentation",
                ],
            ),
        ] {
            let page = app.get(uri).await;
            let footer = &page.body[page.body.find("<footer").expect("a footer")..];
            let links = crate::util::attribute_values(footer, "href");
            for w in wanted {
                assert!(
                    links.contains(&w.to_owned()),
                    "{uri}'s footer lacks {w}: {links:?}"
                );
            }
        }
        app.page("/").await.shows(&[
            "Om AI-kataloget",
            "Kontakt og feedback",
            "Tilgængelighedserklæring",
            "API og dokumentation",
        ]);
    })
    .await;
}

#[actix_web::test]
async fn the_statistics_page_counts_the_catalogue_in_accessible_tables() {
    each_seeded_app(|app| async move {
        let total = app.get("/api/v1/statistics").await.json["published"]["total"]
            .as_i64()
            .unwrap_or_default();
        assert!(total > 0);
        let page = app.page("/statistik").await;
        page.shows(&[
            "Statistik om kataloget",
            "Offentliggjorte poster",
            &format!("I alt {total}"),
            "Poster efter risikoklasse i AI-forordningen",
            &format!("Ikke vurderet {total}"),
            "Høj risiko 0",
            "Use cases efter primær AI-kategori",
            "Poster efter ejerens region",
            "Region Midtjylland",
            "Poster, hvis gennemgangsdato er overskredet 0",
            "Poster med en gennemført konsekvensanalyse for grundlæggende rettigheder (FRIA) 0",
        ]);
        // Each count is a table a screen reader can name and navigate.
        assert_eq!(page.body.matches("<caption>").count(), 6, "{}", page.body);
        assert!(page.body.contains(r#"<th scope="col">Antal</th>"#));
        assert!(page.body.contains(r#"<th scope="row">Høj risiko</th>"#));
        assert!(page.links().contains(&"/en/statistics".to_owned()));
        app.page("/en/statistics").await.shows(&[
            "Catalogue statistics",
            "Entries by AI Act risk class",
            &format!("Not assessed {total}"),
            "Entries past their review date 0",
        ]);
        // Every page's footer leads to it.
        assert!(
            app.page("/")
                .await
                .links()
                .contains(&"/statistik".to_owned())
        );
        assert!(
            app.page("/en/")
                .await
                .links()
                .contains(&"/en/statistics".to_owned())
        );
    })
    .await;
}
