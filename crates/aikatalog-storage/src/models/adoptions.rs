//! Reuse: an organisation's declaration that it adopts another's use case or algorithm.

use std::collections::HashMap;

use aikatalog_domain::{Adoption, EntryKind, OrgCode};
use chrono::NaiveDate;
use diesel::prelude::*;

use super::{SyncOutcome, now, outbox};
use crate::DbConnection;
use crate::schema::adoptions;

/// Records (or updates the date and note of) an adoption. A change also records an outbox row:
/// adopters are a search facet, so the index must hear of it, whoever wrote it.
pub fn sync(
    conn: &mut DbConnection,
    entry_id: &str,
    kind: EntryKind,
    adoption: &Adoption,
    actor: &str,
) -> QueryResult<SyncOutcome> {
    let outcome = store(conn, entry_id, adoption, actor)?;
    if outcome != SyncOutcome::Unchanged {
        outbox::push(conn, entry_id, kind)?;
    }
    Ok(outcome)
}

fn store(
    conn: &mut DbConnection,
    entry_id: &str,
    adoption: &Adoption,
    actor: &str,
) -> QueryResult<SyncOutcome> {
    let key = (entry_id, adoption.organisation.as_str());
    let stored: Option<(NaiveDate, Option<String>)> = adoptions::table
        .find(key)
        .select((adoptions::adopted_on, adoptions::note))
        .first(conn)
        .optional()?;
    match stored {
        None => {
            diesel::insert_into(adoptions::table)
                .values((
                    adoptions::entry_id.eq(entry_id),
                    adoptions::org_code.eq(adoption.organisation.as_str()),
                    adoptions::adopted_on.eq(adoption.adopted_on),
                    adoptions::note.eq(&adoption.note),
                    adoptions::created_by.eq(actor),
                    adoptions::created_at.eq(now()),
                ))
                .execute(conn)?;
            Ok(SyncOutcome::Created)
        }
        Some((on, note)) if on == adoption.adopted_on && note == adoption.note => {
            Ok(SyncOutcome::Unchanged)
        }
        Some(_) => {
            diesel::update(adoptions::table.find(key))
                .set((
                    adoptions::adopted_on.eq(adoption.adopted_on),
                    adoptions::note.eq(&adoption.note),
                ))
                .execute(conn)?;
            Ok(SyncOutcome::Updated)
        }
    }
}

/// Removes an organisation's adoption of an entry; whether there was one. A removal records an
/// outbox row, as a change does.
pub fn withdraw(
    conn: &mut DbConnection,
    entry_id: &str,
    kind: EntryKind,
    organisation: &OrgCode,
) -> QueryResult<bool> {
    let removed =
        diesel::delete(adoptions::table.find((entry_id, organisation.as_str()))).execute(conn)?;
    if removed > 0 {
        outbox::push(conn, entry_id, kind)?;
    }
    Ok(removed > 0)
}

/// The adoptions of one entry, oldest first.
pub fn for_entry(conn: &mut DbConnection, entry_id: &str) -> QueryResult<Vec<Adoption>> {
    let rows: Vec<(String, NaiveDate, Option<String>)> = adoptions::table
        .filter(adoptions::entry_id.eq(entry_id))
        .order((adoptions::adopted_on, adoptions::org_code))
        .select((adoptions::org_code, adoptions::adopted_on, adoptions::note))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(code, adopted_on, note)| {
            // Codes were valid when stored; a row that no longer parses is skipped, not fatal.
            OrgCode::try_from(code).ok().map(|organisation| Adoption {
                organisation,
                adopted_on,
                note,
            })
        })
        .collect())
}

/// The codes of the organisations that adopted each of `entry_ids` (those with any), oldest
/// adoption first as [`for_entry`] lists them: one query per thousand entries, for the indexer.
pub fn adopters_of(
    conn: &mut DbConnection,
    entry_ids: &[&str],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let mut found: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in entry_ids.chunks(1000) {
        let rows: Vec<(String, String)> = adoptions::table
            .filter(adoptions::entry_id.eq_any(chunk))
            .order((
                adoptions::entry_id,
                adoptions::adopted_on,
                adoptions::org_code,
            ))
            .select((adoptions::entry_id, adoptions::org_code))
            .load(conn)?;
        for (entry_id, code) in rows {
            // As in `for_entry`: a code that no longer parses is skipped, not fatal.
            if let Ok(code) = OrgCode::try_from(code) {
                found.entry(entry_id).or_default().push(code.to_string());
            }
        }
    }
    Ok(found)
}

/// The adoptions of each of `entry_ids` (those with any), oldest first as [`for_entry`] lists
/// them: one query per thousand entries.
pub fn for_entries(
    conn: &mut DbConnection,
    entry_ids: &[&str],
) -> QueryResult<HashMap<String, Vec<Adoption>>> {
    let mut found: HashMap<String, Vec<Adoption>> = HashMap::new();
    for chunk in entry_ids.chunks(1000) {
        let rows: Vec<(String, String, NaiveDate, Option<String>)> = adoptions::table
            .filter(adoptions::entry_id.eq_any(chunk))
            .order((
                adoptions::entry_id,
                adoptions::adopted_on,
                adoptions::org_code,
            ))
            .select((
                adoptions::entry_id,
                adoptions::org_code,
                adoptions::adopted_on,
                adoptions::note,
            ))
            .load(conn)?;
        for (entry_id, code, adopted_on, note) in rows {
            // As in `for_entry`: a code that no longer parses is skipped, not fatal.
            if let Ok(organisation) = OrgCode::try_from(code) {
                found.entry(entry_id).or_default().push(Adoption {
                    organisation,
                    adopted_on,
                    note,
                });
            }
        }
    }
    Ok(found)
}
