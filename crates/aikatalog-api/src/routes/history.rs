//! Revision history: every change of an entry, one revision, and the difference between two.
//! The public sees only the revisions that were published; editors of the owner and curators
//! see all, with who made them and why.

use actix_web::HttpResponse;
use aikatalog_domain::diff::{FieldChange, diff};
use aikatalog_domain::{Entry, PublicationState};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries::{self, EntryRow};
use aikatalog_storage::models::revisions::{self, RevisionRow};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::blocking;
use super::entry_access::{not_found, privileged};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::paging::PageQuery;

/// A revision as listed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RevisionSummary {
    pub revision: i64,
    pub state: String,
    pub transition: String,
    /// Who made the change; shown to the owner's editors and curators only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One revision with its full document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RevisionDetail {
    #[serde(flatten)]
    pub summary: RevisionSummary,
    #[schema(value_type = Object)]
    pub document: Value,
}

/// A page of an entry's revisions, oldest first. An entry edited for years has thousands, so
/// the list is paged like the other lists (issue 16, defect 10).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RevisionList {
    pub items: Vec<RevisionSummary>,
    /// Every revision the caller may see, on all pages.
    pub total: usize,
    pub limit: i64,
    pub offset: i64,
    /// The next page's address, absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The changes between two revisions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RevisionDiff {
    pub from: i64,
    pub to: i64,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DiffQuery {
    /// The older revision to compare with; the one before by default.
    pub against: Option<i64>,
}

fn summary(row: &RevisionRow, full: bool) -> RevisionSummary {
    RevisionSummary {
        revision: row.revision,
        state: row.state.clone(),
        transition: row.transition.clone(),
        actor: full.then(|| row.actor.clone()),
        message: if full { row.message.clone() } else { None },
        created_at: row.created_at.and_utc(),
    }
}

/// The revisions of `key` the caller may see, and whether they see everything.
fn visible<E: Entry>(
    conn: &mut aikatalog_storage::DbConnection,
    key: &str,
    caller: Option<&Principal>,
) -> Result<(EntryRow, Vec<RevisionRow>, bool), ApiError> {
    let row = entries::find(conn, E::KIND, key)?.ok_or_else(|| not_found(E::KIND, key))?;
    let full = privileged(&row, caller);
    if !full && !row.is_public() {
        return Err(not_found(E::KIND, key));
    }
    let mut list = revisions::list(conn, &row.id)?;
    if !full {
        list.retain(|r| r.state == PublicationState::Published.as_str());
    }
    Ok((row, list, full))
}

pub async fn list<E: Entry>(
    db: Database,
    caller: Option<Principal>,
    key: String,
    page: PageQuery,
    path: String,
) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = page.bounds()?;
    let items = blocking(move || {
        db.read_with(|conn| {
            let (_, list, full) = visible::<E>(conn, &key, caller.as_ref())?;
            Ok(list.iter().map(|r| summary(r, full)).collect::<Vec<_>>())
        })
    })
    .await?;
    let total = items.len();
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(total);
    let end = start
        .saturating_add(usize::try_from(limit).unwrap_or(0))
        .min(total);
    let next = (end < total).then(|| format!("{path}?limit={limit}&offset={end}"));
    Ok(HttpResponse::Ok().json(RevisionList {
        items: items.into_iter().skip(start).take(end - start).collect(),
        total,
        limit,
        offset,
        next,
    }))
}

/// Revision `n`'s document in the current format, whatever format it was written in.
fn pick<E: Entry>(list: &[RevisionRow], n: i64, key: &str) -> Result<Value, ApiError> {
    let row = list
        .iter()
        .find(|r| r.revision == n)
        .ok_or_else(|| not_found(E::KIND, &format!("{key}/revisions/{n}")))?;
    Ok(entries::stored_value::<E>(&row.document)?)
}

pub async fn get<E: Entry>(
    db: Database,
    caller: Option<Principal>,
    key: String,
    n: i64,
) -> Result<HttpResponse, ApiError> {
    let detail = blocking(move || {
        db.read_with(|conn| {
            let (_, list, full) = visible::<E>(conn, &key, caller.as_ref())?;
            let document = pick::<E>(&list, n, &key)?;
            let row = list
                .iter()
                .find(|r| r.revision == n)
                .ok_or_else(|| not_found(E::KIND, &key))?;
            Ok(RevisionDetail {
                summary: summary(row, full),
                document,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(detail))
}

pub async fn compare<E: Entry>(
    db: Database,
    caller: Option<Principal>,
    key: String,
    n: i64,
    query: DiffQuery,
) -> Result<HttpResponse, ApiError> {
    let result = blocking(move || {
        db.read_with(|conn| {
            let (_, list, _) = visible::<E>(conn, &key, caller.as_ref())?;
            let after = pick::<E>(&list, n, &key)?;
            // The default base is the newest visible revision before `n`.
            let against = match query.against {
                Some(a) => a,
                None => list
                    .iter()
                    .map(|r| r.revision)
                    .filter(|r| *r < n)
                    .max()
                    .ok_or_else(|| ApiError::BadParameter {
                        parameter: "against".into(),
                        message: format!("revision {n} is the first; name one to compare with"),
                    })?,
            };
            let before = pick::<E>(&list, against, &key)?;
            Ok(RevisionDiff {
                from: against,
                to: n,
                changes: diff(&before, &after),
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(result))
}
