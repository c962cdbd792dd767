//! The municipalities by region, and a page per organisation.

use aikatalog_domain::Organisation;
use aikatalog_storage::models::reference_records::{self, RefKind};
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};

use crate::util::PageText;

#[actix_web::test]
async fn all_98_by_region_with_their_part() {
    each_seeded_app(|app| async move {
        let page = app.page("/kommuner").await;
        page.shows(&[
            "7 af 98 kommuner ejer, deltager i eller genbruger mindst én use case",
            "Region Nordjylland — 0 / 11 deltager",
            "Region Midtjylland — 1 / 19 deltager",
            "Region Syddanmark — 2 / 22 deltager",
            "Region Hovedstaden",
            "Region Sjælland",
            "Sønderborg Kommune Ejer 1 Partner 0 Genbruger 0",
            "Norddjurs Kommune Ejer 1 Partner 0 Genbruger 0",
            "Læsø Kommune Ejer 0 Partner 0 Genbruger 0",
            // Written out, not abbreviated.
            "Partner = use cases den er partner i",
        ]);
        page.does_not_show(&["Genbr.", " Del "]);
        assert_eq!(page.body.matches("<li class=\"muni").count(), 98);
        assert_eq!(page.body.matches("<li class=\"muni active\"").count(), 7);

        let en = app.page("/en/municipalities").await;
        en.shows(&[
            "7 of 98 municipalities own, take part in or reuse at least one use case",
            "North Denmark Region — 0 / 11 take part",
            "Sønderborg Kommune Owns 1 Partner 0 Reuses 0",
        ]);
    })
    .await;
}

#[actix_web::test]
async fn a_municipality_and_another_organisation() {
    each_seeded_app(|app| async move {
        let page = app.page("/kommuner/540").await;
        page.shows(&[
            "Kommune · Region Syddanmark",
            "Sønderborg Kommune",
            "Use cases den ejer 1",
            "Use cases den ejer",
            "AI først – nem behandling af aktindsigt",
            "Algoritmer",
            "AI først – søgning og overstregning i sager om aktindsigt",
        ]);
        app.page("/en/municipalities/540").await.shows(&[
            "Municipality · Region of Southern Denmark",
            "Use cases it owns",
        ]);
        // A municipality without entries says so.
        app.page("/kommuner/825").await.shows(&[
            "Læsø Kommune",
            "Organisationen har ingen offentliggjorte poster i kataloget endnu.",
        ]);
        // Each organisation has one address.
        assert_eq!(app.get("/organisationer/540").await.status, 404);
        assert_eq!(app.get("/kommuner/kombit").await.status, 404);
        assert_eq!(app.get("/kommuner/999").await.status, 404);
        app.page("/organisationer/kombit").await.shows(&["KOMBIT"]);
    })
    .await;
}

#[actix_web::test]
async fn cards_say_when_a_use_case_started() {
    each_seeded_app(|app| async move {
        // KK-GPT's sources give the month it started, the others in Copenhagen the year.
        app.page("/kommuner/101")
            .await
            .shows(&["startet november 2023", "startet 2024"]);
        app.page("/en/municipalities/101")
            .await
            .shows(&["started November 2023"]);
    })
    .await;
}

#[actix_web::test]
async fn an_organisation_shows_how_to_reach_it_and_its_register_numbers() {
    each_seeded(|db| async move {
        let stored = db
            .db
            .read(|c| reference_records::current(c, RefKind::Organisation, "540"))
            .expect("read")
            .expect("Sønderborg is seeded");
        let mut doc: serde_json::Value = serde_json::from_str(&stored.document).expect("json");
        doc["website"] = "https://sonderborgkommune.dk/".into();
        doc["ai_contact"] = serde_json::json!({"name": "AI-teamet", "email": "ai@sonderborg.dk"});
        doc["postal_address"] =
            serde_json::json!({"street": "Rådhustorvet 10", "postcode": "6400", "city": "Sønderborg"});
        doc["identifiers"] = serde_json::json!([
            {"scheme": "cvr", "value": "29189730"},
            {"scheme": "other", "value": "540", "scheme_name": "Kommunekode"}
        ]);
        let org: Organisation = serde_json::from_value(doc).expect("the edited record parses");
        db.db
            .write_with(|c| reference_records::sync_organisation(c, &org, "test"))
            .expect("save the organisation");
        let app = TestApp::new(&db).await;
        let da = app.page("/kommuner/540").await;
        da.shows(&[
            "Hjemmeside sonderborgkommune.dk",
            "AI-kontakt AI-teamet ai@sonderborg.dk",
            "Adresse Rådhustorvet 10, 6400 Sønderborg",
            "Land DK",
            "CVR-nummer 29189730",
            "Kommunekode 540",
        ]);
        assert!(da.links().iter().any(|l| l == "mailto:ai@sonderborg.dk"));
        app.page("/en/municipalities/540").await.shows(&[
            "Website",
            "AI contact AI-teamet",
            "Postal address Rådhustorvet 10, 6400 Sønderborg",
            "Country DK",
            "CVR number (Danish business register) 29189730",
        ]);
        // An organisation the sources say nothing more about shows no empty rows.
        app.page("/organisationer/atp")
            .await
            .does_not_show(&["Hjemmeside", "AI-kontakt", "CVR-nummer", "Land"]);
    })
    .await;
}
