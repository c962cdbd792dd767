//! The history of reference data: `GET /categories/{slug}/revisions`, `/domains/{slug}/revisions`
//! and `/organisations/{code}/revisions`. Reference data is public, so its history is too; who
//! made each change is shown to curators only, as on entries.

use actix_web::{HttpResponse, get, web};
use aikatalog_storage::models::reference_history;
use aikatalog_storage::models::reference_records::RefKind;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::blocking;
use crate::AppState;
use crate::auth::MaybePrincipal;
use crate::error::ApiError;

/// One version of a reference record.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReferenceRevision {
    pub revision: i64,
    /// Who wrote it (`import`, `migration` or a curator); shown to curators only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The record as it was.
    pub document: Value,
}

/// Every version of one record, oldest first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReferenceHistory {
    pub items: Vec<ReferenceRevision>,
}

async fn history(
    state: &AppState,
    caller: MaybePrincipal,
    kind: RefKind,
    key: String,
) -> Result<HttpResponse, ApiError> {
    let show_actor = caller.0.is_some_and(|p| p.is_curator());
    let db = state.db.clone();
    let items = blocking(move || {
        let rows = db.read(|c| reference_history::list(c, kind, &key))?;
        if rows.is_empty() {
            return Err(ApiError::NotFound {
                what: kind.as_str(),
                key,
            });
        }
        rows.into_iter()
            .map(|r| {
                Ok(ReferenceRevision {
                    revision: r.revision,
                    actor: show_actor.then_some(r.actor),
                    created_at: r.created_at.and_utc(),
                    document: serde_json::from_str(&r.document)
                        .map_err(|e| ApiError::Internal(e.into()))?,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(ReferenceHistory { items }))
}

/// Every version of a category.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The category's slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The versions, oldest first.", body = ReferenceHistory),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/categories/{slug}/revisions")]
pub async fn category_revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    history(&state, caller, RefKind::Category, slug.into_inner()).await
}

/// Every version of a domain.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The domain's slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The versions, oldest first.", body = ReferenceHistory),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/domains/{slug}/revisions")]
pub async fn domain_revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    history(&state, caller, RefKind::Domain, slug.into_inner()).await
}

/// Every version of an organisation.
#[utoipa::path(
    tag = "reference",
    params(("code" = String, Path, description = "The organisation code")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The versions, oldest first.", body = ReferenceHistory),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/organisations/{code}/revisions")]
pub async fn organisation_revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    history(&state, caller, RefKind::Organisation, code.into_inner()).await
}
