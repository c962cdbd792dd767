//! A use case's page: its figures, needs profile, organisations, algorithms, similar cases and
//! history, in both languages.

use aikatalog_domain::UseCase;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

use crate::util::{PageText, element_text, missing_line, publish_edit, tags_with};

const SONDERBORG: &str = "/use-cases/ai-aktindsigt-soenderborg";

#[actix_web::test]
async fn sonderborgs_use_case_in_danish() {
    each_seeded_app(|app| async move {
        let page = app.page(SONDERBORG).await;
        page.shows(&[
            "AI først – nem behandling af aktindsigt",
            "Sønderborg Kommune",
            "Om løsningen",
            "Fremsøgning af dokumenter – ved upload, via API eller med RPA.",
            // Measured results, as Danish writes numbers.
            "Resultater",
            "1.500 sager pr. år",
            "33–50 %",
            "Reduktion af tid på aktindsigt",
            // The needs profile, inherited from its category, in words beside the drawing.
            "Behovsprofil",
            "arver derfor profilen fra sin kategori, Intelligent automatisering",
            "Model Specifik Specifik",
            "Data Mange specifikke data Mange specifikke data",
            "Integrationer Flere integrationer Flere integrationer",
            "Infrastruktur Realtids-compute Realtids-compute",
            "Data i løsningen",
            "Teknologier",
            "RPA",
            "Algoritmer i løsningen",
            "AI først – søgning og overstregning i sager om aktindsigt",
            "Lignende use cases",
            "Ejer Sønderborg Kommune",
            "Også brugt af Ingen har endnu meldt",
            "Primær kategori Intelligent automatisering",
            "Sekundære kategorier Vidensarbejde",
            "Fagområder Administration",
            "Klassificering",
            "Kontakt",
            "Der er ikke angivet en kontaktperson.",
            "Historik",
            "version 1: først offentliggjort",
            "Posten som JSON (API)",
        ]);
        // The drawing: an SVG image with a text alternative, four scales with two markers each.
        let svg = tags_with(&page.body, "svg class=\"profile-chart\"");
        assert_eq!(svg.len(), 1);
        assert!(svg[0].contains("role=\"img\"") && svg[0].contains("aria-labelledby"));
        assert!(
            page.body
                .contains("<desc id=\"np-desc\">Model: Specifik (kategori: Specifik)")
        );
        assert_eq!(
            page.body.matches("fill=\"#0b4f9c\"").count(),
            5,
            "a dot per scale + legend"
        );
        // Links a person follows from here.
        let links = page.links();
        for wanted in [
            "/kommuner/540",
            "/algoritmer/aktindsigt-soeg-og-overstreg",
            "/kategorier/intelligent-automation",
            "/api/v1/use-cases/ai-aktindsigt-soenderborg",
            "/en/use-cases/ai-aktindsigt-soenderborg",
        ] {
            assert!(links.iter().any(|l| l == wanted), "no link to {wanted}");
        }
        // Similar use cases: others, never itself.
        let similar = page
            .body
            .split("id=\"similar-heading\"")
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap_or("");
        assert!(similar.matches("class=\"card\"").count() >= 2, "{similar}");
        assert!(!similar.contains(SONDERBORG));
    })
    .await;
}

