//! The AI Act on the pages: an editor walks the questionnaire step by step without JavaScript,
//! the conclusion with its reasons and the obligations appear on the public page once a
//! curator publishes the class, and the printable registration page lists what is missing.

use aikatalog_testing::{TestApp, TestResponse, each_seeded};
use aikatalog_web::AccountConfig;
use serde_json::json;

use crate::util::PageText;

const SLUG: &str = "ai-aktindsigt-soenderborg";
const FORM: &str = "/use-cases/ai-aktindsigt-soenderborg/ai-forordningen";

fn cookie_pair(response: &TestResponse, name: &str) -> String {
    response
        .headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie set: {:?}", response.headers))
        .to_owned()
}

/// The value of the hidden field `name` on the page.
fn hidden(page: &TestResponse, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field on the page:\n{}", page.body));
    let rest = &page.body[at + marker.len()..];
    rest[..rest.find('"').unwrap_or(0)].to_owned()
}

/// Signs in with the development sign-in as an editor of `org`; the session cookie.
async fn sign_in(app: &TestApp, org: &str) -> String {
    let form = app.page("/log-ind").await;
    let pre = cookie_pair(&form, "aikatalog_signin");
    let signed_in = app
        .post("/log-ind")
        .cookies(&[&pre])
        .form(&[
            ("csrf", hidden(&form, "csrf").as_str()),
            ("role", "editor"),
            ("org", org),
            ("next", "/"),
        ])
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    cookie_pair(&signed_in, "aikatalog_session")
}

async fn app(db: &aikatalog_testing::TestDb) -> TestApp {
    TestApp::with_account(
        db,
        AccountConfig {
            dev_login: true,
            ..AccountConfig::default()
        },
    )
    .await
}

#[actix_web::test]
async fn an_editor_walks_the_questionnaire_step_by_step() {
    each_seeded(|db| async move {
        let app = app(&db).await;
        let anonymous = app.get(FORM).await;
        assert_eq!(anonymous.status, 303, "sent to sign in");
        let stranger = sign_in(&app, "707").await;
        assert_eq!(app.get(FORM).cookies(&[&stranger]).await.status, 404);

        let session = sign_in(&app, "540").await;
        let mut page = app.get(FORM).cookies(&[&session]).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.shows(&[
            "Trin 1 af 6",
            "Er det et AI-system?",
            "Art. 3, nr. 1",
            "2. august 2026",
            "omnibus",
        ]);
        let csrf = hidden(&page, "csrf");
        let revision = hidden(&page, "revision");

        // Nothing chosen: the step comes back with the question marked.
        let empty = app
            .post(FORM)
            .cookies(&[&session])
            .form(&[
                ("csrf", csrf.as_str()),
                ("revision", &revision),
                ("step", "0"),
            ])
            .await;
        assert_eq!(empty.status, 200);
        empty.shows(&["Besvar spørgsmålet."]);

        let steps: [&[(&str, &str)]; 6] = [
            &[("a.is_ai_system", "yes")],
            &[("a.role", "deployer")],
            &[("a.prohibited_practices", "none")],
            &[
                ("a.annex_i_safety_component", "no"),
                ("a.annex_iii_areas", "none"),
            ],
            &[("a.transparency", "none")],
            &[("a.gpai_model", "no")],
        ];
        let mut answers: Vec<(&str, &str)> = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            answers.extend_from_slice(step);
            let mut fields = vec![("csrf", csrf.as_str()), ("revision", revision.as_str())];
            let at = hidden(&page, "step");
            fields.push(("step", at.as_str()));
            fields.extend_from_slice(&answers);
            page = app.post(FORM).cookies(&[&session]).form(&fields).await;
            assert_eq!(page.status, 200, "step {i}: {}", page.body);
            if i + 1 < steps.len() {
                page.shows(&[&format!("Trin {} af 6", i + 2)]);
            }
        }
        page.shows(&[
            "Vurderingen er gemt",
            "Klassen er gemt som en ændring, der venter",
            "Konklusion: Minimal risiko",
            "Art. 6, stk. 2, og bilag III",
            "Ikke omfattet: Ingen af disse",
            "AI-færdigheder hos personalet",
        ]);
        // The same last step sent again is based on the revision before the triage's: refused,
        // saying why, and nothing more is stored.
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("revision", revision.as_str()),
            ("step", "5"),
        ];
        fields.extend_from_slice(&answers);
        let stale = app.post(FORM).cookies(&[&session]).form(&fields).await;
        assert_eq!(stale.status, 422, "{}", stale.body);
        stale.shows(&["Anvendelsen er blevet ændret, siden du begyndte"]);
        // The class waits for a curator: the public page does not show it yet.
        let public = app.page(&format!("/use-cases/{SLUG}")).await;
        assert!(!public.text().contains("Konklusion: Minimal risiko"));
        // The editor's page shows the triage and sets an obligation's status.
        let mine = app.get(FORM).cookies(&[&session]).await;
        mine.shows(&["Seneste vurdering", "Opdatér status for forpligtelserne"]);
        let saved = app
            .post(&format!("{FORM}/forpligtelser"))
            .cookies(&[&session])
            .form(&[
                ("csrf", csrf.as_str()),
                ("status.ai_literacy", "done"),
                ("note.ai_literacy", "Kursus for alle sagsbehandlere"),
            ])
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let obligations = app
            .get("/api/v1/use-cases/ai-aktindsigt-soenderborg/ai-act/obligations")
            .as_editor("540")
            .await;
        assert_eq!(obligations.json["items"][0]["status"], "done");
        let long = "x".repeat(1001);
        let too_long = app
            .post(&format!("{FORM}/forpligtelser"))
            .cookies(&[&session])
            .form(&[
                ("csrf", csrf.as_str()),
                ("status.ai_literacy", "in_progress"),
                ("note.ai_literacy", long.as_str()),
            ])
            .await;
        assert_eq!(too_long.status, 422, "{}", too_long.body);
        too_long.shows(&["Status blev ikke gemt: en note er for lang"]);
        let refused = app
            .post(&format!("{FORM}/forpligtelser"))
            .cookies(&[&session])
            .form(&[("csrf", "forged"), ("status.ai_literacy", "open")])
            .await;
        assert_eq!(refused.status, 403);
    })
    .await;
}

