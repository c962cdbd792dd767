//! The municipalities by region, and a page per organisation.

use aikatalog_testing::each_seeded_app;

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
            "Sønderborg Kommune Ejer 1 Del 0 Genbr. 0",
            "Norddjurs Kommune Ejer 1 Del 0 Genbr. 0",
            "Læsø Kommune Ejer 0 Del 0 Genbr. 0",
        ]);
        assert_eq!(page.body.matches("<li class=\"muni").count(), 98);
        assert_eq!(page.body.matches("<li class=\"muni active\"").count(), 7);

        let en = app.page("/en/municipalities").await;
        en.shows(&[
            "7 of 98 municipalities own, take part in or reuse at least one use case",
            "North Denmark Region — 0 / 11 take part",
            "Sønderborg Kommune Own 1 Part 0 Reuse 0",
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
