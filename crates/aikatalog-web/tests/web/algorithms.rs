//! The algorithm register: the filterable list and a page per algorithm.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn the_register_filters() {
    each_seeded_app(|app| async move {
        let all = app.page("/algoritmer").await;
        all.shows(&[
            "Algoritmeregister",
            "10 / 10 algoritmer vist",
            "Algoritme Ejer Modeltype Risikoklasse efter AI-forordningen Fase Kildekode Use cases",
            "AI først – søgning og overstregning i sager om aktindsigt",
        ]);
        assert_eq!(all.body.matches("<th scope=\"row\">").count(), 10);
        for label in [
            "for=\"af-q\"",
            "for=\"af-model\"",
            "for=\"af-ai_act\"",
            "for=\"af-lifecycle\"",
            "for=\"af-owner\"",
            "for=\"af-source\"",
        ] {
            assert!(
                all.body.contains(label),
                "a filter lacks its label: {label}"
            );
        }

        let general = app.page("/algoritmer?model=general").await;
        let shown: usize = general
            .text()
            .split(" / 10 algoritmer vist")
            .next()
            .and_then(|s| s.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("the count of shown algorithms");
        assert!(shown > 0 && shown < 10, "{shown}");
        assert_eq!(general.body.matches("<th scope=\"row\">").count(), shown);
        general.shows(&["Fjern alle filtre"]);
        let words = app.page("/algoritmer?q=overstregning").await;
        words.shows(&[
            "1 / 10 algoritmer vist",
            "AI først – søgning og overstregning",
        ]);
        app.page("/en/algorithms?q=overstregning")
            .await
            .shows(&["1 / 10 algorithms shown", "Model type"]);
    })
    .await;
}

#[actix_web::test]
async fn an_algorithm_shows_its_transparency_fields_and_users() {
    each_seeded_app(|app| async move {
        let page = app.page("/algoritmer/aktindsigt-soeg-og-overstreg").await;
        page.shows(&[
            "Algoritme",
            "AI først – søgning og overstregning i sager om aktindsigt",
            "Sønderborg Kommune",
            "Model Modeltype",
            "Risikoklasse efter AI-forordningen",
            "Kildekode",
            "Træningsdata",
            "Data i drift",
            "Ydeevne",
            "Menneskelig kontrol",
            "Risici og sikringer",
            "Versioner",
            "Use cases, der bruger den",
            "AI først – nem behandling af aktindsigt",
            "Historik",
        ]);
        assert!(
            page.links()
                .iter()
                .any(|l| l == "/api/v1/algorithms/aktindsigt-soeg-og-overstreg")
        );
        app.page("/en/algorithms/aktindsigt-soeg-og-overstreg")
            .await
            .shows(&[
                "Training data",
                "Data in operation",
                "Risks and safeguards",
                "Use cases using it",
            ]);
        assert_eq!(app.get("/algoritmer/findes-ikke").await.status, 404);
    })
    .await;
}
