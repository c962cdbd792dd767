//! The AI Act path as a municipality walks it: the questionnaire, a triage with its reasons and
//! the class stored through the workflow, the obligations checklist, the Annex VIII
//! registration information, who may do what, and triages flagged when the questionnaire moves on.

use aikatalog_testing::tokens::editor;
use aikatalog_testing::{TestApp, TestResponse, each_seeded, each_seeded_app};
use serde_json::{Value, json};

use crate::util::create_use_case;

const AKTINDSIGT: &str = "/api/v1/use-cases/ai-aktindsigt-soenderborg";

/// Sønderborg's aktindsigt tool: an AI system it uses, in no Annex III area, with no duty of
/// art. 50 (its letters are sent by caseworkers).
fn aktindsigt_answers() -> Value {
    json!({"answers": {
        "is_ai_system": "yes",
        "role": "deployer",
        "prohibited_practices": ["none"],
        "annex_i_safety_component": "no",
        "annex_iii_areas": ["none"],
        "transparency": ["none"],
        "gpai_model": "no"
    }})
}

/// Scoring citizens' eligibility for a benefit: Annex III point 5(a), and profiling.
fn benefits_answers() -> Value {
    json!({"answers": {
        "is_ai_system": "yes",
        "role": "deployer",
        "prohibited_practices": ["none"],
        "annex_i_safety_component": "no",
        "annex_iii_areas": ["public_benefits"],
        "exceptions": ["none"],
        "profiling": "yes",
        "transparency": ["none"],
        "gpai_model": "no"
    }})
}

async fn triage(app: &TestApp, uri: &str, org: &str, body: Value) -> TestResponse {
    let read = app.get(uri).as_editor(org).await;
    assert_eq!(read.status, 200, "{:?}", read.json);
    app.put(&format!("{uri}/ai-act/triage"))
        .as_editor(org)
        .if_match(read.etag.as_deref())
        .json(body)
        .await
}

