//! The AI Act path of a use case (`/ai-act/…` and `/use-cases/{id}/ai-act/…`): the current
//! questionnaire, the triage (answers in, class and reasons out, the class stored on the entry
//! as a new revision through the editorial workflow), the deployer's obligations checklist with
//! a status per obligation, and the Annex VIII section C registration information. Entries
//! triaged on an older questionnaire are flagged on their triage and listed at
//! `/ai-act/outdated-triages`. The rules themselves are `aikatalog_domain::ai_act`.

use std::collections::BTreeMap;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use aikatalog_domain::ai_act::obligations::{ObligationItem, ObligationUpdate};
use aikatalog_domain::ai_act::{
    Answers, Bilingual, Questionnaire, Registration, TriageResult, registration,
};
use aikatalog_domain::{
    EntryKind, FieldError, FieldErrors, Organisation, PublicationState, UseCase,
};
use aikatalog_publishing as publishing;
use aikatalog_storage::DbConnection;
use aikatalog_storage::models::ai_act::{self as store, StoredTriage};
use aikatalog_storage::models::entries::EntryRow;
use aikatalog_storage::models::reference_records::{self, RefKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::blocking;
use super::entry_access::{load_for_read, privileged};
use super::preconditions::{based_on, if_match};
use crate::AppState;
use crate::auth::{MaybePrincipal, Principal};
use crate::error::ApiError;

#[utoipa::path(
    tag = "ai-act", operation_id = "get_ai_act_questionnaire",
    summary = "The current AI Act triage questionnaire",
    description = "Sections of questions in Danish and English, each citing its article of Regulation (EU) 2024/1689, with help texts that say where a lawyer is needed, the answer options and what each means to the classification. `notes` states the dates of application as the Regulation was published.",
    responses((status = 200, description = "The questionnaire.", body = Questionnaire))
)]
#[get("/ai-act/questionnaire")]
pub async fn get_questionnaire(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(state.ai_act.as_ref())
}

/// A triage as stored, with what follows from it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TriageView {
    pub use_case: String,
    /// The questionnaire version the answers were given to.
    pub questionnaire_version: u32,
    /// The version the server asks now.
    pub current_version: u32,
    /// Answered on an older questionnaire: the entry needs a new look.
    pub outdated: bool,
    pub answers: Answers,
    pub result: TriageResult,
    /// The deployer's obligations for this result, each with its status.
    pub obligations: Vec<ObligationItem>,
    pub triaged_at: DateTime<Utc>,
}

/// Where the entry stands after a triage.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntryState {
    pub id: String,
    pub slug: String,
    pub state: PublicationState,
    pub revision: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_revision: Option<i64>,
    /// A published entry has a newer revision that the public does not see yet.
    pub pending_change: bool,
}

/// The answer to a triage.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TriageReply {
    pub triage: TriageView,
    pub entry: EntryState,
    /// Whether this triage made a new revision of the entry (its class or justification changed).
    pub revision_created: bool,
    /// What happens to the class next, in words.
    pub workflow: Bilingual,
}

/// The answers of a triage: for each question asked, the key of the option chosen, or a list
/// of keys for a question that takes several.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "documents the body, which is read field by field for its errors"
)]
pub struct TriageRequest {
    #[schema(value_type = Object, additional_properties = true, example = json!({"is_ai_system": "yes", "annex_iii_areas": ["public_benefits"]}))]
    answers: BTreeMap<String, Value>,
}

