//! "Foreslå en rettelse": the form on every public entry page, its bot protection, errors next
//! to the fields with nothing typed lost, the receipt; and the suggestion on the owner's work
//! list, closed there with a reply.

use std::num::NonZeroU32;

use aikatalog_domain::correction::CorrectionStatus;
use aikatalog_state::rate_limit::RateLimitConfig;
use aikatalog_storage::models::corrections::{self, CorrectionFilter};
use aikatalog_testing::{TestApp, TestDb, TestResponse, each_seeded};
use aikatalog_web::form_token::{self, FormKeys};

use crate::account::{dev_login, location, sign_in};
use crate::util::PageText;

const TEXT: &str = "Kontaktpersonen er stoppet; skriv til digitalisering@norddjurs.dk i stedet.";
const USE_CASE: &str = "/use-cases/smartmail-norddjurs";
const FORM: &str = "/use-cases/smartmail-norddjurs/foreslaa-rettelse";

/// The value of the form field `name` on the page.
fn field(page: &TestResponse, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let at = page
        .body
        .find(&needle)
        .unwrap_or_else(|| panic!("no {name} field on the page:\n{}", page.body));
    let rest = &page.body[at + needle.len()..];
    rest[..rest.find('"').unwrap_or(0)].to_owned()
}

/// A token for the form of `slug` as its page made it `age` seconds ago.
fn token(db: &TestDb, kind: &str, slug: &str, age: i64) -> String {
    let key = FormKeys::default().key(&db.db).expect("the key");
    let nonce = format!("{:032x}", rand_nonce());
    form_token::issue_at(
        &key,
        &format!("correction:{kind}:{slug}"),
        form_token::now() - age,
        &nonce,
    )
}

/// A different nonce per call, without a dependency.
fn rand_nonce() -> u128 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    u128::from(NEXT.fetch_add(1, Ordering::Relaxed)) << 64
        | u128::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos()),
        )
}

fn stored(db: &TestDb) -> Vec<corrections::CorrectionRow> {
    db.db
        .read(|c| corrections::list(c, &CorrectionFilter::default(), 100, 0))
        .expect("read")
        .0
        .into_iter()
        .map(|(row, _)| row)
        .collect()
}

async fn send(app: &TestApp, uri: &str, pairs: &[(&str, &str)]) -> TestResponse {
    app.post(uri).form(pairs).await
}

#[actix_web::test]
async fn every_public_entry_page_has_the_form_in_both_languages() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        for (page, action, words) in [
            (USE_CASE, FORM, "Foreslå en rettelse"),
            (
                "/en/use-cases/smartmail-norddjurs",
                "/en/use-cases/smartmail-norddjurs/suggest-correction",
                "Suggest a correction",
            ),
            (
                "/algoritmer/aktindsigt-soeg-og-overstreg",
                "/algoritmer/aktindsigt-soeg-og-overstreg/foreslaa-rettelse",
                "Foreslå en rettelse",
            ),
            (
                "/en/algorithms/aktindsigt-soeg-og-overstreg",
                "/en/algorithms/aktindsigt-soeg-og-overstreg/suggest-correction",
                "Suggest a correction",
            ),
        ] {
            let shown = app.page(page).await;
            shown.shows(&[words]);
            assert!(
                shown.body.contains(&format!("action=\"{action}\"")),
                "{page} has no form to {action}"
            );
            assert!(!field(&shown, "token").is_empty());
            // The honeypot is there, hidden from people.
            assert!(shown.body.contains("name=\"website\""), "{page}");
            let standalone = app.page(action).await;
            standalone.shows(&[words]);
        }
    })
    .await;
}

#[actix_web::test]
async fn a_suggestion_with_a_person_paced_token_is_stored_and_answered_with_a_receipt() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let token = token(&db, "use_case", "smartmail-norddjurs", 10);
        let sent = send(
            &app,
            FORM,
            &[
                ("token", &token),
                ("text", TEXT),
                ("email", "borger@example.dk"),
                ("website", ""),
            ],
        )
        .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        assert_eq!(
            location(&sent),
            "/use-cases/smartmail-norddjurs/foreslaa-rettelse/tak"
        );
        let receipt = app.page(location(&sent)).await;
        receipt.shows(&["Tak for dit forslag", "er modtaget"]);
        let rows = stored(&db);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].text, TEXT);
        assert_eq!(rows[0].email.as_deref(), Some("borger@example.dk"));
        assert_eq!(rows[0].status(), CorrectionStatus::Open);

        // The same token again: a replay, refused, with the text kept.
        let replay = send(&app, FORM, &[("token", &token), ("text", TEXT)]).await;
        assert_eq!(replay.status, 409, "{}", replay.body);
        replay.shows(&["allerede sendt"]);
        assert_eq!(stored(&db).len(), 1);
    })
    .await;
}

