//! The twelve categories as KL/KOMBIT's matrix, and a page per category.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn the_matrix_and_a_category_in_both_languages() {
    each_seeded_app(|app| async move {
        let matrix = app.page("/kategorier").await;
        matrix.shows(&[
            "De tolv AI-kategorier",
            "# Kategori Forretning og risiko Model Data Integrationer Infrastruktur Use cases",
            "1 Perception objektdetektering, objektgenkendelse, objektanalyse Få enkeltstående use cases Hyperlokal Mange specifikke data Flere integrationer Realtids-compute",
            "6 Beslutningsintelligens",
            "Lovlighed Specifik > hyperlokal Specifikke data Integreret del af andre systemer Baggrundsproces",
        ]);
        assert_eq!(matrix.body.matches("<th scope=\"row\">").count(), 12);

        let en = app.page("/en/categories").await;
        en.shows(&[
            "The twelve AI categories",
            "# Category Business and risk Model Data Integrations Infrastructure Use cases",
            "1 Perception objektdetektering, objektgenkendelse, objektanalyse Few one-off use cases Hyperlocal Much specific data Several integrations Real-time compute",
            "Lawfulness",
        ]);

        let one = app.page("/kategorier/intelligent-automation").await;
        one.shows(&[
            "Kategori 2 / 12",
            "Intelligent automatisering",
            "Intelligent automatisering indebærer brugen af AI og automatiseringsteknologier",
            "Kommunale eksempler",
            "Forudsætninger",
            "Use cases i kategorien (4)",
            "AI først – nem behandling af aktindsigt",
            "Automatisk mailsortering (SmartMail)",
            "Forretning og risiko Mange oplagte use cases",
            "Model Specifik",
        ]);
        assert!(one.links().iter().any(|l| l == "/soeg?category=intelligent-automation"));
        let one_en = app.page("/en/categories/intelligent-automation").await;
        one_en.shows(&[
            "Category 2 / 12",
            "Intelligent automation is the use of AI and automation technologies",
            "Municipal examples",
            "Prerequisites",
            "Use cases in this category (4)",
            "Business and risk Many obvious use cases",
        ]);
        assert_eq!(app.get("/kategorier/findes-ikke").await.status, 404);
    })
    .await;
}

/// Publishes `n` copies of a seeded use case under new slugs, one after another, as new
/// entries; returns the slugs, oldest first.
fn publish_copies(db: &aikatalog_storage::Database, of: &str, n: usize) -> Vec<String> {
    use aikatalog_domain::{EntryKind, PublicationState, UseCase};
    use aikatalog_storage::models::entries::{self, Change, Save};
    let row = db
        .read(|c| entries::find(c, EntryKind::UseCase, of))
        .expect("read")
        .unwrap_or_else(|| panic!("{of} is seeded"));
    let original: UseCase = row.current_document().expect("it parses");
    (0..n)
        .map(|i| {
            let slug = format!("{of}-kopi-{i:03}");
            let mut doc = serde_json::to_value(&original).expect("serialise");
            doc["slug"] = slug.clone().into();
            doc["title"] = format!("Kopi nummer {i:03} af {}", original.title).into();
            doc["meta"] = serde_json::Value::Null;
            let copy: UseCase = serde_json::from_value(doc).expect("the copy parses");
            db.write_with(|c| {
                entries::save(
                    c,
                    None,
                    &copy,
                    Save {
                        state: PublicationState::Published,
                        publish: true,
                    },
                    Change {
                        actor: "test",
                        transition: "publish",
                        message: None,
                    },
                )
            })
            .expect("publish the copy");
            slug
        })
        .collect()
}

#[actix_web::test]
async fn a_category_and_an_organisation_with_many_use_cases_list_the_newest_and_lead_to_the_rest() {
    aikatalog_testing::each_seeded(|db| async move {
        let app = aikatalog_testing::TestApp::new(&db).await;
        // Read once before the writes, so the page's snapshot catches up with them after.
        app.page("/kategorier/intelligent-automation")
            .await
            .shows(&["Use cases i kategorien (4)"]);
        let copies = publish_copies(&db.db, "smartmail-norddjurs", 61);

        let page = app.page("/kategorier/intelligent-automation").await;
        page.shows(&[
            "Use cases i kategorien (65)",
            "Viser de 60 senest offentliggjorte af 65.",
            "Se dem alle i søgningen",
        ]);
        let primary = page
            .body
            .split("id=\"uses-heading\"")
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .and_then(|rest| rest.split("<h3>").next())
            .expect("the list of use cases");
        assert_eq!(primary.matches("class=\"card\"").count(), 60, "60 cards");
        let newest = copies.last().expect("copies");
        assert!(
            primary.find(newest.as_str()) < primary.find(copies[10].as_str()),
            "the newest copy comes first"
        );
        assert!(
            !primary.contains(&format!("/use-cases/{}\"", copies[0])),
            "the oldest copies are left for the search"
        );
        assert!(
            page.links()
                .iter()
                .any(|l| l == "/soeg?category=intelligent-automation")
        );
        page.does_not_show(&["Kopi nummer 061"]);

        // The owner's page counts them all and lists the newest.
        let owner = app.page("/kommuner/707").await;
        owner.shows(&["Viser de 60 senest offentliggjorte af"]);
        assert!(owner.body.contains(newest.as_str()));

        // The download of the whole catalogue has every one of them.
        let all = app.get("/use-cases.json").await;
        let json: serde_json::Value = serde_json::from_str(&all.body).expect("JSON");
        let items = json["items"].as_array().expect("items");
        assert_eq!(json["total"].as_u64(), Some(items.len() as u64));
        for slug in &copies {
            assert!(
                items.iter().any(|i| i["slug"] == slug.as_str()),
                "{slug} is in the download"
            );
        }
    })
    .await;
}
