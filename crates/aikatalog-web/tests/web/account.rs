//! Signing in to the pages: sessions, CSRF, the development sign-in, the work list and who may
//! see what on it, and return paths.

use aikatalog_storage::models::sessions::{self, NewSession};
use aikatalog_testing::tokens::editor;
use aikatalog_testing::{TestApp, TestDb, TestResponse, each_seeded};
use aikatalog_web::AccountConfig;
use chrono::TimeDelta;
use serde_json::json;

use crate::util::PageText;

pub(crate) fn dev_login() -> AccountConfig {
    AccountConfig {
        dev_login: true,
        ..AccountConfig::default()
    }
}

/// The `Set-Cookie` header for `name`, if the response sets it.
fn set_cookie<'r>(response: &'r TestResponse, name: &str) -> Option<&'r str> {
    response
        .headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
}

/// `name=value` of a cookie the response sets.
fn cookie_pair(response: &TestResponse, name: &str) -> String {
    let header = set_cookie(response, name)
        .unwrap_or_else(|| panic!("no {name} cookie set: {:?}", response.headers));
    header.split(';').next().unwrap_or_default().to_owned()
}

/// The value of the hidden `csrf` field of the page's form.
pub(crate) fn csrf_field(page: &TestResponse) -> String {
    let at = page
        .body
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("no csrf field on the page:\n{}", page.body));
    let rest = &page.body[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap_or(0)].to_owned()
}

pub(crate) fn location(response: &TestResponse) -> &str {
    response.header("location").unwrap_or("")
}

/// A signed-in browser: its session cookie and the session's CSRF token.
pub(crate) struct Browser {
    pub(crate) session: String,
    pub(crate) csrf: String,
}

/// Signs in with the development sign-in as `role` of `org` (empty for none), returning to
/// `next`; asserts it worked and where it leads.
pub(crate) async fn sign_in(
    app: &TestApp,
    role: &str,
    org: &str,
    next: &str,
) -> (Browser, TestResponse) {
    let form = app.page("/log-ind").await;
    let pre = cookie_pair(&form, "aikatalog_signin");
    let token = csrf_field(&form);
    let signed_in = app
        .post("/log-ind")
        .cookies(&[&pre])
        .form(&[
            ("csrf", &token),
            ("role", role),
            ("org", org),
            ("next", next),
        ])
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let session = cookie_pair(&signed_in, "aikatalog_session");
    let home = app.get("/").cookies(&[&session]).await;
    let csrf = csrf_field(&home);
    (Browser { session, csrf }, signed_in)
}

#[actix_web::test]
async fn the_development_sign_in_signs_in_and_out_with_a_safe_cookie() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let form = app.page("/log-ind").await;
        form.shows(&[
            "Udviklings-login er slået til — kun til afprøvning",
            "Log ind som",
            "Norddjurs Kommune",
        ]);
        let (browser, signed_in) = sign_in(&app, "editor", "707", "/soeg?q=post").await;
        assert_eq!(
            location(&signed_in),
            "/soeg?q=post",
            "back where they came from"
        );
        let cookie = set_cookie(&signed_in, "aikatalog_session").unwrap_or_default();
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "{cookie} lacks {flag}");
        }
        assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
        let id = browser.session.split_once('=').map(|p| p.1).unwrap_or("");
        assert_eq!(id.len(), 64, "256 bits in hex");
        let stored = db.db.read(|c| sessions::find(c, id)).expect("read");
        assert!(stored.is_some_and(|s| s.id_hash != id), "stored hashed");

        let home = app.get("/en/").cookies(&[&browser.session]).await;
        // The name is the one given at sign-in (the development sign-in's, in Danish).
        home.shows(&[
            "Udvikler (redaktør)",
            "Norddjurs Kommune",
            "Sign out",
            "My work",
        ]);
        home.does_not_show(&["Sign in"]);

        let out = app
            .post("/log-ud")
            .cookies(&[&browser.session])
            .form(&[("csrf", &browser.csrf)])
            .await;
        assert_eq!(out.status, 303, "{}", out.body);
        assert_eq!(location(&out), "/");
        let cleared = set_cookie(&out, "aikatalog_session").unwrap_or_default();
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
        assert!(
            db.db
                .read(|c| sessions::find(c, id))
                .expect("read")
                .is_none()
        );
        let after = app.get("/").cookies(&[&browser.session]).await;
        after.shows(&["Log ind"]);
        after.does_not_show(&["Log ud"]);
    })
    .await;
}

