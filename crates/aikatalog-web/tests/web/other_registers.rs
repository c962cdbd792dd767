//! Entries from other public registers (as the importer leaves them: published, owned by a
//! foreign body, with the record's identity in `provenance.references[0]`): their badge, the
//! original record and its licence, the language of their text, and the front page's Danish
//! figures, which they must not change.

use aikatalog_domain::{EntryKind, Organisation, PublicationState, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries::{self, Change, Save};
use aikatalog_storage::models::reference_records;
use aikatalog_testing::{TestApp, each_seeded};
use serde_json::json;

use crate::util::{PageText, tags_with};

pub const DUTCH_SLUG: &str = "nl-druktebeeld-amsterdam";
pub const DUTCH_RECORD: &str =
    "https://algoritmes.overheid.nl/nl/algoritme/druktebeeld-gemeente-amsterdam/55270524";

/// Adds the municipality of Amsterdam and its "Druktebeeld" record from the Dutch Algorithm
/// Register, published and in operation, the way an import leaves them.
pub fn import_dutch_entry(db: &Database) {
    let org: Organisation = serde_json::from_value(json!({
        "code": "nl-gm0363",
        "kind": "municipality",
        "name": "Gemeente Amsterdam",
        "country": "NL",
        "website": "https://www.amsterdam.nl/",
    }))
    .expect("an organisation");
    db.write_with(|c| reference_records::sync_organisation(c, &org, "import:nl-algoritmeregister"))
        .expect("add the organisation");
    let base = db
        .read(|c| entries::find(c, EntryKind::UseCase, "ai-aktindsigt-soenderborg"))
        .expect("read")
        .expect("seeded")
        .current_document::<UseCase>()
        .expect("parses");
    let mut doc = serde_json::to_value(&base).expect("serialise");
    for (key, value) in json!({
        "slug": DUTCH_SLUG,
        "title": "Druktebeeld Amsterdam",
        "summary": "Het Druktebeeld laat zien hoe druk het is op plekken in de stad, zodat bezoekers drukte kunnen vermijden.",
        "description": null,
        "owner": "nl-gm0363",
        "partners": [],
        "vendors": [],
        "algorithms": [],
        "contact": null,
        "lifecycle": "in_operation",
        "meta": null,
        "provenance": {
            "language": "nl",
            "references": [{
                "scheme": "nl_algoritmeregister",
                "id": "55270524",
                "url": DUTCH_RECORD,
                "standard_version": "1.0",
                "fields": { "publiccode": "https://github.com/Amsterdam/druktebeeld" },
            }],
        },
    })
    .as_object()
    .expect("an object")
    {
        doc[key] = value.clone();
    }
    let dutch: UseCase = serde_json::from_value(doc).expect("the imported document parses");
    db.write_with(|c| {
        entries::save(
            c,
            None,
            &dutch,
            Save {
                state: PublicationState::Published,
                publish: true,
            },
            Change {
                actor: "import:nl-algoritmeregister",
                transition: "import",
                message: None,
            },
        )
    })
    .expect("publish the imported entry");
}

#[actix_web::test]
async fn an_entry_from_the_dutch_register_shows_its_badge_record_licence_and_language() {
    each_seeded(|db| async move {
        import_dutch_entry(&db.db);
        let app = TestApp::new(&db).await;

        let da = app.page(&format!("/use-cases/{DUTCH_SLUG}")).await;
        da.shows(&[
            "Druktebeeld Amsterdam",
            "Fra det hollandske algoritmeregister",
            "Se den oprindelige post",
            "Licens: EUPL v1.2",
        ]);
        let links = da.links();
        assert!(links.iter().any(|l| l == DUTCH_RECORD), "{links:?}");
        assert!(links.iter().any(|l| l.contains("eupl-text-eupl-12")));
        assert!(links.iter().any(|l| l == "https://algoritmes.overheid.nl/"));
        // The record's Dutch text is marked as Dutch, not as Danish.
        let title = tags_with(&da.body, "id=\"entry-title\"");
        assert_eq!(title, ["h1 id=\"entry-title\" lang=\"nl\""]);
        assert!(
            tags_with(&da.body, "class=\"lead\"")
                .iter()
                .all(|t| t.contains("lang=\"nl\""))
        );

        let en = app.page(&format!("/en/use-cases/{DUTCH_SLUG}")).await;
        en.shows(&[
            "From the Dutch Algorithm Register",
            "See the original record",
            "Licence: EUPL v1.2",
        ]);
        // The note that entries are written in Danish would be wrong here.
        en.does_not_show(&["written in Danish"]);

        // The badge goes with the entry into search hits and onto cards.
        app.page("/soeg?q=druktebeeld").await.shows(&[
            "Druktebeeld Amsterdam",
            "Fra det hollandske algoritmeregister",
        ]);
        app.page("/en/search?q=druktebeeld")
            .await
            .shows(&["From the Dutch Algorithm Register"]);
        let owner = app.page("/kommuner/nl-gm0363").await;
        owner.shows(&["Gemeente Amsterdam", "Fra det hollandske algoritmeregister"]);
        assert!(owner.body.contains("lang=\"nl\">Druktebeeld Amsterdam"));

        // This catalogue's own entries carry no badge (their similar entries may: the Dutch
        // one is, being made from this one).
        let own = app.page("/use-cases/ai-aktindsigt-soenderborg").await;
        let head = own
            .body
            .split("class=\"entry-head\"")
            .nth(1)
            .expect("an entry page");
        let head = head.split("</header>").next().expect("its header");
        assert!(head.contains("entry-title") && !head.contains("source-badge"));
        assert!(tags_with(&own.body, "id=\"entry-title\"")[0].contains("lang=\"da\""));
        // Its similar entries carry their register's badge; the Dutch one, made from this one,
        // is among them.
        let similar = own
            .body
            .split("id=\"similar-heading\"")
            .nth(1)
            .expect("similar entries");
        let dutch = similar
            .split("<li class=\"card\">")
            .find(|card| card.contains("Druktebeeld Amsterdam"))
            .unwrap_or_else(|| panic!("the Dutch entry is similar: {similar}"));
        assert!(dutch.contains("source-badge"), "{dutch}");
    })
    .await;
}

#[actix_web::test]
async fn the_danish_figures_count_danish_entries_only() {
    each_seeded(|db| async move {
        let figures = [
            "26 use cases",
            "10 algoritmer i registret",
            "7 kommuner deltager ud af 98",
            "2 løsninger i drift",
        ];
        let before = TestApp::new(&db).await;
        before.page("/").await.shows(&figures);
        before.page("/kommuner").await.shows(&["7 af 98"]);

        // A Dutch municipality's use case in operation is imported.
        import_dutch_entry(&db.db);
        let after = TestApp::new(&db).await;
        after.page("/").await.shows(&figures);
        after.page("/kommuner").await.shows(&["7 af 98"]);
        // It is in the catalogue all the same: found by search, with its page.
        let all = after.get("/soeg.json?kind=use_case").await;
        assert_eq!(all.json["total"], 27);
        assert_eq!(
            after.get(&format!("/use-cases/{DUTCH_SLUG}")).await.status,
            200
        );
    })
    .await;
}

#[actix_web::test]
async fn search_filters_and_counts_by_source_register_and_country() {
    each_seeded(|db| async move {
        import_dutch_entry(&db.db);
        let app = TestApp::new(&db).await;

        // The filter controls on the search page, with the registers' and countries' names.
        let page = app.page("/soeg").await;
        page.shows(&[
            "Kilde",
            "AI-kataloget",
            "Det hollandske algoritmeregister",
            "Land",
            "Danmark",
            "Nederlandene",
        ]);
        let controls = tags_with(&page.body, "value=\"nl_algoritmeregister\"");
        assert!(
            controls.iter().any(|t| t.contains("name=\"source\"")),
            "no source filter control: {controls:?}"
        );
        let en = app.page("/en/search").await;
        en.shows(&[
            "Source",
            "The Dutch Algorithm Register",
            "Country",
            "The Netherlands",
        ]);

        let dutch = app.page("/soeg?source=nl_algoritmeregister").await;
        dutch.shows(&["1 resultat", "Druktebeeld Amsterdam"]);
        let own = app.get("/soeg.json?source=ai_kataloget").await;
        assert_eq!(
            own.json["total"], 36,
            "26 use cases and 10 algorithms of our own"
        );
        let nl = app.get("/soeg.json?country=NL").await;
        assert_eq!(nl.json["total"], 1);

        // The API: the same filters and counts, documented and checked.
        let api = app.get("/api/v1/search?source=nl_algoritmeregister").await;
        assert_eq!(api.status, 200);
        assert_eq!(api.json["total"], 1);
        assert_eq!(api.json["items"][0]["slug"], DUTCH_SLUG);
        let all = app.get("/api/v1/search").await;
        let sources = all.json["facets"]["source"]
            .as_array()
            .expect("a source facet");
        let count = |value: &str| {
            sources
                .iter()
                .find(|c| c["value"] == value)
                .map(|c| (c["count"].clone(), c["label"].clone()))
        };
        assert_eq!(
            count("ai_kataloget"),
            Some((36.into(), "AI-kataloget".into()))
        );
        assert_eq!(
            count("nl_algoritmeregister"),
            Some((1.into(), "Det hollandske algoritmeregister".into()))
        );
        let countries = all.json["facets"]["country"]
            .as_array()
            .expect("a country facet");
        assert!(
            countries
                .iter()
                .any(|c| c["value"] == "NL" && c["count"] == 1)
        );
        assert_eq!(
            app.get("/api/v1/use-cases?country=NL").await.json["total"],
            1
        );
        let refused = app.get("/api/v1/search?source=atlantis").await;
        assert_eq!(refused.status, 400);
        assert!(refused.body.contains("source"), "{}", refused.body);
    })
    .await;
}
