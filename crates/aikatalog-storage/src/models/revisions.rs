//! Revisions: a full snapshot of every change, with who made it and why.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::entries::{Change, EntryRow};
use crate::DbConnection;
use crate::schema::revisions;

#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct RevisionRow {
    pub entry_id: String,
    pub revision: i64,
    pub state: String,
    pub transition: String,
    pub actor: String,
    pub message: Option<String>,
    pub document: String,
    pub created_at: NaiveDateTime,
}

/// The revision a save of `row` writes: the row's newest document, with who changed it and why.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = revisions)]
pub(crate) struct NewRevision<'a> {
    entry_id: &'a str,
    revision: i64,
    state: &'a str,
    transition: &'a str,
    actor: &'a str,
    message: Option<&'a str>,
    document: &'a str,
    created_at: NaiveDateTime,
}

impl<'a> NewRevision<'a> {
    pub(crate) fn of(row: &'a EntryRow, change: Change<'a>) -> Self {
        Self {
            entry_id: &row.id,
            revision: row.revision,
            state: &row.state,
            transition: change.transition,
            actor: change.actor,
            message: change.message,
            document: &row.document,
            created_at: row.updated_at,
        }
    }
}

pub(crate) fn insert(
    conn: &mut DbConnection,
    row: &EntryRow,
    change: Change<'_>,
) -> QueryResult<()> {
    diesel::insert_into(revisions::table)
        .values(NewRevision::of(row, change))
        .execute(conn)?;
    Ok(())
}

/// All revisions of an entry, oldest first.
pub fn list(conn: &mut DbConnection, entry_id: &str) -> QueryResult<Vec<RevisionRow>> {
    revisions::table
        .filter(revisions::entry_id.eq(entry_id))
        .order(revisions::revision)
        .load(conn)
}

pub fn find(
    conn: &mut DbConnection,
    entry_id: &str,
    revision: i64,
) -> QueryResult<Option<RevisionRow>> {
    revisions::table
        .find((entry_id, revision))
        .first(conn)
        .optional()
}

/// Which revisions of `entry_ids` were made by another transition than `transition` (the
/// seed import's, for "changed by a person"), as (entry id, revision) pairs: one query per
/// thousand entries.
pub fn not_made_by(
    conn: &mut DbConnection,
    entry_ids: &[&str],
    transition: &str,
) -> QueryResult<std::collections::HashSet<(String, i64)>> {
    let mut found = std::collections::HashSet::new();
    for chunk in entry_ids.chunks(1000) {
        let rows: Vec<(String, i64)> = revisions::table
            .filter(revisions::entry_id.eq_any(chunk))
            .filter(revisions::transition.ne(transition))
            .select((revisions::entry_id, revisions::revision))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}
