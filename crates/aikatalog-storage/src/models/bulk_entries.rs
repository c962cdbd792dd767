//! Many entries at once, for imports and the search indexer: the stored entries of many slugs
//! or ids in one query, and new
//! entries written as the same rows [`entries::save`] writes for each (the entry, its first
//! revision, its relations and stated review date when published, an outbox change), but as one
//! multi-row insert per table and chunk on PostgreSQL instead of a round trip per row. An import
//! of 100,000 records otherwise spends most of its time waiting for the network, and looking
//! each slug up by itself inside one long transaction scans the growing table when PostgreSQL
//! planned the lookup while it was empty.

use std::collections::HashMap;

use aikatalog_domain::{Entry, EntryKind};
use chrono::NaiveDate;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::entries::{self, Change, EntryRow, Save};
use super::now;
use super::revisions::NewRevision;
use crate::DbConnection;
use crate::error::StorageError;
use crate::schema::{entries as entries_table, entry_relations, outbox, review_dates, revisions};

/// Rows per multi-row insert, and slugs per lookup. PostgreSQL takes at most 65,535 bind
/// parameters per statement (an entry row binds 13), SQLite 32,766 (a lookup binds one per slug).
const CHUNK: usize = 1000;

/// Inserts `rows` into `table`: one statement per chunk on PostgreSQL, where every statement is a
/// round trip; one per row on SQLite, which runs in process and so has no round trip to save.
/// Multi-row inserts need the concrete connection: `MultiConnection` does not offer them.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(CHUNK) {
            match &mut *$conn {
                DbConnection::Postgres(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?;
                }
                DbConnection::Sqlite(c) => {
                    for row in chunk {
                        diesel::insert_into($table).values(row).execute(c)?;
                    }
                }
            }
        }
    };
}

#[derive(Insertable)]
#[diesel(table_name = entry_relations)]
struct NewRelation<'a> {
    entry_id: &'a str,
    relation: &'static str,
    target: String,
}

#[derive(Insertable)]
#[diesel(table_name = review_dates)]
struct NewReviewDate<'a> {
    entry_id: &'a str,
    review_on: NaiveDate,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewChange<'a> {
    entry_id: &'a str,
    kind: &'static str,
    created_at: NaiveDateTime,
}

/// The stored entries of `kind` whose slugs are among `slugs`, by slug.
pub fn find_by_slugs(
    conn: &mut DbConnection,
    kind: EntryKind,
    slugs: &[&str],
) -> QueryResult<HashMap<String, EntryRow>> {
    let mut found = HashMap::new();
    for chunk in slugs.chunks(CHUNK) {
        let rows: Vec<EntryRow> = entries_table::table
            .filter(entries_table::kind.eq(kind.as_str()))
            .filter(entries_table::slug.eq_any(chunk))
            .load(conn)?;
        found.extend(rows.into_iter().map(|row| (row.slug.clone(), row)));
    }
    Ok(found)
}

/// The stored entries whose ids are among `ids`, by id.
pub fn find_by_ids(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, EntryRow>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<EntryRow> = entries_table::table
            .filter(entries_table::id.eq_any(chunk))
            .load(conn)?;
        found.extend(rows.into_iter().map(|row| (row.id.clone(), row)));
    }
    Ok(found)
}

/// A new entry for [`create`], with the change its first revision records.
#[derive(Debug, Clone, Copy)]
pub struct NewEntry<'a, E> {
    pub doc: &'a E,
    pub change: Change<'a>,
}

/// Creates entries none of whose slugs is stored yet, writing what [`entries::save`] writes for
/// each when it creates one, in a few statements. Returns the new rows, in order.
pub fn create<E: Entry>(
    conn: &mut DbConnection,
    new: &[NewEntry<'_, E>],
    save: Save,
) -> Result<Vec<EntryRow>, StorageError> {
    let rows = new
        .iter()
        .map(|n| {
            Ok(entries::new_row(
                n.doc,
                entries::stored_json(n.doc)?,
                save,
                now(),
            ))
        })
        .collect::<QueryResult<Vec<EntryRow>>>()?;
    insert_all!(conn, entries_table::table, rows);
    let history: Vec<NewRevision<'_>> = rows
        .iter()
        .zip(new)
        .map(|(row, n)| NewRevision::of(row, n.change))
        .collect();
    insert_all!(conn, revisions::table, history);
    if save.publish {
        let relations: Vec<NewRelation<'_>> = rows
            .iter()
            .zip(new)
            .flat_map(|(row, n)| {
                n.doc
                    .relations()
                    .into_iter()
                    .map(|(relation, target)| NewRelation {
                        entry_id: &row.id,
                        relation: relation.as_str(),
                        target,
                    })
            })
            .collect();
        insert_all!(conn, entry_relations::table, relations);
        let stated: Vec<NewReviewDate<'_>> = rows
            .iter()
            .zip(new)
            .filter_map(|(row, n)| {
                n.doc.review_on().map(|review_on| NewReviewDate {
                    entry_id: &row.id,
                    review_on,
                })
            })
            .collect();
        insert_all!(conn, review_dates::table, stated);
    }
    let changes: Vec<NewChange<'_>> = rows
        .iter()
        .map(|row| NewChange {
            entry_id: &row.id,
            kind: E::KIND.as_str(),
            created_at: row.updated_at,
        })
        .collect();
    insert_all!(conn, outbox::table, changes);
    Ok(rows)
}
