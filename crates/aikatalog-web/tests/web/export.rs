//! Downloads: the current search and the whole catalogue, as CSV (for Danish Excel on the
//! Danish pages) and JSON.

use aikatalog_domain::UseCase;
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};
use serde_json::json;

use crate::other_registers::{DUTCH_RECORD, DUTCH_SLUG, import_dutch_entry};
use crate::util::{PageText, publish_edit};

#[actix_web::test]
async fn the_current_search_exports_as_csv_and_json() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsigt&kind=use_case").await;
        assert!(
            page.links()
                .iter()
                .any(|l| l == "/soeg.csv?q=aktindsigt&kind=use_case")
        );
        assert!(
            page.links()
                .iter()
                .any(|l| l == "/soeg.json?q=aktindsigt&kind=use_case")
        );

        let csv = app.get("/soeg.csv?q=aktindsigt&kind=use_case").await;
        assert_eq!(csv.status, 200);
        assert!(csv.content_type().starts_with("text/csv"));
        let disposition = csv
            .headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok());
        assert_eq!(
            disposition,
            Some("attachment; filename=\"ai-kataloget-soegning.csv\"")
        );
        let rows = csv_rows(&csv.body, ';');
        assert_eq!(rows.len(), 2, "{}", csv.body);
        assert_eq!(rows[0][..4], ["Type", "Slug", "Titel", "Ejer"]);
        assert_eq!(
            rows[1][1..5],
            [
                "ai-aktindsigt-soenderborg",
                "AI først – nem behandling af aktindsigt",
                "Sønderborg Kommune",
                "540"
            ]
        );
        assert!(
            rows[1]
                .iter()
                .any(|f| f.ends_with("/use-cases/ai-aktindsigt-soenderborg"))
        );

        // English spreadsheets split on commas.
        let en_csv = app.get("/en/search.csv?q=aktindsigt").await;
        assert!(
            en_csv
                .body
                .contains("\"Type\",\"Slug\",\"Title\",\"Owner\"")
        );
        assert!(
            en_csv
                .body
                .contains("\"Intelligent automation; Knowledge work\"")
        );

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

/// The CSV's records as fields, header first, read as a spreadsheet reads it: quoted fields
/// (with doubled quotes and line breaks inside) split on `sep`, after the byte order mark.
pub fn csv_rows(body: &str, sep: char) -> Vec<Vec<String>> {
    let body = body
        .strip_prefix('\u{feff}')
        .expect("the CSV starts with a byte order mark");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = body.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "a quoted field is not closed");
    rows
}

