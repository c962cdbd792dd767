//! Upgrades the stored entries' current documents to the current document format, once per
//! format version, right after the SQL migrations. The work is the domain's one upgrade function
//! (`aikatalog_domain::schema_version::upgrade`); revisions stay as written and are read through
//! the same function, so history is never rewritten.

use aikatalog_domain::schema_version::CURRENT;
use aikatalog_domain::{EntryKind, UseCase};
use diesel::prelude::*;

use super::entries::{EntryRow, parse_stored, stored_json};
use super::{now, outbox};
use crate::DbConnection;
use crate::error::StorageError;
use crate::schema::{document_upgrades, entries};

/// Upgrades every entry whose current or published document is in an older format, and records
/// that version `CURRENT` is done. Returns how many entries changed, or `None` when the upgrade
/// had already run. Call it inside a transaction: a document that does not upgrade stops it all.
pub fn run(conn: &mut DbConnection) -> Result<Option<usize>, StorageError> {
    let version = i64::from(CURRENT);
    let done: i64 = document_upgrades::table
        .filter(document_upgrades::schema_version.eq(version))
        .count()
        .get_result(conn)?;
    if done > 0 {
        return Ok(None);
    }
    let rows: Vec<EntryRow> = entries::table.order(entries::id).load(conn)?;
    let mut upgraded = 0;
    for row in &rows {
        let kind = EntryKind::parse(&row.kind).ok_or_else(|| {
            StorageError::Migration(format!(
                "entry {} has an unknown kind `{}`",
                row.id, row.kind
            ))
        })?;
        let current = |json: &str| {
            rewrite(kind, json).map_err(|e| {
                StorageError::Migration(format!(
                    "the document of {} `{}` does not upgrade to schema version {CURRENT}: {e}",
                    row.kind, row.slug
                ))
            })
        };
        let document = current(&row.document)?;
        let published = row.published_document.as_deref().map(current).transpose()?;
        if document == row.document && published == row.published_document {
            continue;
        }
        diesel::update(entries::table.find(&row.id))
            .set((
                entries::document.eq(&document),
                entries::published_document.eq(&published),
            ))
            .execute(conn)?;
        // The search index holds the documents too; it rereads the changed ones.
        outbox::push(conn, &row.id, kind)?;
        upgraded += 1;
    }
    diesel::insert_into(document_upgrades::table)
        .values((
            document_upgrades::schema_version.eq(version),
            document_upgrades::entries_upgraded.eq(i64::try_from(upgraded).unwrap_or(i64::MAX)),
            document_upgrades::ran_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(Some(upgraded))
}

/// The stored form of `json` in the current format.
fn rewrite(kind: EntryKind, json: &str) -> Result<String, StorageError> {
    Ok(match kind {
        EntryKind::UseCase => stored_json(&parse_stored::<UseCase>(json)?)?,
        EntryKind::Algorithm => stored_json(&parse_stored::<aikatalog_domain::Algorithm>(json)?)?,
    })
}
