//! The public entries a page shows, read from the database when the page is asked for: one
//! entry with its adopters (and an algorithm's users), the few a list shows, or, for the
//! downloads of everything, all of one kind. Only `EntryRow::public_document` is read, so
//! drafts and pending changes stay invisible.

use std::collections::HashMap;

use aikatalog_domain::{Algorithm, EntryKind, Relation, UseCase};
use aikatalog_storage::models::{adoptions, entries};
use aikatalog_storage::{DbConnection, StorageError};

/// The entries one page needs, by slug.
#[derive(Debug, Default)]
pub struct Loaded {
    use_cases: HashMap<String, UseCase>,
    algorithms: HashMap<String, Algorithm>,
}

impl Loaded {
    pub fn use_case(&self, slug: &str) -> Option<&UseCase> {
        self.use_cases.get(slug)
    }

    pub fn algorithm(&self, slug: &str) -> Option<&Algorithm> {
        self.algorithms.get(slug)
    }
}

/// The public entries a page of search hits names (a hit the index still holds but the public
/// no longer sees is left out).
pub fn load_hits(
    conn: &mut DbConnection,
    hits: &[aikatalog_search::Hit],
) -> Result<Loaded, StorageError> {
    let slugs = |kind: EntryKind| -> Vec<&str> {
        hits.iter()
            .filter(|h| h.kind == kind)
            .map(|h| h.slug.as_str())
            .collect()
    };
    load(
        conn,
        &slugs(EntryKind::UseCase),
        &slugs(EntryKind::Algorithm),
    )
}

/// The public use cases and algorithms among the slugs given (others are left out).
pub fn load(
    conn: &mut DbConnection,
    use_cases: &[&str],
    algorithms: &[&str],
) -> Result<Loaded, StorageError> {
    let rows = entries::public_by_slugs(conn, EntryKind::UseCase, use_cases)?;
    let use_cases = use_cases_of(conn, rows)?
        .into_iter()
        .map(|u| (u.slug.to_string(), u))
        .collect();
    let rows = entries::public_by_slugs(conn, EntryKind::Algorithm, algorithms)?;
    let algorithms = algorithms_of(conn, rows)?
        .into_iter()
        .map(|a| (a.slug.to_string(), a))
        .collect();
    Ok(Loaded {
        use_cases,
        algorithms,
    })
}

/// One public use case with its adopters.
pub fn use_case(conn: &mut DbConnection, slug: &str) -> Result<Option<UseCase>, StorageError> {
    let rows = entries::public_by_slugs(conn, EntryKind::UseCase, &[slug])?;
    Ok(use_cases_of(conn, rows)?.pop())
}

/// One public algorithm with its adopters and the public use cases that use it.
pub fn algorithm(conn: &mut DbConnection, slug: &str) -> Result<Option<Algorithm>, StorageError> {
    let rows = entries::public_by_slugs(conn, EntryKind::Algorithm, &[slug])?;
    Ok(algorithms_of(conn, rows)?.pop())
}

/// Up to `limit` public use cases with `relation` to `target`, newest publication first, and
/// how many there are.
pub fn use_cases_related(
    conn: &mut DbConnection,
    relation: Relation,
    target: &str,
    limit: i64,
) -> Result<(Vec<UseCase>, usize), StorageError> {
    let (rows, total) = entries::public_related(conn, EntryKind::UseCase, relation, target, limit)?;
    Ok((use_cases_of(conn, rows)?, count(total)))
}

/// Up to `limit` public use cases `org` reuses, newest publication first, and how many.
pub fn use_cases_adopted_by(
    conn: &mut DbConnection,
    org: &str,
    limit: i64,
) -> Result<(Vec<UseCase>, usize), StorageError> {
    let (rows, total) = entries::public_adopted_by(conn, EntryKind::UseCase, org, limit)?;
    Ok((use_cases_of(conn, rows)?, count(total)))
}

/// Up to `limit` public algorithms with `relation` to `target`, newest publication first, and
/// how many there are.
pub fn algorithms_related(
    conn: &mut DbConnection,
    relation: Relation,
    target: &str,
    limit: i64,
) -> Result<(Vec<Algorithm>, usize), StorageError> {
    let (rows, total) =
        entries::public_related(conn, EntryKind::Algorithm, relation, target, limit)?;
    Ok((algorithms_of(conn, rows)?, count(total)))
}

/// Every public algorithm, newest publication first, with its users.
pub fn all_algorithms(conn: &mut DbConnection) -> Result<Vec<Algorithm>, StorageError> {
    let rows = newest_first(entries::all_public(conn, EntryKind::Algorithm)?);
    algorithms_of(conn, rows)
}

fn count(total: i64) -> usize {
    usize::try_from(total).unwrap_or_default()
}

fn newest_first(mut rows: Vec<entries::EntryRow>) -> Vec<entries::EntryRow> {
    rows.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    rows
}

/// The rows' public use cases, in the rows' order, with their adopters.
pub fn use_cases_of(
    conn: &mut DbConnection,
    rows: Vec<entries::EntryRow>,
) -> Result<Vec<UseCase>, StorageError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut adopted = adoptions::for_entries(conn, &ids)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(mut uc) = row.public_document::<UseCase>()? {
            if let Some(meta) = uc.meta.as_mut() {
                meta.adopted_by = adopted.remove(&row.id).unwrap_or_default();
            }
            out.push(uc);
        }
    }
    Ok(out)
}

/// The rows' public algorithms, in the rows' order, with their adopters and users: an
/// algorithm is "used by" the public use cases that name it, and no others.
pub fn algorithms_of(
    conn: &mut DbConnection,
    rows: Vec<entries::EntryRow>,
) -> Result<Vec<Algorithm>, StorageError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut adopted = adoptions::for_entries(conn, &ids)?;
    let slugs: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
    let mut users = entries::public_slugs_related_to_any(
        conn,
        EntryKind::UseCase,
        Relation::UsesAlgorithm,
        &slugs,
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(mut alg) = row.public_document::<Algorithm>()? {
            if let Some(meta) = alg.meta.as_mut() {
                meta.adopted_by = adopted.remove(&row.id).unwrap_or_default();
                meta.used_by = users.remove(alg.slug.as_str()).unwrap_or_default();
            }
            out.push(alg);
        }
    }
    Ok(out)
}

/// The public title (a use case's) or name (an algorithm's) of an entry, or `None` when the
/// public does not see it.
pub fn title(
    conn: &mut DbConnection,
    kind: EntryKind,
    slug: &str,
) -> Result<Option<String>, StorageError> {
    let Some(row) = entries::public_by_slugs(conn, kind, &[slug])?.pop() else {
        return Ok(None);
    };
    Ok(match kind {
        EntryKind::UseCase => row.public_document::<UseCase>()?.map(|u| u.title),
        EntryKind::Algorithm => row.public_document::<Algorithm>()?.map(|a| a.name),
    })
}

/// Whether the public sees the entry.
pub fn is_public(
    conn: &mut DbConnection,
    kind: EntryKind,
    slug: &str,
) -> Result<bool, StorageError> {
    Ok(!entries::public_by_slugs(conn, kind, &[slug])?.is_empty())
}