#[actix_web::test]
async fn exports_carry_what_a_reader_needs_of_each_entry() {
    each_seeded_app(|app| async move {
        let rows = csv_rows(&app.get("/soeg.csv?kind=use_case").await.body, ';');
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

        let en = csv_rows(&app.get("/en/search.csv?kind=use_case").await.body, ',');
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

/// Whether a spreadsheet cell holds a time as `2024-03-05 14:03:07`: no `T`, fraction or zone.
fn is_spreadsheet_time(cell: &str) -> bool {
    let b = cell.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[actix_web::test]
async fn the_whole_catalogue_downloads_as_csv_that_danish_excel_opens() {
    each_seeded(|db| async move {
        // A summary that would run as a formula, over two lines, with quotes and separators.
        publish_edit::<UseCase>(
            &db.db,
            "ai-aktindsigt-soenderborg",
            json!({
                "summary": "=HYPERLINK(\"https://evil.example\";\"klik\")\nAnden linje; med semikolon, og komma",
                "contact": { "name": "Anna Andersen", "email": "anna@sonderborg.dk" },
            }),
            |_| {},
        );
        import_dutch_entry(&db.db);
        let app = TestApp::new(&db).await;

        // Linked from the front page, the algorithm register and the search page.
        for page in ["/", "/algoritmer", "/soeg"] {
            let links = app.page(page).await.links();
            for link in ["/use-cases.csv", "/algoritmer.csv"] {
                assert!(links.iter().any(|l| l == link), "{page} lacks {link}");
            }
        }
        let links = app.page("/").await.links();
        assert!(links.iter().any(|l| l == "/use-cases.json"));
        assert!(links.iter().any(|l| l == "/algoritmer.json"));
        assert!(app.page("/en/").await.links().iter().any(|l| l == "/en/use-cases.csv"));

        let reply = app.get("/use-cases.csv").await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type(), "text/csv; charset=utf-8");
        assert_eq!(
            reply.header("content-disposition"),
            Some("attachment; filename=\"ai-kataloget-use-cases.csv\"")
        );
        // UTF-8 with a byte order mark, records ending in CRLF, semicolons between fields.
        assert!(reply.body.starts_with("\u{feff}\"Type\";\"Slug\";\"Titel\";"));
        assert!(reply.body.ends_with("\"\r\n"));
        let rows = csv_rows(&reply.body, ';');
        let width = rows[0].len();
        assert_eq!(width, 23, "{:?}", rows[0]);
        assert_eq!(rows.len(), 1 + 27, "every use case, the imported one too");
        assert!(rows.iter().all(|r| r.len() == width), "a row of another width");
        let col = |name: &str| {
            rows[0]
                .iter()
                .position(|c| c == name)
                .unwrap_or_else(|| panic!("no column {name:?} in {:?}", rows[0]))
        };
        let find = |slug: &str| {
            rows.iter()
                .find(|r| r[col("Slug")] == slug)
                .unwrap_or_else(|| panic!("no row for {slug}"))
        };
        // The formula is defused (shown as text), the line break and separators kept.
        let sonderborg = find("ai-aktindsigt-soenderborg");
        assert_eq!(
            sonderborg[col("Resumé")],
            "'=HYPERLINK(\"https://evil.example\";\"klik\")\nAnden linje; med semikolon, og komma"
        );
        assert_eq!(sonderborg[col("Ejer")], "Sønderborg Kommune");
        assert_eq!(sonderborg[col("Land")], "DK");
        assert_eq!(sonderborg[col("Kontaktperson")], "Anna Andersen");
        assert_eq!(sonderborg[col("Kontakt-e-mail")], "anna@sonderborg.dk");
        assert_eq!(sonderborg[col("Kilde")], "AI-kataloget");
        assert_eq!(sonderborg[col("Fase")], "Ikke oplyst");
        assert_eq!(sonderborg[col("Risikoklasse efter AI-forordningen")], "Ikke vurderet");
        // Dates without fractions or zone, which Excel reads as times.
        for r in &rows[1..] {
            let published = &r[col("Offentliggjort (UTC)")];
            assert!(is_spreadsheet_time(published), "{published:?}");
        }
        // What a reader needs: vendors and results where the entry has them.
        assert!(rows[1..].iter().any(|r| !r[col("Leverandører")].is_empty()));
        assert!(rows[1..].iter().any(|r| !r[col("Resultater")].is_empty()));
        // Where an imported entry comes from, and under which licence.
        let dutch = find(DUTCH_SLUG);
        assert_eq!(dutch[col("Kilde")], "Det hollandske algoritmeregister");
        assert_eq!(dutch[col("Oprindelig post")], DUTCH_RECORD);
        assert_eq!(dutch[col("Licens")], "EUPL v1.2");
        assert_eq!(dutch[col("Land")], "NL");

        let algorithms = app.get("/algoritmer.csv").await;
        assert_eq!(
            algorithms.header("content-disposition"),
            Some("attachment; filename=\"ai-kataloget-algoritmer.csv\"")
        );
        let rows = csv_rows(&algorithms.body, ';');
        assert_eq!(rows.len(), 1 + 10);
        assert!(rows.iter().all(|r| r.len() == 23));
        assert!(rows[1..].iter().all(|r| r[0] == "Algoritme"), "{:?}", rows[1]);

        // The English download is for English spreadsheets: commas.
        let en = csv_rows(&app.get("/en/use-cases.csv").await.body, ',');
        assert_eq!(en.len(), 1 + 27);
        for column in ["Summary", "Vendors", "Results", "Source", "Original record", "Licence"] {
            assert!(en[0].iter().any(|c| c == column), "no {column:?} in {:?}", en[0]);
        }

        let json = app.get("/use-cases.json").await;
        assert_eq!(json.status, 200);
        assert_eq!(json.json["total"], 27);
        let items = json.json["items"].as_array().expect("items");
        let dutch = items
            .iter()
            .find(|i| i["slug"] == DUTCH_SLUG)
            .expect("the imported entry");
        assert_eq!(dutch["source"], "nl_algoritmeregister");
        assert_eq!(dutch["owner_country"], "NL");
        let published = dutch["published_at"].as_str().expect("a time");
        assert!(published.ends_with('Z') && !published.contains('.'), "{published}");
        let algorithms = app.get("/algoritmer.json").await;
        assert_eq!(algorithms.json["total"], 10);
        assert_eq!(algorithms.json["items"][0]["kind"], "algorithm");
    })
    .await;
}
