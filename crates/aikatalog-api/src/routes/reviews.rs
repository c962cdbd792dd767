//! `GET /reviews/due`: the published entries whose review date has come (`overdue`: it has
//! passed) or comes within the notice period (`due`). Every published entry has a review date:
//! the one its document states, else its publication date plus the configured months
//! (`aikatalog_domain::review`). Editors see their organisation's entries, curators everyone's.

use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{EntryKind, ReviewState};
use aikatalog_storage::models::reviews::{self, DueFilter};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::blocking;
use crate::AppState;
use crate::auth::Principal;
use crate::error::{ApiError, bad_parameter};
use crate::paging::{Page, PageQuery};

/// What the list accepts.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DueParams {
    /// `due` (the date is within the notice period) or `overdue` (it has passed). Default: both.
    state: Option<String>,
    /// How many items (1 to 100, default 20).
    limit: Option<i64>,
    /// How many items to skip (default 0).
    offset: Option<i64>,
}

/// A published entry whose review is due or overdue.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DueReview {
    pub id: String,
    pub kind: EntryKind,
    pub slug: String,
    pub title: String,
    pub owner: String,
    /// When the entry is to be reviewed.
    pub review_on: NaiveDate,
    /// Whether the owner stated the date; else it is the publication date plus the configured
    /// months.
    pub stated: bool,
    pub state: ReviewState,
}

/// Published entries due or overdue for review, the earliest review date first.
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    params(DueParams),
    responses(
        (status = 200, description = "A page of due and overdue reviews: an editor's organisation's entries, or every organisation's for a curator. `total` counts them all.", body = Page<DueReview>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/reviews/due")]
pub async fn due(
    state: web::Data<AppState>,
    caller: Principal,
    params: web::Query<DueParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let (limit, offset) = PageQuery {
        limit: params.limit,
        offset: params.offset,
    }
    .bounds()?;
    let mut filter = DueFilter {
        owner: None,
        state: params
            .state
            .as_deref()
            .map(|s| {
                ReviewState::parse(s).ok_or_else(|| {
                    bad_parameter("state", format!("state must be due or overdue, got `{s}`"))
                })
            })
            .transpose()?,
    };
    if !caller.is_curator() {
        let Some(org) = caller.org else {
            return Err(ApiError::Forbidden(
                "an editor's token must name an organisation".into(),
            ));
        };
        filter.owner = Some(org.to_string());
    }
    let db = state.db.clone();
    let policy = state.reviews;
    let today = chrono::Utc::now().date_naive();
    let page = blocking(move || {
        let due = db.read(|c| reviews::list_due(c, &policy, &filter, today))?;
        let total = i64::try_from(due.len()).unwrap_or(i64::MAX);
        let items = due
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(0))
            .filter_map(|d| {
                Some(DueReview {
                    kind: EntryKind::parse(&d.entry.kind)?,
                    id: d.entry.id,
                    slug: d.entry.slug,
                    title: d.entry.title,
                    owner: d.entry.owner_code,
                    review_on: d.review_on,
                    stated: d.stated,
                    state: d.state,
                })
            })
            .collect();
        Ok(Page {
            items,
            total,
            limit,
            offset,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}
