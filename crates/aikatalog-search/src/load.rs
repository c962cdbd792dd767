//! Reading what the index needs about an entry from the database: its public document and the
//! facts around it (adoptions; for algorithms, the categories of the use cases that use them).

use std::collections::BTreeSet;

use aikatalog_domain::{Algorithm, EntryKind, Relation, UseCase};
use aikatalog_storage::models::adoptions;
use aikatalog_storage::models::entries::{self, EntryRow};
use aikatalog_storage::{DbConnection, StorageError};
use tantivy::TantivyDocument;

use crate::document::{self, EntryContext};
use crate::reference::ReferenceData;
use crate::schema::Fields;

/// A public entry, ready to become an index document.
pub enum Public {
    // Boxed: the documents are large (over a kilobyte) and the value is moved between threads.
    UseCase(Box<UseCase>, EntryContext),
    Algorithm(Box<Algorithm>, EntryContext),
}

impl Public {
    pub fn document(&self, fields: &Fields, refs: &ReferenceData) -> TantivyDocument {
        match self {
            Public::UseCase(uc, ctx) => document::use_case(fields, refs, uc, ctx),
            Public::Algorithm(alg, ctx) => document::algorithm(fields, refs, alg, ctx),
        }
    }

    /// The algorithms (slugs) a use case uses.
    pub fn algorithms(&self) -> Vec<String> {
        match self {
            Public::UseCase(uc, _) => uc.algorithms.iter().map(ToString::to_string).collect(),
            Public::Algorithm(..) => Vec::new(),
        }
    }
}

/// The public form of a stored entry, or `None` when the public may not see it.
pub fn public(conn: &mut DbConnection, row: &EntryRow) -> Result<Option<Public>, StorageError> {
    public_with(conn, row, adopters)
}

/// [`public`], with the entry's adopters from `adopters` (the indexer reads a whole batch's in
/// one query).
pub fn public_with(
    conn: &mut DbConnection,
    row: &EntryRow,
    adopters: impl FnOnce(&mut DbConnection, &str) -> Result<Vec<String>, StorageError>,
) -> Result<Option<Public>, StorageError> {
    let Some(kind) = EntryKind::parse(&row.kind) else {
        return Ok(None);
    };
    let mut ctx = EntryContext {
        id: row.id.clone(),
        published_at: row.published_at.map(|t| t.and_utc()),
        ..EntryContext::default()
    };
    match kind {
        EntryKind::UseCase => {
            let Some(uc) = row.public_document::<UseCase>()? else {
                return Ok(None);
            };
            ctx.adopters = adopters(conn, &row.id)?;
            Ok(Some(Public::UseCase(Box::new(uc), ctx)))
        }
        EntryKind::Algorithm => {
            let Some(alg) = row.public_document::<Algorithm>()? else {
                return Ok(None);
            };
            ctx.adopters = adopters(conn, &row.id)?;
            let (categories, domains) = used_in(conn, alg.slug.as_str())?;
            ctx.used_in_categories = categories;
            ctx.used_in_domains = domains;
            Ok(Some(Public::Algorithm(Box::new(alg), ctx)))
        }
    }
}

fn adopters(conn: &mut DbConnection, id: &str) -> Result<Vec<String>, StorageError> {
    Ok(adoptions::for_entry(conn, id)?
        .into_iter()
        .map(|a| a.organisation.to_string())
        .collect())
}

/// Categories and domains of the public use cases that use an algorithm.
fn used_in(
    conn: &mut DbConnection,
    algorithm: &str,
) -> Result<(Vec<String>, Vec<String>), StorageError> {
    let mut categories = BTreeSet::new();
    let mut domains = BTreeSet::new();
    let users = entries::public_slugs_related(
        conn,
        EntryKind::UseCase,
        Relation::UsesAlgorithm,
        algorithm,
    )?;
    for slug in users {
        let Some(row) = entries::find(conn, EntryKind::UseCase, &slug)? else {
            continue;
        };
        if let Some(uc) = row.public_document::<UseCase>()? {
            categories.insert(uc.primary_category.to_string());
            categories.extend(uc.secondary_categories.iter().map(ToString::to_string));
            domains.extend(uc.domains.iter().map(ToString::to_string));
        }
    }
    Ok((
        categories.into_iter().collect(),
        domains.into_iter().collect(),
    ))
}