#[actix_web::test]
async fn bots_are_turned_away_and_people_keep_what_they_typed() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        // The page's own token, sent at once: faster than a person.
        let page = app.page(USE_CASE).await;
        let fresh = field(&page, "token");
        let fast = send(&app, FORM, &[("token", &fresh), ("text", TEXT)]).await;
        assert_eq!(fast.status, 422, "{}", fast.body);
        fast.shows(&["før den kunne nå at blive udfyldt"]);
        assert!(
            fast.body.contains(TEXT.split(';').next().unwrap_or(TEXT)),
            "the text is kept"
        );
        assert_ne!(field(&fast, "token"), fresh, "a fresh token comes with it");

        let stale = token(
            &db,
            "use_case",
            "smartmail-norddjurs",
            form_token::MAX_AGE_SECS + 60,
        );
        let old = send(&app, FORM, &[("token", &stale), ("text", TEXT)]).await;
        assert_eq!(old.status, 422);
        old.shows(&["Siden har været åben i flere timer"]);

        // A token for another entry, or none, does not pass.
        let elsewhere = token(&db, "use_case", "ai-aktindsigt-soenderborg", 10);
        for t in [elsewhere.as_str(), ""] {
            let refused = send(&app, FORM, &[("token", t), ("text", TEXT)]).await;
            assert_eq!(refused.status, 422, "{t}");
            refused.shows(&["kunne ikke bekræftes"]);
        }

        // The honeypot filled in: a receipt, and nothing stored.
        let good = token(&db, "use_case", "smartmail-norddjurs", 10);
        let bot = send(
            &app,
            FORM,
            &[
                ("token", &good),
                ("text", TEXT),
                ("website", "http://spam.example"),
            ],
        )
        .await;
        assert_eq!(bot.status, 303);
        assert!(stored(&db).is_empty(), "nothing from the bots was stored");
    })
    .await;
}

#[actix_web::test]
async fn errors_appear_next_to_their_fields_with_the_typed_values() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let good = token(&db, "use_case", "smartmail-norddjurs", 10);
        let bad = send(
            &app,
            "/en/use-cases/smartmail-norddjurs/suggest-correction",
            &[
                ("token", &good),
                ("text", "too short"),
                ("email", "not-an-address"),
            ],
        )
        .await;
        assert_eq!(bad.status, 422, "{}", bad.body);
        bad.shows(&[
            "Write between 10 and 4000 characters.",
            "This does not look like an e-mail address.",
        ]);
        assert!(
            bad.body.contains(">too short</textarea>"),
            "the text is kept"
        );
        assert_eq!(
            field(&bad, "email"),
            "not-an-address",
            "the address is kept"
        );
        for name in ["text", "email"] {
            let tie = format!("aria-describedby=\"suggest-{name}-hint suggest-{name}-error\"");
            assert!(
                bad.body.contains(&tie),
                "the {name} error is tied to its field"
            );
        }
        assert!(stored(&db).is_empty());

        // Fixed, with the token the form came back with (aged like a person's).
        let fixed = send(
            &app,
            "/en/use-cases/smartmail-norddjurs/suggest-correction",
            &[
                ("token", &token(&db, "use_case", "smartmail-norddjurs", 5)),
                ("text", TEXT),
                ("email", ""),
            ],
        )
        .await;
        assert_eq!(fixed.status, 303, "{}", fixed.body);
        assert_eq!(stored(&db)[0].email, None);
    })
    .await;
}

#[actix_web::test]
async fn drafts_and_unknown_entries_take_no_suggestions() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let created = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(serde_json::json!({
                "slug": "hemmelig-kladde", "title": "En kladde", "summary": "Ikke offentlig endnu.",
                "owner": "707", "domains": ["administration"],
                "primary_category": "intelligent-automation", "lifecycle": "pilot"
            }))
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        let form = app
            .get("/use-cases/hemmelig-kladde/foreslaa-rettelse")
            .await;
        assert_eq!(form.status, 404);
        let good = token(&db, "use_case", "hemmelig-kladde", 10);
        let sent = send(
            &app,
            "/use-cases/hemmelig-kladde/foreslaa-rettelse",
            &[("token", &good), ("text", TEXT)],
        )
        .await;
        assert_eq!(sent.status, 404);
        assert_eq!(
            app.get("/algoritmer/findes-ikke/foreslaa-rettelse")
                .await
                .status,
            404
        );
        assert!(stored(&db).is_empty());
    })
    .await;
}