/// Reads the body into answers, naming every malformed field.
fn read_answers(body: Value) -> Result<Answers, ApiError> {
    let mut errors = FieldErrors::default();
    let mut answers = Answers::new();
    let Value::Object(mut body) = body else {
        return Err(ApiError::MalformedJson(
            "the body must be an object with `answers`".into(),
        ));
    };
    for key in body.keys().filter(|k| k.as_str() != "answers") {
        errors.push(FieldError::new(
            key.clone(),
            "unknown_field",
            "only `answers` is expected",
        ));
    }
    match body.remove("answers") {
        Some(Value::Object(map)) => {
            for (question, value) in map {
                let at = format!("answers.{question}");
                match value {
                    Value::String(one) => {
                        answers.insert(question, vec![one]);
                    }
                    Value::Array(items) => {
                        let mut chosen = Vec::new();
                        for (i, item) in items.into_iter().enumerate() {
                            match item {
                                Value::String(s) => chosen.push(s),
                                _ => errors.push(FieldError::new(
                                    format!("{at}[{i}]"),
                                    "invalid_type",
                                    "an option key is text",
                                )),
                            }
                        }
                        answers.insert(question, chosen);
                    }
                    _ => errors.push(FieldError::new(
                        at,
                        "invalid_type",
                        "an answer is an option key or a list of option keys",
                    )),
                }
            }
        }
        Some(_) => errors.push(FieldError::new(
            "answers",
            "invalid_type",
            "`answers` is an object from question key to option key(s)",
        )),
        None => errors.push(FieldError::new(
            "answers",
            "missing_field",
            "`answers` is required",
        )),
    }
    errors.into_result().map_err(ApiError::Invalid)?;
    Ok(answers)
}

fn view(
    row: &EntryRow,
    triage: StoredTriage,
    obligations: Vec<ObligationItem>,
    current: u32,
) -> TriageView {
    TriageView {
        use_case: row.slug.clone(),
        questionnaire_version: triage.questionnaire_version,
        current_version: current,
        outdated: triage.questionnaire_version < current,
        answers: triage.answers,
        result: triage.result,
        obligations,
        triaged_at: triage.triaged_at.and_utc(),
    }
}

fn entry_state(row: &EntryRow) -> EntryState {
    EntryState {
        id: row.id.clone(),
        slug: row.slug.clone(),
        state: row.state(),
        revision: row.revision,
        published_revision: row.published_revision,
        pending_change: row.has_pending_change(),
    }
}

fn workflow_note(row: &EntryRow, created: bool) -> Bilingual {
    match (created, row.state()) {
        (false, _) => Bilingual::new(
            "Klassen og begrundelsen er uændrede, så der er ingen ny revision.",
            "The class and justification are unchanged, so no new revision was made.",
        ),
        (true, PublicationState::Published) => Bilingual::new(
            "Klassen er gemt som en ændring, der venter: offentligheden ser den, når en redaktør (kurator) har udgivet den.",
            "The class is stored as a pending change: the public sees it once a curator publishes it.",
        ),
        (true, PublicationState::Submitted) => Bilingual::new(
            "Klassen er gemt i den indsendte revision, som en redaktør (kurator) gennemgår og udgiver.",
            "The class is stored in the submitted revision, which a curator reviews and publishes.",
        ),
        (true, _) => Bilingual::new(
            "Klassen er gemt i kladden: indsend den, så en redaktør (kurator) kan udgive den.",
            "The class is stored in the draft: submit it so that a curator can publish it.",
        ),
    }
}

#[utoipa::path(
    tag = "ai-act", operation_id = "put_use_case_triage",
    summary = "Triage a use case under the AI Act",
    description = "Stores the answers with the questionnaire version, computes the class with its reasons, and sets the entry's `ai_act.class` and `ai_act.justification` as a new revision through the editorial workflow: a draft stays a draft, a published entry gets a pending change that a curator publishes (`workflow` says which). Every question asked must be answered with a known option (`errors` names `answers.<question>`). Editors of the owning organisation and curators; `If-Match` with the entry's ETag.",
    params(("id" = String, Path, description = "The use case's slug or id"), ("If-Match" = String, Header, description = "The ETag of the entry's revision the triage is based on")),
    request_body = TriageRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The stored triage, its result and where the entry stands; `ETag` is the entry's newest revision.", body = TriageReply, headers(("ETag" = String))),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        crate::openapi::EntryChangeErrors,
    )
)]
#[put("/use-cases/{id}/ai-act/triage")]
pub async fn put_triage(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let based_on = based_on(if_match(&req).as_deref());
    let (db, key, questionnaire) = (state.db.clone(), id.into_inner(), state.ai_act.clone());
    let answers = read_answers(body.into_inner())?;
    let (reply, etag) = blocking(move || {
        let done = publishing::triage(
            &db,
            &caller.caller(),
            &key,
            based_on.as_ref(),
            &questionnaire,
            &answers,
        )?;
        let row = &done.row;
        let reply = TriageReply {
            triage: view(row, done.triage, done.obligations, questionnaire.version),
            entry: entry_state(row),
            revision_created: done.revision_created,
            workflow: workflow_note(row, done.revision_created),
        };
        Ok::<_, ApiError>((reply, super::entry_access::etag(row, row.revision)))
    })
    .await?;
    let mut response = HttpResponse::Ok();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.insert_header((header::ETAG, value));
    }
    Ok(response.json(reply))
}