#[actix_web::test]
async fn every_sign_in_makes_a_new_session_id() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let (first, _) = sign_in(&app, "editor", "707", "").await;
        // Signing in again from the same browser replaces the session rather than reusing it.
        let again = app
            .post("/log-ind")
            .cookies(&[&first.session])
            .form(&[("csrf", &first.csrf), ("role", "curator"), ("org", "")])
            .await;
        assert_eq!(again.status, 303, "{}", again.body);
        assert_eq!(location(&again), "/mit-arbejde");
        let second = cookie_pair(&again, "aikatalog_session");
        assert_ne!(first.session, second);
        let old = app.get("/mit-arbejde").cookies(&[&first.session]).await;
        assert_eq!(old.status, 303, "the old session is gone");
        let queue = app.get("/mit-arbejde").cookies(&[&second]).await;
        queue.shows(&["Til gennemsyn", "Udvikler (kurator)"]);
    })
    .await;
}

#[actix_web::test]
async fn a_form_without_the_right_csrf_token_is_refused() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let form = app.page("/log-ind").await;
        let pre = cookie_pair(&form, "aikatalog_signin");
        for token in ["", "0000"] {
            let refused = app
                .post("/log-ind")
                .cookies(&[&pre])
                .form(&[("csrf", token), ("role", "curator")])
                .await;
            assert_eq!(refused.status, 403, "token {token:?}: {}", refused.body);
            refused.shows(&["Formularen blev afvist"]);
            assert!(set_cookie(&refused, "aikatalog_session").is_none());
        }
        // The sign-in token is no good without its cookie (another site cannot read it).
        let token = csrf_field(&form);
        let no_cookie = app
            .post("/log-ind")
            .form(&[("csrf", &token), ("role", "curator")])
            .await;
        assert_eq!(no_cookie.status, 403);

        let (browser, _) = sign_in(&app, "editor", "707", "").await;
        let refused = app
            .post("/en/sign-out")
            .cookies(&[&browser.session])
            .form(&[("csrf", &format!("{}x", browser.csrf))])
            .await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.shows(&["The form was refused"]);
        let still = app.get("/mit-arbejde").cookies(&[&browser.session]).await;
        assert_eq!(still.status, 200, "the session survives a refused form");
    })
    .await;
}

#[actix_web::test]
async fn without_the_development_sign_in_there_is_none() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let page = app.page("/log-ind").await;
        page.shows(&["Log-ind er ikke sat op på denne server endnu"]);
        page.does_not_show(&["Udviklings-login", "Log ind som"]);
        // A well-formed token and cookie pass the CSRF check; the sign-in itself is not there.
        let token = "a".repeat(64);
        let attempt = app
            .post("/log-ind")
            .cookies(&[&format!("aikatalog_signin={token}")])
            .form(&[("csrf", &token), ("role", "curator")])
            .await;
        assert_eq!(attempt.status, 404, "{}", attempt.body);
        assert!(set_cookie(&attempt, "aikatalog_session").is_none());
    })
    .await;
}

#[actix_web::test]
async fn over_https_the_cookie_is_secure_and_host_only() {
    each_seeded(|db| async move {
        let config = AccountConfig {
            secure_cookies: true,
            ..dev_login()
        };
        let app = TestApp::with_account(&db, config).await;
        let form = app.page("/log-ind").await;
        let pre = cookie_pair(&form, "__Host-aikatalog_signin");
        let signed_in = app
            .post("/log-ind")
            .cookies(&[&pre])
            .form(&[("csrf", &csrf_field(&form)), ("role", "curator")])
            .await;
        let cookie = set_cookie(&signed_in, "__Host-aikatalog_session").unwrap_or_default();
        for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "{cookie} lacks {flag}");
        }
        assert!(!cookie.contains("Domain"), "{cookie}");
    })
    .await;
}

