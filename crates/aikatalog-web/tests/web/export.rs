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