#[actix_web::test]
async fn the_public_page_shows_the_published_conclusion_and_the_registration_page() {
    each_seeded(|db| async move {
        let app = app(&db).await;
        // Through the API: a contact (publishing needs one), the triage, the curator's publish.
        let uri = "/api/v1/use-cases/ai-aktindsigt-soenderborg";
        let read = app.get(uri).as_editor("540").await;
        let mut doc = read.json.clone();
        doc["contact"] = json!({"name": "Team Aktindsigt", "email": "aktindsigt@example.dk"});
        doc["assessments"] = json!([{"kind": "fria", "status": "in_progress",
            "fria": {"processes": "Behandling af anmodninger om aktindsigt",
                     "affected_persons": "Borgere og virksomheder, der søger aktindsigt"}}]);
        let saved = app
            .put(uri)
            .as_editor("540")
            .if_match(read.etag.as_deref())
            .json(doc)
            .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let answers = json!({"answers": {
            "is_ai_system": "yes", "role": "deployer", "prohibited_practices": ["none"],
            "annex_i_safety_component": "no", "annex_iii_areas": ["public_benefits"],
            "exceptions": ["none"], "profiling": "yes", "transparency": ["none"], "gpai_model": "no"
        }});
        let triaged = app
            .put(&format!("{uri}/ai-act/triage"))
            .as_editor("540")
            .if_match(saved.etag.as_deref())
            .json(answers)
            .await;
        assert_eq!(triaged.status, 200, "{}", triaged.body);
        let published = app
            .post(&format!("{uri}/publish"))
            .as_curator()
            .if_match(triaged.etag.as_deref())
            .await;
        assert_eq!(published.status, 200, "{}", published.body);
        assert_eq!(
            app.get(uri).await.json["assessments"][0]["kind"],
            "fria",
            "the FRIA is published"
        );

        let page = app.page(&format!("/use-cases/{SLUG}")).await;
        page.shows(&[
            "AI-forordningen",
            "Konklusion: Høj risiko",
            "Bilag III, punkt 5, litra a",
            "Menneskeligt tilsyn ved navngivne, kompetente personer",
            "Konsekvensanalyse for grundlæggende rettigheder (FRIA)",
            "Oplysninger til registrering i EU-databasen",
            // The FRIA's elements, beside the other assessments.
            "a) Processer, hvor systemet bruges",
            "Behandling af anmodninger om aktindsigt",
            "c) Berørte personer og grupper",
        ]);
        let english = app.page(&format!("/en/use-cases/{SLUG}")).await;
        english.shows(&["Conclusion: High risk", "Annex III, point 5(a)"]);

        let registration = app.page(&format!("{FORM}/registrering")).await;
        registration.shows(&[
            "Registrering i EU-databasen",
            "Det mangler",
            "URL'en til udbyderens registrering af systemet i EU-databasen (punkt 3)",
            "organisationens postadresse (punkt 1)",
        ]);
        let english = app
            .page(&format!("/en/use-cases/{SLUG}/ai-act/registration"))
            .await;
        english.shows(&[
            "What is missing",
            "the organisation's postal address (point 1)",
        ]);
    })
    .await;
}
