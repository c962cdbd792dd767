//! Reference data: categories, domains and organisations. Each row keeps the full document as
//! JSON plus the columns queries sort and filter by.

use aikatalog_domain::{Category, Domain, OrgKind, Organisation, Relation};
use diesel::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{SyncOutcome, now, outbox, reference_history};
use crate::DbConnection;
use crate::error::StorageError;
use crate::schema::{categories, domains, organisations};

fn to_json(doc: &impl Serialize) -> QueryResult<String> {
    serde_json::to_string(doc).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

/// Parses stored documents, failing loudly if one no longer matches its type.
pub fn parse_all<T: DeserializeOwned>(docs: Vec<String>) -> Result<Vec<T>, StorageError> {
    docs.iter()
        .map(|d| serde_json::from_str(d).map_err(StorageError::from))
        .collect()
}

/// The three kinds of reference record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Category,
    Domain,
    Organisation,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Category => "category",
            RefKind::Domain => "domain",
            RefKind::Organisation => "organisation",
        }
    }

    /// What names a record of this kind in an entry's index document: the relations that point
    /// at it, and whether adoptions do.
    fn naming(self) -> (&'static [Relation], bool) {
        match self {
            RefKind::Category => (
                &[Relation::PrimaryCategory, Relation::SecondaryCategory],
                false,
            ),
            RefKind::Domain => (&[Relation::Domain], false),
            RefKind::Organisation => (
                &[Relation::Owner, Relation::Partner, Relation::Vendor],
                true,
            ),
        }
    }
}

/// A stored reference record: its document (JSON) and how many revisions it has had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub document: String,
    pub revision: i64,
}

/// What a sync of one reference record did, and the record's revision after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Synced {
    pub outcome: SyncOutcome,
    pub revision: i64,
}

/// The current document and revision of one record.
pub fn current(conn: &mut DbConnection, kind: RefKind, key: &str) -> QueryResult<Option<Stored>> {
    let found: Option<(String, i64)> = match kind {
        RefKind::Category => categories::table
            .find(key)
            .select((categories::document, categories::revision))
            .first(conn)
            .optional()?,
        RefKind::Domain => domains::table
            .find(key)
            .select((domains::document, domains::revision))
            .first(conn)
            .optional()?,
        RefKind::Organisation => organisations::table
            .find(key)
            .select((organisations::document, organisations::revision))
            .first(conn)
            .optional()?,
    };
    Ok(found.map(|(document, revision)| Stored { document, revision }))
}

/// Which stored state a write is based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// Whatever is stored when the write runs: the seed import, which owns the data.
    Current,
    /// No record: the writer creates one, and loses if another writer created it first.
    Absent,
    /// The revision the writer read (and its `If-Match` named); it loses if that is not current.
    Revision(i64),
}

impl Base {
    /// The base of a write that checked its precondition against `stored`.
    pub fn of(stored: Option<&Stored>) -> Self {
        stored.map_or(Base::Absent, |s| Base::Revision(s.revision))
    }
}

/// Decides between insert, update and nothing by comparing stored and new documents.
///
/// Every insert and update keeps the new version in `reference_revisions`. A write is guarded by
/// the revision its `base` names, not by what this call reads: on PostgreSQL each statement of a
/// transaction sees the latest commit, so a re-read here may already show another writer's
/// revision, and guarding by it would let both writers win. A writer that lost a race gets
/// [`StorageError::LostRace`] instead of overwriting silently, and so does one whose insert
/// collides with a record another writer created meanwhile (the unique key is the referee). It also records an outbox change for every entry that names the record, so the
/// search index shows the new name (or region) without a rebuild; nothing names a new record.
#[expect(
    clippy::too_many_arguments,
    reason = "one private helper behind three public syncs"
)]
fn sync(
    conn: &mut DbConnection,
    kind: RefKind,
    key: &str,
    base: Base,
    stored: Option<Stored>,
    new_doc: &str,
    actor: &str,
    insert: impl FnOnce(&mut DbConnection) -> QueryResult<usize>,
    update: impl FnOnce(&mut DbConnection, i64) -> QueryResult<usize>,
) -> Result<Synced, StorageError> {
    let lost = |read| StorageError::LostRace {
        what: kind.as_str(),
        read,
    };
    let stored = match (base, stored) {
        (Base::Absent, Some(_)) => return Err(lost(0)),
        // No record is ever deleted, so this cannot happen today; but a writer who meant to
        // replace revision `read` must not create a record behind the caller's back.
        (Base::Revision(read), None) => return Err(lost(read)),
        (Base::Revision(read), Some(old)) if old.revision != read => return Err(lost(read)),
        (_, stored) => stored,
    };
    let (outcome, revision) = match stored {
        None => {
            insert(conn).map_err(|e| match e {
                // Another writer inserted the same key after our read; on PostgreSQL the insert
                // waited for that commit and then hit the primary key.
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => lost(0),
                other => StorageError::Query(other),
            })?;
            (SyncOutcome::Created, 1)
        }
        Some(old) if old.document == new_doc => {
            return Ok(Synced {
                outcome: SyncOutcome::Unchanged,
                revision: old.revision,
            });
        }
        Some(old) => {
            // `old.revision` equals the base's revision here; the `WHERE revision = …` of the
            // update re-checks it under the row lock, so of writers that read the same revision
            // exactly one matches a row.
            if update(conn, old.revision)? != 1 {
                return Err(lost(old.revision));
            }
            let (relations, adopters) = kind.naming();
            outbox::push_naming(conn, relations, key, adopters)?;
            (SyncOutcome::Updated, old.revision + 1)
        }
    };
    reference_history::insert(conn, kind, key, revision, actor, new_doc)?;
    Ok(Synced { outcome, revision })
}