/// The entry and its triage, if the caller may see them: the owner's editors and curators
/// always, the public once the class the triage reached is published.
fn readable_triage(
    conn: &mut DbConnection,
    key: &str,
    caller: Option<&Principal>,
) -> Result<(EntryRow, StoredTriage), ApiError> {
    let (row, _, _) = load_for_read::<UseCase>(conn, key, caller)?;
    let triage = store::find_triage(conn, &row.id)?.ok_or_else(|| ApiError::NotFound {
        what: "triage of use case",
        key: key.to_owned(),
    })?;
    if privileged(&row, caller) || store::public_may_see(&row, &triage)? {
        Ok((row, triage))
    } else {
        Err(ApiError::NotFound {
            what: "triage of use case",
            key: key.to_owned(),
        })
    }
}

#[utoipa::path(
    tag = "ai-act", operation_id = "get_use_case_triage",
    summary = "A use case's AI Act triage",
    description = "The stored answers, their questionnaire version (`outdated` when the server asks a newer one), the result with its reasons and the obligations checklist. The public sees it once the class it reached is published; the owner's editors and curators always.",
    params(("id" = String, Path, description = "The use case's slug or id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The triage.", body = TriageView),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/use-cases/{id}/ai-act/triage")]
pub async fn get_triage(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (db, key, current) = (state.db.clone(), id.into_inner(), state.ai_act.version);
    let view = blocking(move || {
        db.read_with(|conn| {
            let (row, triage) = readable_triage(conn, &key, caller.0.as_ref())?;
            let obligations = store::checklist(conn, &row.id, &triage.result)?;
            Ok::<_, ApiError>(view(&row, triage, obligations, current))
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The obligations checklist.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ObligationList {
    pub items: Vec<ObligationItem>,
}

#[utoipa::path(
    tag = "ai-act", operation_id = "get_use_case_obligations",
    summary = "A use case's AI Act obligations checklist",
    description = "The deployer's obligations its triage gives (art. 4, 26, 27, 49(3), 50), each with its status. Visible as the triage is.",
    params(("id" = String, Path, description = "The use case's slug or id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The checklist.", body = ObligationList),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/use-cases/{id}/ai-act/obligations")]
pub async fn get_obligations(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (db, key) = (state.db.clone(), id.into_inner());
    let items = blocking(move || {
        db.read_with(|conn| {
            let (row, triage) = readable_triage(conn, &key, caller.0.as_ref())?;
            Ok::<_, ApiError>(store::checklist(conn, &row.id, &triage.result)?)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(ObligationList { items }))
}

/// Statuses to set; obligations not named keep theirs.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationsRequest {
    pub items: Vec<ObligationUpdate>,
}

#[utoipa::path(
    tag = "ai-act", operation_id = "put_use_case_obligations",
    summary = "Set the status of a use case's AI Act obligations",
    description = "Sets the status (and a note) of obligations the entry's triage gives; others keep theirs. The checklist is the municipality's own account of its duties, shown with the entry, and is not part of the entry's revisions. Editors of the owning organisation and curators.",
    params(("id" = String, Path, description = "The use case's slug or id")),
    request_body = ObligationsRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The whole checklist after the change.", body = ObligationList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[put("/use-cases/{id}/ai-act/obligations")]
pub async fn put_obligations(
    state: web::Data<AppState>,
    caller: Principal,
    id: web::Path<String>,
    body: web::Json<ObligationsRequest>,
) -> Result<HttpResponse, ApiError> {
    let (db, key, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    let items = blocking(move || {
        Ok::<_, ApiError>(publishing::set_obligations(
            &db,
            &caller.caller(),
            &key,
            &body.items,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ObligationList { items }))
}

/// The registration information of a use case, or everything missing from it.
pub fn annex_viii(
    conn: &mut DbConnection,
    key: &str,
    caller: Option<&Principal>,
) -> Result<Registration, ApiError> {
    let (row, doc, _) = load_for_read::<UseCase>(conn, key, caller)?;
    let owner = reference_records::current(conn, RefKind::Organisation, &row.owner_code)?
        .ok_or(ApiError::NoRecord)?;
    let owner: Organisation = serde_json::from_str(&owner.document)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored organisation: {e}")))?;
    registration(&doc, &owner).map_err(ApiError::RegistrationIncomplete)
}

#[utoipa::path(
    tag = "ai-act", operation_id = "get_use_case_annex_viii",
    summary = "The EU database registration information of a high-risk use case (Annex VIII, section C)",
    description = "What a public-authority deployer registers before using a high-risk AI system (art. 49(3)), filled from the use case and its organisation: the deployer (point 1), the person submitting (point 2, the entry's contact), the provider's EU database entry (point 3, `ai_act.eu_database_url`), the FRIA summary (point 4) and the DPIA summary where personal data is processed (point 5). When something is missing: 422 `registration_incomplete`, with `errors` naming every missing field, in English (`message`) and Danish (`message_da`). The public reads the published entry; the owner's editors and curators the newest revision. Printable page: `/brug/{slug}/ai-forordningen/registrering`.",
    params(("id" = String, Path, description = "The use case's slug or id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The registration information.", body = Registration),
        (status = 422, response = crate::openapi::RegistrationIncomplete),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/use-cases/{id}/ai-act/annex-viii")]
pub async fn get_annex_viii(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (db, key) = (state.db.clone(), id.into_inner());
    let registration =
        blocking(move || db.read_with(|conn| annex_viii(conn, &key, caller.0.as_ref()))).await?;
    Ok(HttpResponse::Ok().json(registration))
}

/// An entry triaged on an older questionnaire.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutdatedItem {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub owner: String,
    pub questionnaire_version: u32,
    pub class: String,
    pub triaged_at: DateTime<Utc>,
}

/// Entries to triage again.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutdatedList {
    pub current_version: u32,
    pub items: Vec<OutdatedItem>,
    pub total: usize,
}

#[utoipa::path(
    tag = "ai-act", operation_id = "list_outdated_triages",
    summary = "Use cases triaged on an older questionnaire",
    description = "Entries whose AI Act triage answered an older version of the questionnaire than the server asks now, for a new look. Curators see every organisation's; editors their own.",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The list.", body = OutdatedList),
        (status = 401, response = crate::openapi::Unauthorized),
    )
)]
#[get("/ai-act/outdated-triages")]
pub async fn outdated(
    state: web::Data<AppState>,
    caller: Principal,
) -> Result<HttpResponse, ApiError> {
    let (db, current) = (state.db.clone(), state.ai_act.version);
    let owner = (!caller.is_curator()).then(|| caller.org.as_ref().map(ToString::to_string));
    let rows = blocking(move || {
        // An editor without an organisation sees nothing rather than everything.
        let owner = match owner {
            Some(None) => return Ok(Vec::new()),
            Some(Some(code)) => Some(code),
            None => None,
        };
        Ok(db.read(|conn| store::outdated(conn, current, owner.as_deref()))?)
    })
    .await?;
    let items: Vec<OutdatedItem> = rows
        .into_iter()
        .filter(|r| r.kind == EntryKind::UseCase.as_str())
        .map(|r| OutdatedItem {
            id: r.entry_id,
            slug: r.slug,
            title: r.title,
            owner: r.owner_code,
            questionnaire_version: r.questionnaire_version,
            class: r.class,
            triaged_at: r.triaged_at.and_utc(),
        })
        .collect();
    let total = items.len();
    Ok(HttpResponse::Ok().json(OutdatedList {
        current_version: current,
        items,
        total,
    }))
}
