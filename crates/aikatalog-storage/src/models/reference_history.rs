//! Every version of every reference record (category, domain, organisation), with who wrote it:
//! curators change reference data in place, and history must survive that.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::now;
use super::reference_records::RefKind;
use crate::DbConnection;
use crate::schema::reference_revisions;

#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ReferenceRevision {
    pub revision: i64,
    pub actor: String,
    pub document: String,
    pub created_at: NaiveDateTime,
}

pub(crate) fn insert(
    conn: &mut DbConnection,
    kind: RefKind,
    key: &str,
    revision: i64,
    actor: &str,
    document: &str,
) -> QueryResult<()> {
    diesel::insert_into(reference_revisions::table)
        .values((
            reference_revisions::kind.eq(kind.as_str()),
            reference_revisions::key.eq(key),
            reference_revisions::revision.eq(revision),
            reference_revisions::actor.eq(actor),
            reference_revisions::document.eq(document),
            reference_revisions::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every revision of one record, oldest first.
pub fn list(
    conn: &mut DbConnection,
    kind: RefKind,
    key: &str,
) -> QueryResult<Vec<ReferenceRevision>> {
    reference_revisions::table
        .filter(reference_revisions::kind.eq(kind.as_str()))
        .filter(reference_revisions::key.eq(key))
        .order(reference_revisions::revision)
        .select((
            reference_revisions::revision,
            reference_revisions::actor,
            reference_revisions::document,
            reference_revisions::created_at,
        ))
        .load(conn)
}
