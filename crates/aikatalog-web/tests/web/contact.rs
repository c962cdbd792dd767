//! "Who to ask" on every entry page: the entry's contact, else the owner's AI contact, else the
//! owner's website, else how to get the entry completed; never an empty link.

use aikatalog_domain::Organisation;
use aikatalog_storage::models::reference_records::{self, RefKind};
use aikatalog_testing::{TestApp, TestResponse, each_seeded, each_seeded_app};

use crate::util::PageText;

/// The text of the page's contact box.
fn contact_box(page: &TestResponse) -> String {
    let start = page
        .body
        .find("id=\"contact-heading\"")
        .expect("the page has a contact box");
    let end = page.body[start..].find("</section>").expect("the box ends");
    crate::util::visible_text(&format!("<h2 {}", &page.body[start..start + end]))
}

#[track_caller]
fn no_empty_links(page: &TestResponse) {
    assert!(
        !page.body.contains("href=\"\""),
        "a link leads nowhere:\n{}",
        page.body
    );
}

#[actix_web::test]
async fn without_a_contact_an_entry_leads_to_its_owners_website() {
    each_seeded_app(|app| async move {
        for uri in [
            "/use-cases/ai-aktindsigt-soenderborg",
            "/algoritmer/aktindsigt-soeg-og-overstreg",
        ] {
            let page = app.page(uri).await;
            assert_eq!(
                contact_box(&page),
                "Kontakt Der er ikke angivet en kontaktperson. Kontakt Sønderborg Kommune via \
                 www.sonderborgkommune.dk.",
                "{uri}"
            );
            assert!(
                page.links()
                    .contains(&"https://www.sonderborgkommune.dk/".to_owned()),
                "{uri}"
            );
            no_empty_links(&page);
        }
        let en = app.page("/en/use-cases/ai-aktindsigt-soenderborg").await;
        assert_eq!(
            contact_box(&en),
            "Contact No contact person is given. Contact Sønderborg Kommune via \
             www.sonderborgkommune.dk."
        );
        assert!(
            en.body
                .contains("<span lang=\"da\">Sønderborg Kommune</span>"),
            "the Danish name is marked as Danish"
        );
    })
    .await;
}

#[actix_web::test]
async fn an_owner_with_nothing_to_reach_says_how_to_complete_the_entry() {
    each_seeded_app(|app| async move {
        // KommuneGPT's seven municipalities are not named: no contact, no website.
        let page = app.page("/use-cases/kommunegpt").await;
        assert_eq!(
            contact_box(&page),
            "Kontakt Der er ikke angivet en kontaktperson, og kataloget har ingen \
             kontaktoplysninger på ejeren. Sådan får du en post rettet eller suppleret."
        );
        assert!(page.links().contains(&"/om#rettelser".to_owned()));
        no_empty_links(&page);
        // The link leads to a page that says how.
        app.page("/om").await.shows(&[
            "Sådan kommer en post med eller bliver rettet",
            "Kommunen retter selv sin post.",
        ]);
        let en = app.page("/en/algorithms/kommunegpt-chatbot").await;
        assert!(en.links().contains(&"/en/about#rettelser".to_owned()));
        no_empty_links(&en);
    })
    .await;
}

#[actix_web::test]
async fn the_owners_ai_contact_stands_in_and_the_entrys_own_contact_wins() {
    each_seeded(|db| async move {
        let stored = db
            .db
            .read(|c| reference_records::current(c, RefKind::Organisation, "540"))
            .expect("read")
            .expect("Sønderborg is seeded");
        let mut doc: serde_json::Value = serde_json::from_str(&stored.document).expect("json");
        doc["ai_contact"] = serde_json::json!({"name": "AI-teamet", "email": "ai@sonderborg.dk"});
        let org: Organisation = serde_json::from_value(doc).expect("the edited record parses");
        db.db
            .write_with(|c| reference_records::sync_organisation(c, &org, "test"))
            .expect("save the organisation");
        let app = TestApp::new(&db).await;
        let page = app.page("/use-cases/ai-aktindsigt-soenderborg").await;
        assert_eq!(
            contact_box(&page),
            "Kontakt Posten angiver ingen kontaktperson. Spørg AI-kontakten hos Sønderborg \
             Kommune: AI-teamet ai@sonderborg.dk Hjemmeside: www.sonderborgkommune.dk"
        );
        assert!(page.links().contains(&"mailto:ai@sonderborg.dk".to_owned()));

        crate::util::publish_edit::<aikatalog_domain::UseCase>(
            &db.db,
            "ai-aktindsigt-soenderborg",
            serde_json::json!({"contact": {"name": "Aktindsigtsteamet", "email": "aktindsigt@sonderborg.dk"}}),
            |_| {},
        );
        let page = app.page("/use-cases/ai-aktindsigt-soenderborg").await;
        let text = contact_box(&page);
        assert!(text.contains("Aktindsigtsteamet aktindsigt@sonderborg.dk"), "{text}");
        assert!(!text.contains("AI-teamet"), "the entry's own contact wins: {text}");
    })
    .await;
}

#[actix_web::test]
async fn an_organisation_page_leads_to_its_website_and_its_entries_in_search() {
    each_seeded_app(|app| async move {
        let page = app.page("/kommuner/540").await;
        page.shows(&["Hjemmeside www.sonderborgkommune.dk"]);
        let search = page
            .links()
            .into_iter()
            .find(|l| l.starts_with("/soeg?organisation="))
            .expect("a link to the organisation's entries in search");
        assert_eq!(search, "/soeg?organisation=540");
        // The search lists the same entries the page does.
        app.page(&search).await.shows(&[
            "AI først – nem behandling af aktindsigt",
            "AI først – søgning og overstregning i sager om aktindsigt",
        ]);
        // Without contact details the page says so and how to add them.
        app.page("/organisationer/atp").await.shows(&[
            "Kataloget har endnu ingen kontaktoplysninger eller hjemmeside for organisationen.",
        ]);
    })
    .await;
}
