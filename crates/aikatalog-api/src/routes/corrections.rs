//! Correction suggestions, the API's side of "Foreslå en rettelse":
//!
//! - `POST /use-cases/{id}/corrections` and `POST /algorithms/{id}/corrections`: anyone, no
//!   token needed, suggests a correction to a public entry. The same checks as the page form
//!   (`aikatalog_domain::correction`) and the same per-client hourly budget
//!   (`RateLimits::check_correction`, shared with the form); the page's bot protection (a
//!   honeypot and a signed form token) has no meaning for an API client, whose limits are that
//!   budget, the write limit and the body size.
//! - `GET /me/corrections`: an editor's organisation's suggestions, or every one for a curator.
//! - `POST /corrections/{id}/close`: the owner's editors or a curator close one with a reply.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use aikatalog_domain::correction::{self, CorrectionStatus};
use aikatalog_domain::{EntryKind, OrgCode};
use aikatalog_state::rate_limit::RateLimits;
use aikatalog_storage::models::corrections::{
    self, AboutEntry, CorrectionFilter, CorrectionRow, NewCorrection,
};
use aikatalog_storage::models::entries;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa_actix_web::service_config::ServiceConfig;

use super::blocking;
use super::entry_access::not_found;
use crate::AppState;
use crate::auth::Principal;
use crate::error::{ApiError, bad_parameter};
use crate::paging::{Page, PageQuery};

/// Registers the correction routes.
pub fn register(cfg: &mut ServiceConfig<'_>) {
    cfg.service(suggest_use_case_correction)
        .service(suggest_algorithm_correction)
        .service(my_corrections)
        .service(close_correction);
}

/// A suggested correction, as sent.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// What is wrong or missing (10 to 4,000 characters).
    pub text: String,
    /// Where the owner may answer; stored and shown to the owner's editors, never published.
    #[serde(default)]
    pub email: Option<String>,
}

/// What the suggester gets back.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CorrectionReceipt {
    pub id: String,
    pub status: CorrectionStatus,
    pub created_at: DateTime<Utc>,
}

/// A suggestion on a work list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Correction {
    pub id: String,
    pub entry: CorrectedEntry,
    pub text: String,
    /// The suggester's address, if they gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub status: CorrectionStatus,
    pub created_at: DateTime<Utc>,
    /// The reply that closed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
}

/// The entry a suggestion is about.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CorrectedEntry {
    pub id: String,
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub owner: String,
}

impl From<(CorrectionRow, AboutEntry)> for Correction {
    fn from((row, entry): (CorrectionRow, AboutEntry)) -> Self {
        Correction {
            status: row.status(),
            entry: CorrectedEntry {
                id: row.entry_id,
                kind: entry.kind,
                slug: entry.slug,
                title: entry.title,
                owner: entry.owner_code,
            },
            id: row.id,
            text: row.text,
            email: row.email,
            created_at: row.created_at.and_utc(),
            reply: row.reply,
            closed_by: row.closed_by,
            closed_at: row.closed_at.map(|t| t.and_utc()),
        }
    }
}

/// Which suggestions to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CorrectionQuery {
    /// `open` or `closed`. Default: both.
    pub status: Option<String>,
    /// How many items (1 to 100, default 20).
    pub limit: Option<i64>,
    /// How many items to skip (default 0).
    pub offset: Option<i64>,
}

/// The reply that closes a suggestion.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseRequest {
    /// What was done, or why nothing was (required).
    pub reply: String,
}

async fn suggest(
    state: web::Data<AppState>,
    req: HttpRequest,
    kind: EntryKind,
    key: String,
    body: CorrectionRequest,
) -> Result<HttpResponse, ApiError> {
    let suggestion = correction::check_suggestion(&body.text, body.email.as_deref())
        .map_err(ApiError::Invalid)?;
    // Counted only for suggestions that could be stored, as the page form counts them.
    if let Some(limits) = req.app_data::<web::Data<RateLimits>>() {
        limits.check_correction(&req)?;
    }
    let db = state.db.clone();
    let row = blocking(move || {
        db.write_with(|c| {
            let entry = entries::find(c, kind, &key)?
                .filter(|r| r.is_public())
                .ok_or_else(|| not_found(kind, &key))?;
            Ok(corrections::create(
                c,
                &NewCorrection {
                    entry_id: &entry.id,
                    text: &suggestion.text,
                    email: suggestion.email.as_deref(),
                    form_nonce: None,
                },
            )?)
        })
    })
    .await?;
    tracing::info!(correction.id = %row.id, "a correction was suggested through the API");
    Ok(HttpResponse::Created().json(CorrectionReceipt {
        status: row.status(),
        id: row.id,
        created_at: row.created_at.and_utc(),
    }))
}

