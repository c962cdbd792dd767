//! The algorithm register: the filterable list and a page per algorithm.

use aikatalog_domain::Algorithm;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

use crate::util::{PageText, element_text, missing_line, publish_edit};

const SLUG: &str = "aktindsigt-soeg-og-overstreg";
const ALGORITHM: &str = "/algorithms/aktindsigt-soeg-og-overstreg";

#[actix_web::test]
async fn the_register_filters() {
    each_seeded_app(|app| async move {
        let all = app.page("/algoritmer").await;
        all.shows(&[
            "Algoritmeregister",
            "10 / 10 algoritmer vist",
            "Algoritme Formål Ejer Modeltype Risikoklasse efter AI-forordningen Fase Kildekode Use cases",
            "AI først – søgning og overstregning i sager om aktindsigt",
        ]);
        assert_eq!(all.body.matches("<th scope=\"row\">").count(), 10);
        // Only the name is a row header; the purpose is an ordinary cell, not bold.
        let first_row = all.body.split("<th scope=\"row\">").nth(1).expect("a row");
        let header = &first_row[..first_row.find("</th>").expect("the header ends")];
        assert!(!header.contains("<br>") && !header.contains("muted"), "{header}");
        assert!(first_row.contains("<td class=\"register-purpose\" lang=\"da\""));
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
            "Kildekode",
            "Data i drift",
            "Ydeevne",
            "Use cases, der bruger den",
            "AI først – nem behandling af aktindsigt",
            "Historik",
        ]);
        // The entry states no risks and no versions: those sections are left out, not filled
        // with "none" lines.
        page.does_not_show(&[
            "Risici og sikringer",
            "Versioner",
            "Der er ikke beskrevet risici",
            "Der er ikke angivet versioner",
        ]);
        assert!(
            page.links()
                .iter()
                .any(|l| l == "/api/v1/algorithms/aktindsigt-soeg-og-overstreg")
        );
        let en = app
            .page("/en/algorithms/aktindsigt-soeg-og-overstreg")
            .await;
        en.shows(&["Data in operation", "Use cases using it"]);
        en.does_not_show(&["Risks and safeguards", "No risks", "No versions"]);
        assert_eq!(app.get("/algoritmer/findes-ikke").await.status, 404);
    })
    .await;
}

#[actix_web::test]
async fn an_algorithm_names_what_it_does_not_state_once() {
    each_seeded_app(|app| async move {
        let api = app.get(&format!("/api/v1{ALGORITHM}")).await;
        assert_eq!(api.status, 200);
        for (uri, en) in [
            (format!("/algoritmer/{SLUG}"), false),
            (format!("/en{ALGORITHM}"), true),
        ] {
            let page = app.page(&uri).await;
            let (line, filled, total) = missing_line(&api.json, en);
            assert_eq!(element_text(&page.body, "completeness-missing"), line);
            page.shows(&[&if en {
                format!("{filled} of {total} stated")
            } else {
                format!("{filled} af {total} oplyst")
            }]);
        }
    })
    .await;
}

#[actix_web::test]
async fn an_algorithm_shows_its_contact_learning_type_inputs_and_assessments() {
    each_seeded(|db| async move {
        publish_edit::<Algorithm>(
            &db.db,
            SLUG,
            serde_json::json!({
                "contact": {"name": "Dataenheden", "email": "data@sonderborg.dk"},
                "learning_type": "hybrid",
                "inputs": "Dokumenter i sagen",
                "outputs": "Forslag til overstregninger",
                "maintenance": "Ordlisterne opdateres hvert kvartal",
                "review_on": "2026-01-15",
                "risks": [{"risk": "Forkert overstregning", "safeguard": "En medarbejder gennemgår alt"}],
                "versions": [{"version": "1.0", "released": "2024-01-10"}],
                "assessments": [{"kind": "pre_deployment_test", "status": "in_progress", "date": "2025-09"}]
            }),
            |_| {},
        );
        let app = TestApp::new(&db).await;
        let da = app.page(&format!("/algoritmer/{SLUG}")).await;
        let text = da.text();
        let contact = text.find("Dataenheden").expect("the contact shows");
        assert!(contact < text.find("Model Modeltype").expect("the model section"));
        assert!(da.links().iter().any(|l| l == "mailto:data@sonderborg.dk"));
        da.shows(&[
            "Læringstype Hybrid",
            "Input Dokumenter i sagen",
            "Output Forslag til overstregninger",
            "Vedligeholdelse Ordlisterne opdateres hvert kvartal",
            "Test før idriftsættelse: I gang (september 2025)",
            "Gennemgås igen 15. januar 2026",
            // Stated risks and versions get their sections.
            "Risici og sikringer Risiko Sikring Forkert overstregning En medarbejder gennemgår alt",
            "Versioner 1.0 — 10. januar 2024",
        ]);
        let line = element_text(&da.body, "completeness-missing");
        assert!(!line.contains("kontaktperson"), "{line}");
        app.page(&format!("/en{ALGORITHM}")).await.shows(&[
            "Learning type Hybrid",
            "Inputs Dokumenter i sagen",
            "Maintenance",
            "Pre-deployment test: In progress (September 2025)",
            "Next review 15 January 2026",
        ]);
    })
    .await;
}