#[actix_web::test]
async fn a_signed_out_visitor_is_sent_to_sign_in_and_back() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let away = app.get("/en/my-work").await;
        assert_eq!(away.status, 303);
        assert_eq!(location(&away), "/en/sign-in?next=%2Fen%2Fmy-work");
        let form = app.page("/en/sign-in?next=%2Fen%2Fmy-work").await;
        assert!(form.body.contains("name=\"next\" value=\"/en/my-work\""));
        let (_, signed_in) = sign_in(&app, "editor", "540", "/en/my-work").await;
        assert_eq!(location(&signed_in), "/en/my-work");
    })
    .await;
}

#[actix_web::test]
async fn sign_in_never_redirects_off_the_site() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        for evil in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
        ] {
            let form = app
                .page(&format!(
                    "/log-ind?next={}",
                    url::form_urlencoded::byte_serialize(evil.as_bytes()).collect::<String>()
                ))
                .await;
            assert!(
                form.body.contains("name=\"next\" value=\"\""),
                "{evil} was kept"
            );
            let (_, signed_in) = sign_in(&app, "editor", "707", evil).await;
            assert_eq!(location(&signed_in), "/mit-arbejde", "{evil}");
        }
    })
    .await;
}

fn stored_session(db: &TestDb, raw: &str, age: TimeDelta) {
    let start = chrono::Utc::now().naive_utc() - age;
    db.db
        .write(|c| {
            sessions::create(
                c,
                raw,
                NewSession {
                    subject: "anne".into(),
                    issuer: "test".into(),
                    display_name: "Anne Andersen".into(),
                    role: "editor".into(),
                    org_code: Some("707".into()),
                    csrf_token: "t".repeat(64),
                },
                start,
                TimeDelta::hours(10),
            )
        })
        .expect("store a session");
}

#[actix_web::test]
async fn an_expired_session_is_refused_removed_and_sends_the_user_to_sign_in_and_back() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let (idle, fresh) = ("i".repeat(64), "f".repeat(64));
        stored_session(&db, &idle, TimeDelta::minutes(31));
        stored_session(&db, &fresh, TimeDelta::minutes(29));
        let ok = app
            .get("/mit-arbejde")
            .cookies(&[&format!("aikatalog_session={fresh}")])
            .await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        ok.shows(&["Anne Andersen"]);

        let expired = app
            .get("/mit-arbejde?vis=alt")
            .cookies(&[&format!("aikatalog_session={idle}")])
            .await;
        assert_eq!(expired.status, 303);
        assert_eq!(
            location(&expired),
            "/log-ind?next=%2Fmit-arbejde%3Fvis%3Dalt"
        );
        let cleared = set_cookie(&expired, "aikatalog_session").unwrap_or_default();
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
        let row = db.db.read(|c| sessions::find(c, &idle)).expect("read");
        assert!(row.is_none(), "the expired session is deleted");
    })
    .await;
}

