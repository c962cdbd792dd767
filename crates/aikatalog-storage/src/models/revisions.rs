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

pub(crate) fn insert(
    conn: &mut DbConnection,
    row: &EntryRow,
    change: Change<'_>,
) -> QueryResult<()> {
    diesel::insert_into(revisions::table)
        .values((
            revisions::entry_id.eq(&row.id),
            revisions::revision.eq(row.revision),
            revisions::state.eq(&row.state),
            revisions::transition.eq(change.transition),
            revisions::actor.eq(change.actor),
            revisions::message.eq(change.message),
            revisions::document.eq(&row.document),
            revisions::created_at.eq(row.updated_at),
        ))
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