#[actix_web::test]
async fn the_page_form_and_the_api_share_the_hourly_budget() {
    each_seeded(|db| async move {
        let limits = RateLimitConfig {
            corrections_per_hour: NonZeroU32::new(1),
            ..RateLimitConfig::off()
        };
        let app = TestApp::with_operations(&db, TestApp::operations(), &limits).await;
        let api = app
            .post("/api/v1/use-cases/smartmail-norddjurs/corrections")
            .json(serde_json::json!({"text": TEXT}))
            .await;
        assert_eq!(api.status, 201, "{}", api.body);
        let good = token(&db, "use_case", "smartmail-norddjurs", 10);
        let limited = send(&app, FORM, &[("token", &good), ("text", TEXT)]).await;
        assert_eq!(limited.status, 429, "{}", limited.body);
        assert!(limited.header("retry-after").is_some());
        limited.shows(&["Der er sendt mange forslag herfra"]);
        assert!(
            limited
                .body
                .contains(TEXT.split(';').next().unwrap_or(TEXT)),
            "the text is kept"
        );
        assert_eq!(stored(&db).len(), 1);
    })
    .await;
}

#[actix_web::test]
async fn the_owners_editors_and_curators_see_and_close_suggestions_on_their_work_list() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let good = token(&db, "use_case", "smartmail-norddjurs", 10);
        let sent = send(
            &app,
            FORM,
            &[
                ("token", &good),
                ("text", TEXT),
                ("email", "borger@example.dk"),
            ],
        )
        .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let id = stored(&db)[0].id.clone();
        let close = format!("/mit-arbejde/rettelser/{id}");

        let (norddjurs, _) = sign_in(&app, "editor", "707", "").await;
        let work = app.get("/mit-arbejde").cookies(&[&norddjurs.session]).await;
        assert_eq!(work.status, 200, "{}", work.body);
        work.shows(&[
            "Forslag til rettelser (1)",
            TEXT,
            "borger@example.dk",
            "SmartMail",
        ]);
        assert!(work.body.contains(&format!("action=\"{close}\"")));

        let (soenderborg, _) = sign_in(&app, "editor", "540", "").await;
        let theirs = app
            .get("/mit-arbejde")
            .cookies(&[&soenderborg.session])
            .await;
        theirs.shows(&["Forslag til rettelser (0)"]);
        theirs.does_not_show(&[TEXT]);
        let refused = app
            .post(&close)
            .cookies(&[&soenderborg.session])
            .form(&[("csrf", &soenderborg.csrf), ("reply", "Ikke vores.")])
            .await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert_eq!(
            app.get(&close)
                .cookies(&[&soenderborg.session])
                .await
                .status,
            403
        );

        let (curator, _) = sign_in(&app, "curator", "", "").await;
        let queue = app.get("/en/my-work").cookies(&[&curator.session]).await;
        queue.shows(&["Suggested corrections (1)", TEXT]);

        // Without the CSRF token, or without a reply, nothing closes.
        let forged = app
            .post(&close)
            .cookies(&[&norddjurs.session])
            .form(&[("reply", "Rettet.")])
            .await;
        assert_eq!(forged.status, 403);
        let empty = app
            .post(&close)
            .cookies(&[&norddjurs.session])
            .form(&[("csrf", &norddjurs.csrf), ("reply", "  ")])
            .await;
        assert_eq!(empty.status, 422, "{}", empty.body);
        empty.shows(&["Skriv et svar"]);
        assert!(empty.body.contains("aria-invalid=\"true\""));
        assert_eq!(stored(&db)[0].status(), CorrectionStatus::Open);

        let closed = app
            .post(&close)
            .cookies(&[&norddjurs.session])
            .form(&[
                ("csrf", &norddjurs.csrf),
                ("reply", "Tak, kontakten er rettet."),
            ])
            .await;
        assert_eq!(closed.status, 303, "{}", closed.body);
        assert_eq!(location(&closed), "/mit-arbejde#corrections");
        let after = app.get("/mit-arbejde").cookies(&[&norddjurs.session]).await;
        after.shows(&[
            "Forslag til rettelser (0)",
            "Senest lukkede",
            "Tak, kontakten er rettet.",
        ]);
        let row = &stored(&db)[0];
        assert_eq!(row.status(), CorrectionStatus::Closed);
        assert!(
            row.closed_by
                .as_deref()
                .is_some_and(|a| a.ends_with("@707"))
        );
        // Closing again shows the reply already given.
        let again = app
            .post(&close)
            .cookies(&[&curator.session])
            .form(&[("csrf", &curator.csrf), ("reply", "Igen.")])
            .await;
        assert_eq!(again.status, 409);
        again.shows(&["Forslaget er lukket", "Tak, kontakten er rettet."]);
    })
    .await;
}