#[actix_web::test]
async fn the_work_list_shows_the_organisations_entries_by_state_and_no_one_elses() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let norddjurs = editor("707");
        let mut draft = json!({
            "slug": "hemmelig-kladde-707",
            "title": "Norddjurs' hemmelige kladde",
            "summary": "Indgående post journaliseres automatisk på den rigtige sag.",
            "owner": "707",
            "domains": ["administration"],
            "primary_category": "intelligent-automation",
            "lifecycle": "pilot",
            "results": [{"metric": "Andel journaliseret automatisk", "value": 70.0, "unit": "%"}],
            "contact": {"name": "Digitaliseringsteamet", "email": "digitalisering@example.dk"}
        });
        let created = app
            .post("/api/v1/use-cases")
            .bearer(&norddjurs)
            .json(&draft)
            .await;
        assert_eq!(created.status, 201, "{:?}", created.json);
        draft["slug"] = json!("afvist-forslag-707");
        draft["title"] = json!("Norddjurs' afviste forslag");
        let second = app
            .post("/api/v1/use-cases")
            .bearer(&norddjurs)
            .json(&draft)
            .await;
        let uri = "/api/v1/use-cases/afvist-forslag-707";
        let submitted = app
            .post(&format!("{uri}/submit"))
            .bearer(&norddjurs)
            .if_match(second.etag.as_deref())
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.json);

        // The curator's review queue holds the submitted entry.
        let (curator, _) = sign_in(&app, "curator", "", "").await;
        let queue = app.get("/mit-arbejde").cookies(&[&curator.session]).await;
        queue.shows(&["Til gennemsyn", "Norddjurs' afviste forslag"]);
        queue.does_not_show(&["Norddjurs' hemmelige kladde"]);

        let rejected = app
            .post(&format!("{uri}/reject"))
            .as_curator()
            .if_match(submitted.etag.as_deref())
            .json(json!({"message": "Angiv kilden til tallene."}))
            .await;
        assert_eq!(rejected.status, 200, "{:?}", rejected.json);

        let (own, _) = sign_in(&app, "editor", "707", "").await;
        let mine = app.get("/mit-arbejde").cookies(&[&own.session]).await;
        assert_eq!(mine.status, 200);
        mine.shows(&[
            "Mit arbejde",
            "Kladder (1)",
            "Norddjurs' hemmelige kladde",
            "Sendt tilbage af kurator (1)",
            "Norddjurs' afviste forslag",
            "Kuratorens begrundelse: Angiv kilden til tallene.",
            "Offentliggjort",
        ]);
        assert!(
            mine.links().iter().any(|l| l.starts_with("/use-cases/")),
            "published entries link to their public page"
        );

        let (other, _) = sign_in(&app, "editor", "540", "").await;
        let theirs = app.get("/en/my-work").cookies(&[&other.session]).await;
        assert_eq!(theirs.status, 200);
        theirs.shows(&["My work", "Sønderborg"]);
        theirs.does_not_show(&["hemmelige kladde", "afviste forslag", "Angiv kilden"]);
    })
    .await;
}

#[actix_web::test]
async fn my_work_lists_overdue_and_due_reviews_for_editors_and_curators() {
    each_seeded(|db| async move {
        use aikatalog_domain::UseCase;
        let today = chrono::Utc::now().date_naive();
        let past = today - TimeDelta::days(40);
        let soon = today + TimeDelta::days(10);
        crate::util::publish_edit::<UseCase>(
            &db.db,
            "smartmail-norddjurs",
            json!({"review_on": past.to_string()}),
            |_| {},
        );
        crate::util::publish_edit::<UseCase>(
            &db.db,
            "ai-aktindsigt-soenderborg",
            json!({"review_on": soon.to_string()}),
            |_| {},
        );
        let app = TestApp::with_account(&db, dev_login()).await;
        let date = |d: chrono::NaiveDate| {
            use chrono::Datelike;
            let months = [
                "januar",
                "februar",
                "marts",
                "april",
                "maj",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "december",
            ];
            format!("{}. {} {}", d.day(), months[d.month0() as usize], d.year())
        };

        let (norddjurs, _) = sign_in(&app, "editor", "707", "").await;
        let page = app.get("/mit-arbejde").cookies(&[&norddjurs.session]).await;
        page.shows(&[
            "Gennemgangsdatoen er overskredet (1)",
            "Automatisk mailsortering (SmartMail)",
            &format!("gennemgås {}", date(past)),
        ]);
        page.does_not_show(&["Skal snart gennemgås"]);

        let (sonderborg, _) = sign_in(&app, "editor", "540", "").await;
        let page = app
            .get("/mit-arbejde")
            .cookies(&[&sonderborg.session])
            .await;
        page.shows(&[
            "Skal snart gennemgås (1)",
            &format!("gennemgås {}", date(soon)),
        ]);
        page.does_not_show(&["Gennemgangsdatoen er overskredet"]);

        let (curator, _) = sign_in(&app, "curator", "", "").await;
        let page = app.get("/en/my-work").cookies(&[&curator.session]).await;
        page.shows(&["Past their review date (1)", "Due for review soon (1)"]);
    })
    .await;
}