#[utoipa::path(
    tag = "use-cases", operation_id = "suggest_use_case_correction",
    summary = "Suggest a correction to a published use case",
    description = "Anyone may send one, without a token. The owner's editors and the curators see it in their work list and close it with a reply. Limited per client per hour (429 past it).",
    params(("id" = String, Path, description = "The entry's slug or id")),
    request_body = CorrectionRequest,
    security((), ("bearer" = [])),
    responses(
        (status = 201, description = "Stored; the owner will see it.", body = CorrectionReceipt),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/use-cases/{id}/corrections")]
pub async fn suggest_use_case_correction(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<CorrectionRequest>,
) -> Result<HttpResponse, ApiError> {
    suggest(
        state,
        req,
        EntryKind::UseCase,
        id.into_inner(),
        body.into_inner(),
    )
    .await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "suggest_algorithm_correction",
    summary = "Suggest a correction to a published algorithm",
    description = "Anyone may send one, without a token. The owner's editors and the curators see it in their work list and close it with a reply. Limited per client per hour (429 past it).",
    params(("id" = String, Path, description = "The entry's slug or id")),
    request_body = CorrectionRequest,
    security((), ("bearer" = [])),
    responses(
        (status = 201, description = "Stored; the owner will see it.", body = CorrectionReceipt),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/algorithms/{id}/corrections")]
pub async fn suggest_algorithm_correction(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<CorrectionRequest>,
) -> Result<HttpResponse, ApiError> {
    suggest(
        state,
        req,
        EntryKind::Algorithm,
        id.into_inner(),
        body.into_inner(),
    )
    .await
}

/// The organisation whose suggestions an editor sees; `None` for a curator (all of them).
fn scope_of(caller: &Principal) -> Result<Option<String>, ApiError> {
    if caller.is_curator() {
        return Ok(None);
    }
    caller
        .org
        .as_ref()
        .map(|o| Some(o.to_string()))
        .ok_or_else(|| ApiError::Forbidden("an editor's token must name an organisation".into()))
}

/// The suggested corrections the caller answers for, newest first.
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    params(CorrectionQuery),
    responses(
        (status = 200, description = "A page of suggestions about the caller's organisation's entries, or every organisation's for a curator, with the suggesters' addresses. `total` counts them all.", body = Page<Correction>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/me/corrections")]
pub async fn my_corrections(
    state: web::Data<AppState>,
    caller: Principal,
    query: web::Query<CorrectionQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let (limit, offset) = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .bounds()?;
    let status = match query.status.as_deref() {
        None => None,
        Some(s) => Some(CorrectionStatus::parse(s).ok_or_else(|| {
            bad_parameter(
                "status",
                format!("status must be open or closed, got `{s}`"),
            )
        })?),
    };
    let filter = CorrectionFilter {
        owner: scope_of(&caller)?,
        status,
    };
    let db = state.db.clone();
    let page = blocking(move || {
        let (rows, total) = db.read(|c| corrections::list(c, &filter, limit, offset))?;
        Ok(Page {
            items: rows.into_iter().map(Correction::from).collect(),
            total,
            limit,
            offset,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Closes a suggestion with a reply.
#[utoipa::path(
    tag = "account",
    params(("id" = String, Path, description = "The suggestion's id")),
    request_body = CloseRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The closed suggestion.", body = Correction),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/corrections/{id}/close")]
pub async fn close_correction(
    state: web::Data<AppState>,
    caller: Principal,
    id: web::Path<String>,
    body: web::Json<CloseRequest>,
) -> Result<HttpResponse, ApiError> {
    let reply = correction::check_reply(&body.reply).map_err(ApiError::Invalid)?;
    let id = id.into_inner();
    let db = state.db.clone();
    let closed = blocking(move || {
        db.write_with(|c| {
            let missing = || ApiError::NotFound {
                what: "correction",
                key: id.clone(),
            };
            let (row, entry) = corrections::find(c, &id)?.ok_or_else(missing)?;
            let owner = OrgCode::try_from(entry.owner_code.as_str()).ok();
            if !owner.is_some_and(|o| caller.may_edit(&o)) {
                return Err(ApiError::Forbidden(format!(
                    "this suggestion is about an entry of organisation {}; only its editors and \
                     curators may close it",
                    entry.owner_code
                )));
            }
            if row.status() == CorrectionStatus::Closed
                || !corrections::close(c, &id, &reply, &caller.actor())?
            {
                return Err(ApiError::AlreadyClosed);
            }
            corrections::find(c, &id)?.ok_or_else(missing)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(Correction::from(closed)))
}