#[actix_web::test]
async fn sonderborgs_use_case_in_english() {
    each_seeded_app(|app| async move {
        let page = app.page(&format!("/en{SONDERBORG}")).await;
        page.shows(&[
            "Entries in the catalogue are written in Danish by the municipalities.",
            "About the solution",
            "Results",
            "1,500 sager pr. år",
            "33–50 %",
            "Needs profile",
            "inherits that of its category, Intelligent automation",
            "Model Specific Specific",
            "Integrations Several integrations Several integrations",
            "Infrastructure Real-time compute Real-time compute",
            "Algorithms in the solution",
            "Similar use cases",
            "Also used by Nobody has reported reusing it yet.",
            "Primary category Intelligent automation",
            "Domains Administration",
            "History",
            "revision 1: first published",
            "This entry as JSON (API)",
        ]);
        // The entry's own text is Danish and marked so for screen readers.
        assert!(page.body.contains(r#"<h1 id="entry-title" lang="da">"#));
        assert!(
            page.links().iter().any(|l| l == SONDERBORG),
            "the switch keeps the page"
        );
        assert!(page.links().iter().any(|l| l == "/en/municipalities/540"));
    })
    .await;
}

#[actix_web::test]
async fn an_unknown_use_case_is_an_html_not_found() {
    each_seeded_app(|app| async move {
        let da = app.get("/use-cases/findes-ikke").await;
        assert_eq!(da.status, 404);
        assert!(da.content_type().starts_with("text/html"));
        da.shows(&["Siden findes ikke"]);
        let en = app.get("/en/use-cases/no-such-thing").await;
        assert_eq!(en.status, 404);
        en.shows(&["Page not found"]);
    })
    .await;
}

#[actix_web::test]
async fn a_use_case_names_what_it_does_not_state_once() {
    each_seeded_app(|app| async move {
        let api = app.get(&format!("/api/v1{SONDERBORG}")).await;
        assert_eq!(api.status, 200);
        for en in [false, true] {
            let uri = if en {
                format!("/en{SONDERBORG}")
            } else {
                SONDERBORG.to_owned()
            };
            let page = app.page(&uri).await;
            let (line, filled, total) = missing_line(&api.json, en);
            assert_eq!(element_text(&page.body, "completeness-missing"), line);
            assert!(line.contains(if en { "stage" } else { "fase" }), "{line}");
            // The marker, in words and as a meter assistive technology reads.
            let count = if en {
                format!("{filled} of {total} stated")
            } else {
                format!("{filled} af {total} oplyst")
            };
            page.shows(&[&count]);
            assert!(page.body.contains(&format!(
                "<meter min=\"0\" max=\"{total}\" value=\"{filled}\""
            )));
            // Sønderborg's sources give no stage: it says so rather than guessing one.
            page.shows(&[if en {
                "Stage Not stated"
            } else {
                "Fase Ikke oplyst"
            }]);
            // No column of empty rows: the legal basis is named in the line only.
            page.does_not_show(&[if en {
                "Legal basis Not stated"
            } else {
                "Retsgrundlag Ikke oplyst"
            }]);
        }
    })
    .await;
}

#[actix_web::test]
async fn a_use_case_shows_its_contact_dates_assessments_and_how_it_works() {
    each_seeded(|db| async move {
        publish_edit::<UseCase>(
            &db.db,
            "ai-aktindsigt-soenderborg",
            serde_json::json!({
                "contact": {"name": "Digitaliseringsteamet", "email": "digitalisering@sonderborg.dk", "phone": "+45 88 72 40 00"},
                "started": "2024-03",
                "ended": "2025",
                "review_on": "2026-06-01",
                "sourcing": "vendor",
                "cost": {"one_off": {"amount": 250000.0, "currency": "DKK", "year": 2024}, "gains_realised": "partly"},
                "how_it_works": {"appeal": "Borgeren kan klage over afgørelsen som hidtil."},
                "assessments": [{"kind": "dpia", "status": "done", "date": "2024-03-15", "url": "https://example.dk/dpia"}],
                "provenance": {"language": "da", "references": [{"scheme": "algoritmeregister.nl", "id": "NL-42", "url": "https://example.org/nl-42"}]}
            }),
            |doc| doc["data"]["sources"] = serde_json::json!([{"name": "ESDH-systemet", "purposes": ["operation"]}]),
        );
        let app = TestApp::new(&db).await;

        let da = app.page(SONDERBORG).await;
        let text = da.text();
        let contact = text.find("Digitaliseringsteamet").expect("the contact shows");
        let about = text.find("Om løsningen").expect("the description shows");
        assert!(contact < about, "the contact comes before the description");
        assert!(da.links().iter().any(|l| l == "mailto:digitalisering@sonderborg.dk"));
        assert!(da.links().iter().any(|l| l == "tel:+4588724000"));
        da.shows(&[
            "Startet marts 2024",
            "Afsluttet 2025",
            "Gennemgås igen 1. juni 2026",
            "Udvikling: Købt hos leverandør",
            "Engangsomkostning 250.000 DKK (2024)",
            "Forventede gevinster realiseret Delvist",
            "Klage og indsigelse Borgeren kan klage over afgørelsen som hidtil.",
            "Konsekvensanalyse (DPIA): Gennemført (15. marts 2024)",
            "ESDH-systemet (brugt til drift)",
            "algoritmeregister.nl: NL-42 – den oprindelige post",
        ]);
        assert!(da.links().iter().any(|l| l == "https://example.dk/dpia"));
        assert!(da.links().iter().any(|l| l == "https://example.org/nl-42"));
        // What is now stated leaves the "not stated" line.
        let line = element_text(&da.body, "completeness-missing");
        for now_stated in ["kontaktperson", "konsekvensanalyser", "omkostninger"] {
            assert!(!line.contains(now_stated), "{line}");
        }

        let en = app.page(&format!("/en{SONDERBORG}")).await;
        en.shows(&[
            "Contact",
            "Started March 2024",
            "Ended 2025",
            "Next review 1 June 2026",
            "Sourcing: Bought from a vendor",
            "One-off cost 250,000 DKK (2024)",
            "How it works for people",
            "Appeal or objection",
            "Impact assessments",
            "Data protection impact assessment (DPIA): Done (15 March 2024)",
            "ESDH-systemet (used for operation)",
            "Provenance",
            "algoritmeregister.nl: NL-42 – the original record",
        ]);
        en.does_not_show(&["Startet", "Konsekvensanalyse (DPIA)"]);
    })
    .await;
}
