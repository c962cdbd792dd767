//! The outbox: one row per entry change, written in the change's own transaction, so the search
//! index can catch up from the database instead of trusting that a notification arrived.

use aikatalog_domain::EntryKind;
use diesel::prelude::*;

use super::now;
use crate::DbConnection;
use crate::schema::outbox;

pub fn push(conn: &mut DbConnection, entry_id: &str, kind: EntryKind) -> QueryResult<()> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::entry_id.eq(entry_id),
            outbox::kind.eq(kind.as_str()),
            outbox::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Changes after `after`, oldest first: (sequence number, entry id, kind).
pub fn after(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<(i64, String, String)>> {
    outbox::table
        .filter(outbox::seq.gt(after))
        .order(outbox::seq)
        .limit(limit)
        .select((outbox::seq, outbox::entry_id, outbox::kind))
        .load(conn)
}

/// The newest sequence number, or 0 when nothing has changed yet.
pub fn head(conn: &mut DbConnection) -> QueryResult<i64> {
    outbox::table
        .select(diesel::dsl::max(outbox::seq))
        .first::<Option<i64>>(conn)
        .map(|m| m.unwrap_or(0))
}