fn fields(reply: &TestResponse) -> Vec<String> {
    reply.json["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn the_questionnaire_cites_its_articles_in_both_languages() {
    each_seeded_app(|app| async move {
        let q = app.get("/api/v1/ai-act/questionnaire").await;
        assert_eq!(q.status, 200);
        assert_eq!(q.json["version"], 1);
        let areas = q.json["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["questions"].as_array().cloned().unwrap_or_default())
            .find(|q| q["key"] == "annex_iii_areas")
            .expect("the Annex III question");
        assert_eq!(areas["article"]["en"], "Art. 6(2) and Annex III");
        let benefits = areas["options"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|o| o["key"] == "public_benefits")
            .expect("point 5(a)");
        assert_eq!(benefits["article"]["da"], "Bilag III, punkt 5, litra a");
        assert!(
            q.json["notes"]["da"]
                .as_str()
                .is_some_and(|n| n.contains("omnibus"))
        );
    })
    .await;
}

#[actix_web::test]
async fn the_aktindsigt_case_gets_a_reasoned_class_through_the_workflow() {
    each_seeded_app(|app| async move {
        // The seed entry names no contact, which publishing needs: the editor adds one first.
        let read = app.get(AKTINDSIGT).as_editor("540").await;
        let mut doc = read.json.clone();
        doc["contact"] = json!({"name": "Team Aktindsigt", "email": "aktindsigt@example.dk"});
        let saved = app.put(AKTINDSIGT).as_editor("540").if_match(read.etag.as_deref()).json(doc).await;
        assert_eq!(saved.status, 200, "{:?}", saved.json);

        let reply = triage(&app, AKTINDSIGT, "540", aktindsigt_answers()).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let result = &reply.json["triage"]["result"];
        assert_eq!(result["class"], "minimal");
        assert_eq!(result["role"], "deployer");
        let articles: Vec<&str> = result["reasons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["article"]["en"].as_str())
            .collect();
        assert!(articles.contains(&"Art. 6(2) and Annex III"), "{articles:?}");
        assert!(articles.contains(&"Art. 5(1)"), "{articles:?}");
        // Published entry: the class waits for a curator.
        assert_eq!(reply.json["revision_created"], true);
        assert_eq!(reply.json["entry"]["pending_change"], true);
        assert!(reply.json["workflow"]["en"].as_str().is_some_and(|t| t.contains("curator")));
        let obligations: Vec<&str> = reply.json["triage"]["obligations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["obligation"].as_str())
            .collect();
        assert_eq!(obligations, ["ai_literacy"]);

        // The public still sees "not assessed", and no triage, until a curator publishes.
        assert_eq!(app.get(AKTINDSIGT).await.json["ai_act"]["class"], "not_assessed");
        assert_eq!(app.get(&format!("{AKTINDSIGT}/ai-act/triage")).await.status, 404);
        let current = app.get(AKTINDSIGT).as_curator().await;
        assert_eq!(current.json["ai_act"]["class"], "minimal");
        assert!(
            current.json["ai_act"]["justification"]
                .as_str()
                .is_some_and(|j| j.contains("Minimal risiko"))
        );
        let published = app
            .post(&format!("{AKTINDSIGT}/publish"))
            .as_curator()
            .if_match(reply.etag.as_deref())
            .await;
        assert_eq!(published.status, 200, "{:?}", published.json);
        assert_eq!(app.get(AKTINDSIGT).await.json["ai_act"]["class"], "minimal");
        let public = app.get(&format!("{AKTINDSIGT}/ai-act/triage")).await;
        assert_eq!(public.status, 200);
        assert_eq!(public.json["outdated"], false);

        // The same answers again change nothing.
        let again = triage(&app, AKTINDSIGT, "540", aktindsigt_answers()).await;
        assert_eq!(again.json["revision_created"], false, "{:?}", again.json);

        // The checklist: editors set a status, the public reads it.
        let set = app
            .put(&format!("{AKTINDSIGT}/ai-act/obligations"))
            .as_editor("540")
            .json(json!({"items": [{"obligation": "ai_literacy", "status": "done", "note": "Kursus for sagsbehandlere, maj 2026"}]}))
            .await;
        assert_eq!(set.status, 200, "{:?}", set.json);
        let read = app.get(&format!("{AKTINDSIGT}/ai-act/obligations")).await;
        assert_eq!(read.json["items"][0]["status"], "done");
        let wrong = app
            .put(&format!("{AKTINDSIGT}/ai-act/obligations"))
            .as_editor("540")
            .json(json!({"items": [{"obligation": "fria", "status": "done"}]}))
            .await;
        assert_eq!(wrong.status, 422);
        assert_eq!(fields(&wrong), ["items[0].obligation"]);
    })
    .await;
}

#[actix_web::test]
async fn incomplete_or_unknown_answers_are_named_by_field() {
    each_seeded_app(|app| async move {
        let mut body = benefits_answers();
        body["answers"]["role"] = json!(["deployer", "provider"]);
        body["answers"]["gpai_model"] = json!("perhaps");
        body["answers"]
            .as_object_mut()
            .map(|a| a.remove("profiling"));
        let reply = triage(&app, AKTINDSIGT, "540", body).await;
        assert_eq!(reply.status, 422, "{:?}", reply.json);
        assert_eq!(
            fields(&reply),
            ["answers.gpai_model[0]", "answers.profiling", "answers.role"]
        );
        // Nothing was stored: no triage, no revision.
        let read = app.get(AKTINDSIGT).as_editor("540").await;
        assert_eq!(read.json["ai_act"]["class"], "not_assessed");
        assert_eq!(
            app.get(&format!("{AKTINDSIGT}/ai-act/triage"))
                .as_editor("540")
                .await
                .status,
            404
        );
    })
    .await;
}

#[actix_web::test]
async fn only_the_owners_editors_and_curators_triage() {
    each_seeded_app(|app| async move {
        let uri = format!("{AKTINDSIGT}/ai-act/triage");
        let read = app.get(AKTINDSIGT).await;
        let anonymous = app
            .put(&uri)
            .if_match(read.etag.as_deref())
            .json(aktindsigt_answers())
            .await;
        assert_eq!(
            (anonymous.status.as_u16(), anonymous.code()),
            (401, "unauthenticated")
        );
        let other = app
            .put(&uri)
            .as_editor("707")
            .if_match(read.etag.as_deref())
            .json(aktindsigt_answers())
            .await;
        assert_eq!((other.status.as_u16(), other.code()), (403, "forbidden"));
        let no_etag = app
            .put(&uri)
            .as_editor("540")
            .json(aktindsigt_answers())
            .await;
        assert_eq!(no_etag.status, 428);
        let obligations = app
            .put(&format!("{AKTINDSIGT}/ai-act/obligations"))
            .as_editor("707")
            .json(json!({"items": []}))
            .await;
        assert_eq!(obligations.status, 403);
        let curator = app
            .put(&uri)
            .as_curator()
            .if_match(read.etag.as_deref())
            .json(aktindsigt_answers())
            .await;
        assert_eq!(curator.status, 200, "{:?}", curator.json);
    })
    .await;
}

#[actix_web::test]
async fn a_benefits_scoring_case_is_high_risk_and_its_registration_lists_what_is_missing() {
    each_seeded_app(|app| async move {
        let token = editor("540");
        let created = create_use_case(&app, &token, "ydelsesscore", "540").await;
        assert_eq!(created.status, 201);
        let uri = "/api/v1/use-cases/ydelsesscore";
        let reply = triage(&app, uri, "540", benefits_answers()).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let result = &reply.json["triage"]["result"];
        assert_eq!(result["class"], "high");
        assert_eq!(result["annex_iii_points"], json!(["5(a)"]));
        let reasons = result["reasons"].as_array().cloned().unwrap_or_default();
        assert!(
            reasons.iter().any(|r| r["article"]["en"] == "Annex III, point 5(a)"),
            "{reasons:?}"
        );
        assert!(reasons.iter().any(|r| r["article"]["en"] == "Art. 6(3), last subparagraph"));
        // A draft stays a draft.
        assert_eq!(reply.json["entry"]["state"], "draft");
        let duties: Vec<&str> = reply.json["triage"]["obligations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["obligation"].as_str())
            .collect();
        for duty in ["human_oversight", "logs", "inform_workers", "inform_affected_persons", "fria", "eu_registration"] {
            assert!(duties.contains(&duty), "{duty} missing from {duties:?}");
        }

        let annex = format!("{uri}/ai-act/annex-viii");
        assert_eq!(app.get(&annex).await.status, 404, "a draft is not public");
        let missing = app.get(&annex).as_editor("540").await;
        assert_eq!(
            (missing.status.as_u16(), missing.code()),
            (422, "registration_incomplete"),
            "{:?}",
            missing.json
        );
        assert_eq!(
            fields(&missing),
            [
                "ai_act.eu_database_url",
                "assessments.fria.summary",
                "data.personal_data",
                "organisation.postal_address"
            ]
        );
        assert!(missing.json["errors"][0]["message_da"].as_str().is_some_and(|m| m.contains("EU-databasen")));

        // Fill in what is missing: the organisation's address (a curator), the entry's facts.
        let org = app.get("/api/v1/organisations/540").await;
        let mut doc = org.json.clone();
        doc["postal_address"] = json!({"street": "Rådhustorvet 10", "postcode": "6400", "city": "Sønderborg"});
        let put = app
            .put("/api/v1/organisations/540")
            .as_curator()
            .if_match(org.etag.as_deref())
            .json(doc)
            .await;
        assert_eq!(put.status, 200, "{:?}", put.json);
        let read = app.get(uri).as_editor("540").await;
        let mut doc = read.json.clone();
        doc["ai_act"]["eu_database_url"] = json!("https://ai-act-database.ec.europa.eu/systems/12345");
        doc["data"]["personal_data"] = json!(true);
        doc["assessments"] = json!([
            {"kind": "fria", "status": "done", "summary": "Risiko for fejlagtige afslag for borgere med atypiske sager; sagsbehandler afgør altid.",
             "fria": {"processes": "Visitation til hjælpemidler", "affected_persons": "Ansøgere"}},
            {"kind": "dpia", "status": "done", "summary": "Behandlingen er nødvendig og proportional; adgang er begrænset."}
        ]);
        let saved = app.put(uri).as_editor("540").if_match(read.etag.as_deref()).json(doc).await;
        assert_eq!(saved.status, 200, "{:?}", saved.json);

        let filled = app.get(&annex).as_editor("540").await;
        assert_eq!(filled.status, 200, "{:?}", filled.json);
        assert_eq!(filled.json["deployer"]["name"], "Sønderborg Kommune");
        assert_eq!(filled.json["deployer"]["address"]["city"], "Sønderborg");
        assert_eq!(filled.json["submitter"]["name"], "Digitaliseringsteamet");
        assert_eq!(
            filled.json["provider_database_url"],
            "https://ai-act-database.ec.europa.eu/systems/12345"
        );
        assert!(filled.json["fria_summary"].as_str().is_some_and(|s| s.contains("sagsbehandler")));
        assert!(filled.json["dpia_summary"].as_str().is_some());

        // A use case that is not high-risk has no registration to give.
        let aktindsigt = app.get(&format!("{AKTINDSIGT}/ai-act/annex-viii")).await;
        assert_eq!(aktindsigt.status, 422);
        assert_eq!(aktindsigt.json["errors"][0]["code"], "not_high_risk");
    })
    .await;
}

#[actix_web::test]
async fn a_new_questionnaire_version_flags_earlier_triages() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let reply = triage(&app, AKTINDSIGT, "540", aktindsigt_answers()).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let list = app
            .get("/api/v1/ai-act/outdated-triages")
            .as_curator()
            .await;
        assert_eq!(list.json["total"], 0);

        let mut newer = aikatalog_seed::bundled_questionnaire().expect("valid");
        newer.version = 2;
        let app = TestApp::with_questionnaire(&db, newer).await;
        let read = app
            .get(&format!("{AKTINDSIGT}/ai-act/triage"))
            .as_editor("540")
            .await;
        assert_eq!(read.status, 200);
        assert_eq!(read.json["outdated"], true);
        assert_eq!(read.json["questionnaire_version"], 1);
        assert_eq!(read.json["current_version"], 2);
        let list = app
            .get("/api/v1/ai-act/outdated-triages")
            .as_curator()
            .await;
        assert_eq!(list.status, 200);
        assert_eq!(list.json["items"][0]["slug"], "ai-aktindsigt-soenderborg");
        assert_eq!(list.json["items"][0]["questionnaire_version"], 1);
        let others = app
            .get("/api/v1/ai-act/outdated-triages")
            .as_editor("707")
            .await;
        assert_eq!(others.json["total"], 0, "an editor sees only their own");
        assert_eq!(app.get("/api/v1/ai-act/outdated-triages").await.status, 401);

        // A new triage on version 2 clears the flag.
        let again = triage(&app, AKTINDSIGT, "540", aktindsigt_answers()).await;
        assert_eq!(again.json["triage"]["outdated"], false, "{:?}", again.json);
        let list = app
            .get("/api/v1/ai-act/outdated-triages")
            .as_curator()
            .await;
        assert_eq!(list.json["total"], 0);
    })
    .await;
}
