//! Other registers' files through the API: only curators import, the answer is the import's
//! report, and anyone exports the public catalogue in a register's format.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::{curator, editor};
use serde_json::json;

fn nl_record() -> String {
    json!([{
        "id": "gemeente-api-voorbeeld",
        "name": "Meldingen sorteren",
        "organization": "Gemeente Voorbeeldstad",
        "description_short": "Het algoritme stelt voor welk team een melding over de openbare ruimte krijgt.",
        "category": ["Dienstverlening"],
        "status": "In gebruik",
        "standard_version": "1.0",
        "provider": "Eigen ontwikkeling"
    }])
    .to_string()
}

const IMPORT: &str = "/api/v1/imports?format=nl-algoritmeregister";

#[actix_web::test]
async fn only_curators_import_and_the_answer_is_the_report() {
    each_seeded_app(|app| async move {
        let anonymous = app
            .post(IMPORT)
            .header(("Content-Type", "application/json"))
            .raw_body(nl_record())
            .await;
        assert_eq!(anonymous.status, 401, "{:?}", anonymous.json);
        let as_editor = app
            .post(IMPORT)
            .bearer(editor("707"))
            .header(("Content-Type", "application/json"))
            .raw_body(nl_record())
            .await;
        assert_eq!(as_editor.status, 403, "{:?}", as_editor.json);
        assert!(
            app.get("/api/v1/use-cases/nl-gemeente-api-voorbeeld")
                .await
                .status
                == 404,
            "refused imports wrote nothing"
        );

        let dry = app
            .post(&format!("{IMPORT}&dry_run=true"))
            .bearer(curator())
            .header(("Content-Type", "application/json"))
            .raw_body(nl_record())
            .await;
        assert_eq!(dry.status, 200, "{:?}", dry.json);
        assert_eq!(
            (dry.json["created"].as_u64(), dry.json["applied"].as_bool()),
            (Some(1), Some(false))
        );
        assert_eq!(
            app.get("/api/v1/use-cases/nl-gemeente-api-voorbeeld")
                .await
                .status,
            404
        );

        let done = app
            .post(IMPORT)
            .bearer(curator())
            .header(("Content-Type", "application/json"))
            .raw_body(nl_record())
            .await;
        assert_eq!(done.status, 200, "{:?}", done.json);
        assert_eq!(done.json["created"], 1);
        assert_eq!(done.json["format"], "nl-algoritmeregister");
        let entry = app.get("/api/v1/use-cases/nl-gemeente-api-voorbeeld").await;
        assert_eq!(entry.status, 200);
        assert_eq!(
            entry.json["provenance"]["references"][0]["scheme"],
            "nl_algoritmeregister"
        );
        assert_eq!(entry.json["provenance"]["language"], "nl");

        let again = app
            .post(IMPORT)
            .bearer(curator())
            .header(("Content-Type", "application/json"))
            .raw_body(nl_record())
            .await;
        assert_eq!(
            (
                again.json["created"].as_u64(),
                again.json["unchanged"].as_u64()
            ),
            (Some(0), Some(1))
        );
    })
    .await;
}

#[actix_web::test]
async fn a_file_with_problems_is_answered_with_the_report_and_writes_nothing() {
    each_seeded_app(|app| async move {
        let broken = app
            .post(IMPORT)
            .bearer(curator())
            .header(("Content-Type", "application/json"))
            .raw_body("[{\"id\": \"x\", \"name\": ")
            .await;
        assert_eq!(broken.status, 422, "{:?}", broken.json);
        assert_eq!(broken.json["problems"][0]["code"], "unreadable_json");
        assert_eq!(broken.json["applied"], false);
        let unknown = app
            .post("/api/v1/imports?format=atlantis")
            .bearer(curator())
            .raw_body(nl_record())
            .await;
        assert_eq!(unknown.status, 400);
        assert_eq!(unknown.json["parameter"], "format");
    })
    .await;
}

#[actix_web::test]
async fn anyone_exports_the_catalogue_or_one_entry_with_the_missing_required_fields() {
    each_seeded_app(|app| async move {
        let all = app.get("/api/v1/exports/nl-algoritmeregister").await;
        assert_eq!(all.status, 200);
        assert!(all.content_type().starts_with("application/json"));
        let records = all.json.as_array().expect("a list");
        assert!(
            records
                .iter()
                .any(|r| r["name"] == "Automatisk mailsortering (SmartMail)")
        );
        let with_gaps: usize = all
            .header("Aikatalog-Missing-Required")
            .and_then(|h| h.parse().ok())
            .expect("the header counts entries with gaps");
        assert!(with_gaps > 0);

        let one = app
            .get("/api/v1/exports/eurocities?entry=smartmail-norddjurs")
            .await;
        assert_eq!(one.status, 200);
        assert!(one.content_type().starts_with("application/yaml"));
        assert!(
            one.body
                .contains("name: Automatisk mailsortering (SmartMail)"),
            "{}",
            one.body
        );
        let missing = one.header("Aikatalog-Missing-Required").expect("header");
        assert!(
            missing.split(", ").any(|f| f == "publication_date"),
            "{missing}"
        );
        assert!(!missing.split(", ").any(|f| f == "name"), "{missing}");

        let none = app.get("/api/v1/exports/uk-atrs?entry=no-such-entry").await;
        assert_eq!(none.status, 404);
        let unknown = app.get("/api/v1/exports/atlantis").await;
        assert_eq!(unknown.status, 400);
    })
    .await;
}
