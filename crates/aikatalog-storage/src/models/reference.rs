//! Reference data: categories, domains and organisations. Each row keeps the full document as
//! JSON plus the columns queries sort and filter by.

use aikatalog_domain::{Category, Domain, OrgKind, Organisation, Relation};
use diesel::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{SyncOutcome, now, outbox};
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

/// What names a reference record in an entry's index document: the relations that point at
/// it, and whether adoptions do.
struct Naming<'a> {
    key: &'a str,
    relations: &'a [Relation],
    adopters: bool,
}

/// Decides between insert, update and nothing by comparing stored and new documents. An update
/// records an outbox change for every entry that names the record, so the search index shows
/// the new name (or region) without a rebuild; nothing names a record that is new.
fn sync(
    conn: &mut DbConnection,
    stored: Option<String>,
    new_doc: &str,
    naming: &Naming<'_>,
    insert: impl FnOnce(&mut DbConnection) -> QueryResult<usize>,
    update: impl FnOnce(&mut DbConnection) -> QueryResult<usize>,
) -> QueryResult<SyncOutcome> {
    match stored {
        None => insert(conn).map(|_| SyncOutcome::Created),
        Some(old) if old == new_doc => Ok(SyncOutcome::Unchanged),
        Some(_) => {
            update(conn)?;
            outbox::push_naming(conn, naming.relations, naming.key, naming.adopters)?;
            Ok(SyncOutcome::Updated)
        }
    }
}

pub fn list_categories(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    categories::table
        .order(categories::number)
        .select(categories::document)
        .load(conn)
}

pub fn find_category(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<String>> {
    categories::table
        .find(slug)
        .select(categories::document)
        .first(conn)
        .optional()
}

pub fn sync_category(conn: &mut DbConnection, doc: &Category) -> QueryResult<SyncOutcome> {
    let json = to_json(doc)?;
    let stored = find_category(conn, doc.slug.as_str())?;
    let values = (
        categories::number.eq(i32::from(doc.number)),
        categories::name_da.eq(&doc.name_da),
        categories::document.eq(&json),
        categories::updated_at.eq(now()),
    );
    let naming = Naming {
        key: doc.slug.as_str(),
        relations: &[Relation::PrimaryCategory, Relation::SecondaryCategory],
        adopters: false,
    };
    sync(
        conn,
        stored,
        &json,
        &naming,
        |conn| {
            diesel::insert_into(categories::table)
                .values((categories::slug.eq(doc.slug.as_str()), values))
                .execute(conn)
        },
        |conn| {
            diesel::update(categories::table.find(doc.slug.as_str()))
                .set(values)
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

pub fn find_domain(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<String>> {
    domains::table
        .find(slug)
        .select(domains::document)
        .first(conn)
        .optional()
}

/// `position` orders domains in lists (their order in the seed file).
pub fn sync_domain(
    conn: &mut DbConnection,
    doc: &Domain,
    position: i32,
) -> QueryResult<SyncOutcome> {
    let json = to_json(doc)?;
    let stored = domains::table
        .find(doc.slug.as_str())
        .select((domains::document, domains::position))
        .first::<(String, i32)>(conn)
        .optional()?
        // A moved domain counts as changed even when its document is the same.
        .map(|(d, p)| if p == position { d } else { String::new() });
    let values = (
        domains::position.eq(position),
        domains::name_da.eq(&doc.name_da),
        domains::document.eq(&json),
        domains::updated_at.eq(now()),
    );
    let naming = Naming {
        key: doc.slug.as_str(),
        relations: &[Relation::Domain],
        adopters: false,
    };
    sync(
        conn,
        stored,
        &json,
        &naming,
        |conn| {
            diesel::insert_into(domains::table)
                .values((domains::slug.eq(doc.slug.as_str()), values))
                .execute(conn)
        },
        |conn| {
            diesel::update(domains::table.find(doc.slug.as_str()))
                .set(values)
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

pub fn find_organisation(conn: &mut DbConnection, code: &str) -> QueryResult<Option<String>> {
    organisations::table
        .find(code)
        .select(organisations::document)
        .first(conn)
        .optional()
}

pub fn sync_organisation(conn: &mut DbConnection, doc: &Organisation) -> QueryResult<SyncOutcome> {
    let json = to_json(doc)?;
    let stored = find_organisation(conn, doc.code.as_str())?;
    let values = (
        organisations::kind.eq(doc.kind.as_str()),
        organisations::name.eq(&doc.name),
        organisations::region_code.eq(doc.region.as_ref().map(|r| r.as_str())),
        organisations::document.eq(&json),
        organisations::updated_at.eq(now()),
    );
    let naming = Naming {
        key: doc.code.as_str(),
        relations: &[Relation::Owner, Relation::Partner, Relation::Vendor],
        adopters: true,
    };
    sync(
        conn,
        stored,
        &json,
        &naming,
        |conn| {
            diesel::insert_into(organisations::table)
                .values((organisations::code.eq(doc.code.as_str()), values))
                .execute(conn)
        },
        |conn| {
            diesel::update(organisations::table.find(doc.code.as_str()))
                .set(values)
                .execute(conn)
        },
    )
}