pub fn list_categories(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    categories::table
        .order(categories::number)
        .select(categories::document)
        .load(conn)
}

pub fn sync_category(
    conn: &mut DbConnection,
    doc: &Category,
    actor: &str,
) -> Result<Synced, StorageError> {
    sync_category_based_on(conn, doc, actor, Base::Current)
}

/// Like [`sync_category`], guarded by `base` (see [`Base`]).
pub fn sync_category_based_on(
    conn: &mut DbConnection,
    doc: &Category,
    actor: &str,
    base: Base,
) -> Result<Synced, StorageError> {
    let json = to_json(doc)?;
    let key = doc.slug.as_str();
    let stored = current(conn, RefKind::Category, key)?;
    let values = (
        categories::number.eq(i32::from(doc.number)),
        categories::name_da.eq(&doc.name_da),
        categories::document.eq(&json),
        categories::updated_at.eq(now()),
    );
    sync(
        conn,
        RefKind::Category,
        key,
        base,
        stored,
        &json,
        actor,
        |conn| {
            diesel::insert_into(categories::table)
                .values((categories::slug.eq(key), categories::revision.eq(1), values))
                .execute(conn)
        },
        |conn, read| {
            diesel::update(
                categories::table
                    .find(key)
                    .filter(categories::revision.eq(read)),
            )
            .set((categories::revision.eq(read + 1), values))
            .execute(conn)
        },
    )
}

pub fn list_domains(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    domains::table
        .order((domains::position, domains::slug))
        .select(domains::document)
        .load(conn)
}

/// Where a domain goes in lists: the place it has, or after the others for a new one.
pub fn domain_position(conn: &mut DbConnection, slug: &str) -> QueryResult<i32> {
    let stored: Option<i32> = domains::table
        .find(slug)
        .select(domains::position)
        .first(conn)
        .optional()?;
    match stored {
        Some(position) => Ok(position),
        None => {
            let count: i64 = domains::table.count().get_result(conn)?;
            Ok(i32::try_from(count).unwrap_or(i32::MAX))
        }
    }
}

/// `position` orders domains in lists (their order in the seed file).
pub fn sync_domain(
    conn: &mut DbConnection,
    doc: &Domain,
    position: i32,
    actor: &str,
) -> Result<Synced, StorageError> {
    sync_domain_based_on(conn, doc, position, actor, Base::Current)
}

/// Like [`sync_domain`], guarded by `base` (see [`Base`]).
pub fn sync_domain_based_on(
    conn: &mut DbConnection,
    doc: &Domain,
    position: i32,
    actor: &str,
    base: Base,
) -> Result<Synced, StorageError> {
    let json = to_json(doc)?;
    let key = doc.slug.as_str();
    let stored = domains::table
        .find(key)
        .select((domains::document, domains::revision, domains::position))
        .first::<(String, i64, i32)>(conn)
        .optional()?
        .map(|(document, revision, stored_position)| Stored {
            // A moved domain counts as changed even when its document is the same.
            document: if stored_position == position {
                document
            } else {
                String::new()
            },
            revision,
        });
    let values = (
        domains::position.eq(position),
        domains::name_da.eq(&doc.name_da),
        domains::document.eq(&json),
        domains::updated_at.eq(now()),
    );
    sync(
        conn,
        RefKind::Domain,
        key,
        base,
        stored,
        &json,
        actor,
        |conn| {
            diesel::insert_into(domains::table)
                .values((domains::slug.eq(key), domains::revision.eq(1), values))
                .execute(conn)
        },
        |conn, read| {
            diesel::update(domains::table.find(key).filter(domains::revision.eq(read)))
                .set((domains::revision.eq(read + 1), values))
                .execute(conn)
        },
    )
}

pub fn list_organisations(
    conn: &mut DbConnection,
    kind: Option<OrgKind>,
) -> QueryResult<Vec<String>> {
    let mut query = organisations::table
        .select(organisations::document)
        .order((organisations::kind, organisations::code))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(organisations::kind.eq(kind.as_str()));
    }
    query.load(conn)
}

pub fn sync_organisation(
    conn: &mut DbConnection,
    doc: &Organisation,
    actor: &str,
) -> Result<Synced, StorageError> {
    sync_organisation_based_on(conn, doc, actor, Base::Current)
}

/// Like [`sync_organisation`], guarded by `base` (see [`Base`]).
pub fn sync_organisation_based_on(
    conn: &mut DbConnection,
    doc: &Organisation,
    actor: &str,
    base: Base,
) -> Result<Synced, StorageError> {
    let json = to_json(doc)?;
    let key = doc.code.as_str();
    let stored = current(conn, RefKind::Organisation, key)?;
    let values = (
        organisations::kind.eq(doc.kind.as_str()),
        organisations::name.eq(&doc.name),
        organisations::region_code.eq(doc.region.as_ref().map(|r| r.as_str())),
        organisations::document.eq(&json),
        organisations::updated_at.eq(now()),
    );
    sync(
        conn,
        RefKind::Organisation,
        key,
        base,
        stored,
        &json,
        actor,
        |conn| {
            diesel::insert_into(organisations::table)
                .values((
                    organisations::code.eq(key),
                    organisations::revision.eq(1),
                    values,
                ))
                .execute(conn)
        },
        |conn, read| {
            diesel::update(
                organisations::table
                    .find(key)
                    .filter(organisations::revision.eq(read)),
            )
            .set((organisations::revision.eq(read + 1), values))
            .execute(conn)
        },
    )
}
