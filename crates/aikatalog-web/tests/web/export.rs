//! Export of the current search as CSV and JSON.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn the_current_search_exports_as_csv_and_json() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsigt&kind=use_case").await;
        assert!(page.links().iter().any(|l| l == "/soeg.csv?q=aktindsigt&kind=use_case"));
        assert!(page.links().iter().any(|l| l == "/soeg.json?q=aktindsigt&kind=use_case"));

        let csv = app.get("/soeg.csv?q=aktindsigt&kind=use_case").await;
        assert_eq!(csv.status, 200);
        assert!(csv.content_type().starts_with("text/csv"));
        let disposition = csv.headers.get("content-disposition").and_then(|v| v.to_str().ok());
        assert_eq!(disposition, Some("attachment; filename=\"ai-kataloget-soegning.csv\""));
        let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 2, "{}", csv.body);
        assert!(lines[0].starts_with("\"Type\",\"Slug\",\"Titel\",\"Ejer\""));
        assert!(lines[1].contains("\"ai-aktindsigt-soenderborg\",\"AI først – nem behandling af aktindsigt\",\"Sønderborg Kommune\",\"540\""));
        assert!(lines[1].contains("/use-cases/ai-aktindsigt-soenderborg\""));

        let en_csv = app.get("/en/search.csv?q=aktindsigt").await;
        assert!(en_csv.body.contains("\"Type\",\"Slug\",\"Title\",\"Owner\""));
        assert!(en_csv.body.contains("\"Intelligent automation; Knowledge work\""));

        let json = app.get("/soeg.json?q=aktindsigt").await;
        assert_eq!(json.status, 200);
        let value: serde_json::Value = serde_json::from_str(&json.body).expect("JSON");
        assert_eq!(value["total"], 2);
        assert_eq!(value["query"], "aktindsigt");
        let slugs: Vec<&str> = value["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["slug"].as_str())
            .collect();
        assert!(slugs.contains(&"ai-aktindsigt-soenderborg"));
        assert!(slugs.contains(&"aktindsigt-soeg-og-overstreg"));

        // Without a query, the whole catalogue; filters apply.
        let everything: serde_json::Value =
            serde_json::from_str(&app.get("/soeg.json").await.body).expect("JSON");
        assert_eq!(everything["total"], 36);
        assert_eq!(everything["items"].as_array().map(Vec::len), Some(36));
    })
    .await;
}

/// The CSV's rows as fields, header first (the fields hold no line breaks or quotes here).
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    body.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .split("\",\"")
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[actix_web::test]
async fn exports_carry_what_a_reader_needs_of_each_entry() {
    each_seeded_app(|app| async move {
        let rows = csv_rows(&app.get("/soeg.csv?kind=use_case").await.body);
        let col = |name: &str| {
            rows[0]
                .iter()
                .position(|c| c == name)
                .unwrap_or_else(|| panic!("no column {name:?} in {:?}", rows[0]))
        };
        let (slug, stage, started, contact, email, sourcing, class, percent) = (
            col("Slug"),
            col("Fase"),
            col("Startet"),
            col("Kontaktperson"),
            col("Kontakt-e-mail"),
            col("Udvikling"),
            col("Risikoklasse efter AI-forordningen"),
            col("Oplysningsgrad (%)"),
        );
        let find = |s: &str| {
            rows.iter()
                .find(|r| r[slug] == s)
                .unwrap_or_else(|| panic!("no row for {s}"))
        };
        // The partial date as written, and the percentage the API reports.
        assert_eq!(find("kk-gpt-koebenhavn")[started], "2023-11");
        let sonderborg = find("ai-aktindsigt-soenderborg");
        assert_eq!(sonderborg[stage], "Ikke oplyst");
        assert_eq!(sonderborg[class], "Ikke vurderet");
        assert_eq!(sonderborg[contact], "");
        assert_eq!(sonderborg[email], "");
        assert_eq!(sonderborg[sourcing], "");
        let api = app.get("/api/v1/use-cases/ai-aktindsigt-soenderborg").await;
        assert_eq!(
            sonderborg[percent],
            api.json["meta"]["completeness"]["percent"].to_string()
        );

        let en = csv_rows(&app.get("/en/search.csv?kind=use_case").await.body);
        for column in [
            "Started",
            "Contact",
            "Contact email",
            "Sourcing",
            "Completeness (%)",
        ] {
            assert!(
                en[0].iter().any(|c| c == column),
                "no {column:?} in {:?}",
                en[0]
            );
        }

        let json = app.get("/soeg.json?q=aktindsigt&kind=use_case").await;
        let item = &json.json["items"][0];
        assert_eq!(item["slug"], "ai-aktindsigt-soenderborg");
        assert_eq!(item["lifecycle"], "not_stated");
        assert_eq!(item["ai_act_class"], "not_assessed");
        assert_eq!(
            item["completeness_percent"],
            api.json["meta"]["completeness"]["percent"]
        );
    })
    .await;
}
