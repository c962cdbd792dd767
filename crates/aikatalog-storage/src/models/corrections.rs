//! Correction suggestions ("Foreslå en rettelse"): what anyone may send about a public entry,
//! and the reply that closes it. Callers validate the texts first
//! (`aikatalog_domain::correction`); these functions store what they are given.

use aikatalog_domain::correction::CorrectionStatus;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use super::now;
use crate::DbConnection;
use crate::schema::{correction_suggestions as cs, entries};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = cs)]
pub struct CorrectionRow {
    pub id: String,
    pub entry_id: String,
    pub text: String,
    pub email: Option<String>,
    pub form_nonce: Option<String>,
    /// `open` or `closed` ([`CorrectionStatus`]).
    pub status: String,
    pub created_at: NaiveDateTime,
    pub reply: Option<String>,
    pub closed_by: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
}

impl CorrectionRow {
    pub fn status(&self) -> CorrectionStatus {
        CorrectionStatus::parse(&self.status).unwrap_or(CorrectionStatus::Open)
    }
}

/// The entry a suggestion is about, as work lists name it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct AboutEntry {
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub owner_code: String,
}

/// A suggestion to store (already checked).
#[derive(Debug, Clone)]
pub struct NewCorrection<'a> {
    pub entry_id: &'a str,
    pub text: &'a str,
    pub email: Option<&'a str>,
    /// The page form token's nonce; `None` from the API.
    pub form_nonce: Option<&'a str>,
}

/// Whether a failed insert was the form token's nonce used a second time.
pub fn is_replay(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Stores a new, open suggestion. A `form_nonce` already used fails with a unique violation
/// ([`is_replay`]).
pub fn create(conn: &mut DbConnection, new: &NewCorrection<'_>) -> QueryResult<CorrectionRow> {
    let row = CorrectionRow {
        id: Uuid::now_v7().to_string(),
        entry_id: new.entry_id.to_owned(),
        text: new.text.to_owned(),
        email: new.email.map(str::to_owned),
        form_nonce: new.form_nonce.map(str::to_owned),
        status: CorrectionStatus::Open.as_str().to_owned(),
        created_at: now(),
        reply: None,
        closed_by: None,
        closed_at: None,
    };
    diesel::insert_into(cs::table)
        .values((
            cs::id.eq(&row.id),
            cs::entry_id.eq(&row.entry_id),
            cs::text.eq(&row.text),
            cs::email.eq(&row.email),
            cs::form_nonce.eq(&row.form_nonce),
            cs::status.eq(&row.status),
            cs::created_at.eq(row.created_at),
        ))
        .execute(conn)?;
    Ok(row)
}

/// Which suggestions a work list shows.
#[derive(Debug, Clone, Default)]
pub struct CorrectionFilter {
    /// Only about entries this organisation owns; `None` for every owner (a curator).
    pub owner: Option<String>,
    /// Only in this status; `None` for both.
    pub status: Option<CorrectionStatus>,
}

/// One page of the suggestions `filter` selects, newest first, each with its entry, and the
/// total count.
pub fn list(
    conn: &mut DbConnection,
    filter: &CorrectionFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<(CorrectionRow, AboutEntry)>, i64)> {
    let query = || {
        let mut query = cs::table.inner_join(entries::table).into_boxed();
        if let Some(owner) = &filter.owner {
            query = query.filter(entries::owner_code.eq(owner.clone()));
        }
        if let Some(status) = filter.status {
            query = query.filter(cs::status.eq(status.as_str()));
        }
        query
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order((cs::created_at.desc(), cs::id.desc()))
        .limit(limit)
        .offset(offset)
        .select((
            CorrectionRow::as_select(),
            (
                entries::kind,
                entries::slug,
                entries::title,
                entries::owner_code,
            ),
        ))
        .load(conn)?;
    Ok((rows, total))
}

/// One suggestion with its entry.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(CorrectionRow, AboutEntry)>> {
    cs::table
        .inner_join(entries::table)
        .filter(cs::id.eq(id))
        .select((
            CorrectionRow::as_select(),
            (
                entries::kind,
                entries::slug,
                entries::title,
                entries::owner_code,
            ),
        ))
        .first(conn)
        .optional()
}

/// Closes an open suggestion with `reply`; `false` when it was not open (closed meanwhile, or
/// gone), so two people closing at once cannot overwrite each other's reply.
pub fn close(conn: &mut DbConnection, id: &str, reply: &str, actor: &str) -> QueryResult<bool> {
    let changed = diesel::update(
        cs::table
            .filter(cs::id.eq(id))
            .filter(cs::status.eq(CorrectionStatus::Open.as_str())),
    )
    .set((
        cs::status.eq(CorrectionStatus::Closed.as_str()),
        cs::reply.eq(reply),
        cs::closed_by.eq(actor),
        cs::closed_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
