//! Only published entries reach the public: drafts and pending changes stay invisible on every
//! page, in search and in exports; reuse and new published revisions show.

use aikatalog_domain::{Adoption, EntryKind, OrgCode, PublicationState, Slug, UseCase};
use aikatalog_storage::models::adoptions;
use aikatalog_storage::models::entries::{self, Change, Save};
use aikatalog_testing::{TestApp, each_seeded};
use chrono::NaiveDate;

use crate::util::PageText;

const SONDERBORG: &str = "ai-aktindsigt-soenderborg";

fn sonderborg(db: &aikatalog_storage::Database) -> (entries::EntryRow, UseCase) {
    let row = db
        .read(|c| entries::find(c, EntryKind::UseCase, SONDERBORG))
        .expect("read")
        .expect("Sønderborg's use case is seeded");
    let doc = row.current_document::<UseCase>().expect("it parses");
    (row, doc)
}

fn change(transition: &str) -> Change<'_> {
    Change {
        actor: "test",
        transition,
        message: None,
    }
}

#[actix_web::test]
async fn drafts_and_pending_changes_stay_invisible() {
    each_seeded(|db| async move {
        // A new use case that is only a draft.
        let (_, mut draft) = sonderborg(&db.db);
        draft.slug = Slug::try_from("hemmelig-kladde").expect("slug");
        draft.title = "Hemmelig kladde om robotter".into();
        draft.meta = None;
        db.db
            .write_with(|c| {
                entries::save(
                    c,
                    None,
                    &draft,
                    Save {
                        state: PublicationState::Draft,
                        publish: false,
                    },
                    change("create"),
                )
            })
            .expect("save a draft");
        // A pending change to a published one.
        let (row, mut pending) = sonderborg(&db.db);
        pending.title = "Ikke offentliggjort titel".into();
        db.db
            .write_with(|c| {
                entries::save(
                    c,
                    Some(&row),
                    &pending,
                    Save {
                        state: PublicationState::Submitted,
                        publish: false,
                    },
                    change("submit"),
                )
            })
            .expect("save a pending change");

        let app = TestApp::new(&db).await;
        assert_eq!(app.get("/use-cases/hemmelig-kladde").await.status, 404);
        assert_eq!(app.get("/en/use-cases/hemmelig-kladde").await.status, 404);
        let page = app.page(&format!("/use-cases/{SONDERBORG}")).await;
        page.shows(&["AI først – nem behandling af aktindsigt"]);
        page.does_not_show(&["Ikke offentliggjort titel"]);
        // The history lists published revisions only.
        page.does_not_show(&["version 2"]);
        for uri in [
            "/",
            "/soeg?q=kladde",
            "/soeg?q=robotter",
            "/soeg.csv",
            "/soeg.json",
            "/kommuner/540",
            "/kategorier/intelligent-automation",
        ] {
            let body = app.get(uri).await.body;
            assert!(!body.contains("Hemmelig kladde"), "{uri} shows the draft");
            assert!(
                !body.contains("Ikke offentliggjort titel"),
                "{uri} shows the pending change"
            );
        }
        app.page("/").await.shows(&["26 use cases"]);
    })
    .await;
}

#[actix_web::test]
async fn reuse_and_republished_changes_show() {
    each_seeded(|db| async move {
        let (row, mut doc) = sonderborg(&db.db);
        doc.results[0].value = 1600.0;
        let saved = db
            .db
            .write_with(|c| {
                entries::save(
                    c,
                    Some(&row),
                    &doc,
                    Save {
                        state: PublicationState::Published,
                        publish: true,
                    },
                    change("publish"),
                )
            })
            .expect("publish a change");
        db.db
            .write(|c| {
                adoptions::sync(
                    c,
                    &saved.id,
                    EntryKind::UseCase,
                    &Adoption {
                        organisation: OrgCode::try_from("370").expect("Næstved's code"),
                        adopted_on: NaiveDate::from_ymd_opt(2024, 3, 1).expect("a date"),
                        note: Some("Bruger løsningen i borgerservice".into()),
                    },
                    "test",
                )
            })
            .expect("record an adoption");

        let app = TestApp::new(&db).await;
        let da = app.page(&format!("/use-cases/{SONDERBORG}")).await;
        da.shows(&[
            "1.600 sager pr. år",
            "Også brugt af Næstved Kommune (siden 1. marts 2024) Bruger løsningen i borgerservice",
            "version 2: opdateret (ændret: resultater)",
            "version 1: først offentliggjort",
        ]);
        let en = app.page(&format!("/en/use-cases/{SONDERBORG}")).await;
        en.shows(&[
            "Also used by Næstved Kommune (since 1 March 2024)",
            "revision 2: updated (changed: results)",
        ]);
        // The adopter's page and the municipality grid count the reuse.
        app.page("/kommuner/370").await.shows(&[
            "Næstved Kommune",
            "Use cases den genbruger 1",
            "Use cases den genbruger",
            "AI først – nem behandling af aktindsigt",
        ]);
        app.page("/kommuner").await.shows(&["8 af 98 kommuner"]);
    })
    .await;
}
