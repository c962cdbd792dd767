//! A use case's page: its figures, needs profile, organisations, algorithms, similar cases and
//! history, in both languages.

use aikatalog_testing::each_seeded_app;

use crate::util::{PageText, tags_with};

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
            "Retsgrundlag Ikke oplyst",
            "Risikoklasse efter AI-forordningen Ikke vurderet",
            "Teknologier",
            "RPA",
            "Algoritmer, den bruger",
            "AI først – søgning og overstregning i sager om aktindsigt",
            "Lignende use cases",
            "Ejer Sønderborg Kommune",
            "Også brugt af Ingen har endnu meldt",
            "Primær kategori Intelligent automatisering",
            "Sekundære kategorier Vidensarbejde",
            "Fagområder Administration",
            "Kontakt",
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
            "Law, risk and human oversight",
            "EU AI Act risk class Not assessed",
            "Algorithms it uses",
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
