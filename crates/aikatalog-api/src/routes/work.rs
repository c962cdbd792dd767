//! `GET /me/entries`: the caller's work list. An editor sees every entry their organisation owns,
//! drafts and pending changes included, so a draft is never lost once its address is forgotten;
//! a curator sees every organisation's, and `state=submitted` is the review queue.
//!
//! `state` repeats for OR (`state=draft&state=submitted`), so the query string is read as pairs,
//! as search reads it; [`WorkParams`] only documents it.

use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{EntryKind, PublicationState};
use aikatalog_storage::models::entries::{self, WorkFilter};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::blocking;
use crate::AppState;
use crate::auth::Principal;
use crate::error::{ApiError, bad_parameter as bad, whole_number};
use crate::paging::{Page, PageQuery};

/// What the work list accepts.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the query string, which is read as repeated pairs"
)]
pub struct WorkParams {
    /// `draft`, `submitted`, `published` or `archived`; repeat for several. Default: every state.
    state: Option<Vec<String>>,
    /// `use_case` or `algorithm`. Default: both.
    kind: Option<String>,
    /// How many items (1 to 100, default 20).
    limit: Option<i64>,
    /// How many items to skip (default 0).
    offset: Option<i64>,
}

/// One entry on a work list: where it stands and what last happened to it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkItem {
    pub id: String,
    pub kind: EntryKind,
    pub slug: String,
    /// The title of the newest revision (perhaps not yet public).
    pub title: String,
    pub owner: String,
    pub state: PublicationState,
    pub revision: i64,
    /// The revision the public sees, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_revision: Option<i64>,
    /// Whether a published entry has a newer revision that the public does not see yet.
    pub pending_change: bool,
    pub updated_at: DateTime<Utc>,
    pub last_change: LastChange,
}

/// The revision that made an entry's newest change.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LastChange {
    /// `create`, `update`, `submit`, `publish`, `reject`, `archive`, `restore` or `import`.
    pub transition: String,
    pub actor: String,
    /// The reason a curator gave when rejecting, or the editor's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Reads the filter and page from the query string; every unknown or malformed pair is an error
/// that names it.
fn filter(pairs: &[(String, String)]) -> Result<(WorkFilter, PageQuery), ApiError> {
    let mut filter = WorkFilter::default();
    let mut page = PageQuery {
        limit: None,
        offset: None,
    };
    for (key, value) in pairs {
        match key.as_str() {
            "state" => {
                let state = PublicationState::parse(value).ok_or_else(|| {
                    bad(
                        "state",
                        format!(
                            "state must be draft, submitted, published or archived, got `{value}`"
                        ),
                    )
                })?;
                if !filter.states.contains(&state) {
                    filter.states.push(state);
                }
            }
            "kind" => {
                filter.kind = Some(EntryKind::parse(value).ok_or_else(|| {
                    bad(
                        "kind",
                        format!("kind must be use_case or algorithm, got `{value}`"),
                    )
                })?);
            }
            "limit" | "offset" => {
                let n = whole_number(key, value)?;
                if key == "limit" {
                    page.limit = Some(n);
                } else {
                    page.offset = Some(n);
                }
            }
            other => {
                return Err(bad(
                    other,
                    format!("unknown parameter `{other}`; use state, kind, limit or offset"),
                ));
            }
        }
    }
    Ok((filter, page))
}

/// The entries the caller works on, most recently changed first.
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    params(WorkParams),
    responses(
        (status = 200, description = "A page of the caller's entries in any state: an editor's organisation's, or every organisation's for a curator. `total` counts them all.", body = Page<WorkItem>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/me/entries")]
pub async fn my_entries(
    state: web::Data<AppState>,
    caller: Principal,
    pairs: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    let (mut filter, page) = filter(&pairs)?;
    let (limit, offset) = page.bounds()?;
    if !caller.is_curator() {
        // Editors' tokens always name their organisation; without one they own nothing.
        let Some(org) = caller.org else {
            return Err(ApiError::Forbidden(
                "an editor's token must name an organisation".into(),
            ));
        };
        filter.owner = Some(org.to_string());
    }
    let db = state.db.clone();
    let page = blocking(move || {
        let (rows, total) = db.read(|c| entries::list_work(c, &filter, limit, offset))?;
        let items = rows
            .into_iter()
            .filter_map(|(row, newest)| {
                let kind = EntryKind::parse(&row.kind)?;
                Some(WorkItem {
                    pending_change: row.has_pending_change(),
                    state: row.state(),
                    updated_at: row.updated_at.and_utc(),
                    id: row.id,
                    kind,
                    slug: row.slug,
                    title: row.title,
                    owner: row.owner_code,
                    revision: row.revision,
                    published_revision: row.published_revision,
                    last_change: LastChange {
                        transition: newest.transition,
                        actor: newest.actor,
                        message: newest.message,
                    },
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
