//! The outbox: one row per entry change, written in the change's own transaction, so the search
//! index can catch up from the database instead of trusting that a notification arrived.

use std::collections::BTreeSet;

use aikatalog_domain::{EntryKind, Relation};
use diesel::prelude::*;

use super::now;
use crate::DbConnection;
use crate::schema::{adoptions, entries, entry_relations, outbox};

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

/// Records a change for every entry whose published document names `target` in one of
/// `relations`, and, when `adopters` is set, every entry `target` has adopted. Index documents
/// carry the names of the organisations, categories and domains they name, so renaming one of
/// those changes them too. Returns how many entries were recorded.
pub fn push_naming(
    conn: &mut DbConnection,
    relations: &[Relation],
    target: &str,
    adopters: bool,
) -> QueryResult<usize> {
    let relations: Vec<&str> = relations.iter().map(|r| r.as_str()).collect();
    let mut named: BTreeSet<(String, String)> = entries::table
        .inner_join(entry_relations::table)
        .filter(entry_relations::relation.eq_any(relations))
        .filter(entry_relations::target.eq(target))
        .select((entries::id, entries::kind))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    if adopters {
        named.extend(
            entries::table
                .inner_join(adoptions::table)
                .filter(adoptions::org_code.eq(target))
                .select((entries::id, entries::kind))
                .load::<(String, String)>(conn)?,
        );
    }
    for (id, kind) in &named {
        if let Some(kind) = EntryKind::parse(kind) {
            push(conn, id, kind)?;
        }
    }
    Ok(named.len())
}
