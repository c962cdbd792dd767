//! The history of reference data: `GET /categories/{slug}/revisions`, `/domains/{slug}/revisions`
//! and `/organisations/{code}/revisions`. Reference data is public, so its history is too; who
//! made each change is shown to curators only, as on entries.

use actix_web::{HttpRequest, HttpResponse, get, web};
use aikatalog_storage::models::reference_history;
use aikatalog_storage::models::reference_records::RefKind;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::blocking;
use crate::AppState;
use crate::auth::MaybePrincipal;
use crate::error::ApiError;
use crate::paging::PageQuery;

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

/// A page of one record's versions, oldest first, paged like the other lists.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReferenceHistory {
    pub items: Vec<ReferenceRevision>,
    /// Every version, on all pages.
    pub total: usize,
    pub limit: i64,
    pub offset: i64,
    /// The next page's address, absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

async fn history(
    state: &AppState,
    caller: MaybePrincipal,
    kind: RefKind,
    key: String,
    page: PageQuery,
    req: &HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = page.bounds()?;
    let path = req.path().to_owned();
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
        let total = rows.len();
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(total);
        let end = start
            .saturating_add(usize::try_from(limit).unwrap_or(0))
            .min(total);
        let items = rows
            .into_iter()
            .skip(start)
            .take(end - start)
            .map(|r| {
                Ok(ReferenceRevision {
                    revision: r.revision,
                    actor: show_actor.then_some(r.actor),
                    created_at: r.created_at.and_utc(),
                    document: serde_json::from_str(&r.document)
                        .map_err(|e| ApiError::Internal(e.into()))?,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let next = (end < total).then(|| format!("{path}?limit={limit}&offset={end}"));
        Ok(ReferenceHistory {
            items,
            total,
            limit,
            offset,
            next,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Every version of a category.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The category's slug"), PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The versions, oldest first, a page at a time (`limit`, `offset`; `next` links the next page).", body = ReferenceHistory),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/categories/{slug}/revisions")]
pub async fn category_revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    slug: web::Path<String>,
    page: web::Query<PageQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    history(
        &state,
        caller,
        RefKind::Category,
        slug.into_inner(),
        page.into_inner(),
        &req,
    )
    .await
}

/// Every version of a domain.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The domain's slug"), PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The versions, oldest first, a page at a time (`limit`, `offset`; `next` links the next page).", body = ReferenceHistory),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/domains/{slug}/revisions")]
pub async fn domain_revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    slug: web::Path<String>,
    page: web::Query<PageQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    history(
        &state,
        caller,
        RefKind::Domain,
        slug.into_inner(),
        page.into_inner(),
        &req,
    )
    .await
}

/// Every version of an organisation.
#[utoipa::path(
    tag = "reference",
    params(("code" = String, Path, description = "The organisation code"), PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The versions, oldest first, a page at a time (`limit`, `offset`; `next` links the next page).", body = ReferenceHistory),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/organisations/{code}/revisions")]
pub async fn organisation_revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    code: web::Path<String>,
    page: web::Query<PageQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    history(
        &state,
        caller,
        RefKind::Organisation,
        code.into_inner(),
        page.into_inner(),
        &req,
    )
    .await
}
