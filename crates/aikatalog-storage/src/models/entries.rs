//! Use cases and algorithms ("entries") share one table. Every save writes the entry row, a full
//! revision snapshot, the derived relations when the public document changes, and an outbox row,
//! all inside the caller's transaction.

use aikatalog_domain::schema_version;
use aikatalog_domain::{Entry, EntryKind, EntryMeta, PublicationState};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use super::revisions::RevisionRow;
use super::{now, outbox};
use crate::DbConnection;
use crate::error::StorageError;
use crate::schema::{entries, entry_relations, revisions};

#[derive(Debug, Clone, PartialEq, Queryable, Insertable)]
#[diesel(table_name = entries)]
pub struct EntryRow {
    pub id: String,
    pub kind: String,
    pub slug: String,
    pub owner_code: String,
    pub state: String,
    pub title: String,
    pub revision: i64,
    pub document: String,
    pub published_revision: Option<i64>,
    pub published_document: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
}

impl EntryRow {
    pub fn state(&self) -> PublicationState {
        PublicationState::parse(&self.state).unwrap_or(PublicationState::Draft)
    }

    /// The public sees an entry that has a published revision and is not archived.
    pub fn is_public(&self) -> bool {
        self.published_document.is_some() && self.state() != PublicationState::Archived
    }

    /// Whether a published entry's newest document differs from the one the public sees (an
    /// edit waiting for a curator). Transitions such as archiving add revisions without one.
    pub fn has_pending_change(&self) -> bool {
        self.published_document
            .as_deref()
            .is_some_and(|published| published != self.document)
    }

    /// The public document with its metadata filled in, if the entry is public.
    pub fn public_document<E: Entry>(&self) -> Result<Option<E>, StorageError> {
        match (&self.published_document, self.is_public()) {
            (Some(doc), true) => {
                let mut parsed: E = parse_stored(doc)?;
                let meta = self.meta(self.published_revision, &parsed);
                *parsed.meta_mut() = Some(meta);
                Ok(Some(parsed))
            }
            _ => Ok(None),
        }
    }

    /// The newest document (perhaps a draft or a pending change), with its metadata.
    pub fn current_document<E: Entry>(&self) -> Result<E, StorageError> {
        let mut parsed: E = parse_stored(&self.document)?;
        let meta = self.meta(Some(self.revision), &parsed);
        *parsed.meta_mut() = Some(meta);
        Ok(parsed)
    }

    fn meta<E: Entry>(&self, revision: Option<i64>, doc: &E) -> EntryMeta {
        EntryMeta {
            id: Uuid::parse_str(&self.id).ok(),
            state: Some(self.state()),
            revision,
            published_revision: self.published_revision,
            created_at: Some(self.created_at.and_utc()),
            updated_at: Some(self.updated_at.and_utc()),
            published_at: self.published_at.map(|t| t.and_utc()),
            adopted_by: Vec::new(),
            used_by: Vec::new(),
            completeness: Some(doc.completeness()),
        }
    }
}

/// Who made a change and why; recorded in the revision.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub actor: &'a str,
    /// What happened: `create`, `update`, `import`, `submit`, `publish`, `reject`, ...
    pub transition: &'a str,
    pub message: Option<&'a str>,
}

/// The stored form of a document: its JSON without the read-only metadata.
pub fn stored_json<E: Entry>(doc: &E) -> QueryResult<String> {
    let mut doc = doc.clone();
    *doc.meta_mut() = None;
    serde_json::to_string(&doc).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

/// Reads a stored document of any schema version (the entry's or a historic revision's) as the
/// current type, through the domain's one upgrade function.
pub fn parse_stored<E: Entry>(json: &str) -> Result<E, StorageError> {
    let value: serde_json::Value = serde_json::from_str(json)?;
    Ok(serde_json::from_value(schema_version::upgrade(value))?)
}

/// A stored document in the current shape as JSON, exactly as a save today would store it, so
/// diffs across a format upgrade show only real changes.
pub fn stored_value<E: Entry>(json: &str) -> Result<serde_json::Value, StorageError> {
    let doc: E = parse_stored(json)?;
    Ok(serde_json::to_value(&doc)?)
}

/// [`stored_value`] for a kind known only at run time.
pub fn stored_value_of(kind: EntryKind, json: &str) -> Result<serde_json::Value, StorageError> {
    match kind {
        EntryKind::UseCase => stored_value::<aikatalog_domain::UseCase>(json),
        EntryKind::Algorithm => stored_value::<aikatalog_domain::Algorithm>(json),
    }
}

/// Finds an entry by its slug or its id.
pub fn find(conn: &mut DbConnection, kind: EntryKind, key: &str) -> QueryResult<Option<EntryRow>> {
    let by_kind = entries::table.filter(entries::kind.eq(kind.as_str()));
    if Uuid::parse_str(key).is_ok() {
        by_kind.filter(entries::id.eq(key)).first(conn).optional()
    } else {
        by_kind.filter(entries::slug.eq(key)).first(conn).optional()
    }
}

/// The SQL form of [`EntryRow::is_public`].
macro_rules! public_entries {
    ($kind:expr) => {
        entries::table
            .filter(entries::kind.eq($kind.as_str()))
            .filter(entries::published_document.is_not_null())
            .filter(entries::state.ne(PublicationState::Archived.as_str()))
    };
}

/// One page of public entries, newest publication first, and the total count.
pub fn list_public(
    conn: &mut DbConnection,
    kind: EntryKind,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<EntryRow>, i64)> {
    let total = public_entries!(kind).count().get_result(conn)?;
    let rows = public_entries!(kind)
        .order((entries::published_at.desc(), entries::slug))
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    Ok((rows, total))
}

/// The public entries of a kind after the slug `after` (from the first without), in slug
/// order: a rebuild reads the catalogue page by page along the (kind, slug) key, so each page
/// costs the same however far in it is, where `OFFSET` would read every row before it again.
pub fn public_after(
    conn: &mut DbConnection,
    kind: EntryKind,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<EntryRow>> {
    let mut query = public_entries!(kind).into_boxed();
    if let Some(after) = after {
        query = query.filter(entries::slug.gt(after.to_owned()));
    }
    query.order(entries::slug).limit(limit).load(conn)
}

/// Every public entry of a kind (for exports and index rebuilds), in slug order.
pub fn all_public(conn: &mut DbConnection, kind: EntryKind) -> QueryResult<Vec<EntryRow>> {
    public_entries!(kind).order(entries::slug).load(conn)
}

/// Slugs of public entries of `kind` that have `relation` to `target` (e.g. the use cases that
/// use an algorithm).
pub fn public_slugs_related(
    conn: &mut DbConnection,
    kind: EntryKind,
    relation: aikatalog_domain::Relation,
    target: &str,
) -> QueryResult<Vec<String>> {
    public_entries!(kind)
        .inner_join(entry_relations::table)
        .filter(entry_relations::relation.eq(relation.as_str()))
        .filter(entry_relations::target.eq(target))
        .order(entries::slug)
        .select(entries::slug)
        .load(conn)
}

/// Which entries a work list shows: an editor's own organisation's entries in every state, or a
/// curator's review queue.
#[derive(Debug, Clone, Default)]
pub struct WorkFilter {
    /// Only entries this organisation owns; `None` for every owner.
    pub owner: Option<String>,
    pub kind: Option<EntryKind>,
    /// Only entries in one of these states; empty for every state.
    pub states: Vec<PublicationState>,
}

/// One page of the entries `filter` selects, most recently changed first, with the revision
/// that made each one's newest change, and the total count.
pub fn list_work(
    conn: &mut DbConnection,
    filter: &WorkFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<(EntryRow, RevisionRow)>, i64)> {
    // Each entry joined with the revision that numbers it (every save writes both together).
    let query = || {
        let mut query = entries::table
            .inner_join(
                revisions::table.on(revisions::entry_id
                    .eq(entries::id)
                    .and(revisions::revision.eq(entries::revision))),
            )
            .into_boxed();
        if let Some(owner) = &filter.owner {
            query = query.filter(entries::owner_code.eq(owner.clone()));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(entries::kind.eq(kind.as_str()));
        }
        if !filter.states.is_empty() {
            query = query.filter(
                entries::state.eq_any(filter.states.iter().map(|s| s.as_str()).collect::<Vec<_>>()),
            );
        }
        query
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order((entries::updated_at.desc(), entries::slug))
        .limit(limit)
        .offset(offset)
        .select((entries::all_columns, revisions::all_columns))
        .load(conn)?;
    Ok((rows, total))
}

/// The curators' review queue, oldest first: every submitted entry, and every published entry
/// whose newest document is not the public one, each with the revision that numbers it (who
/// submitted it, and when).
pub fn review_queue(
    conn: &mut DbConnection,
    limit: i64,
) -> QueryResult<Vec<(EntryRow, RevisionRow)>> {
    entries::table
        .inner_join(
            revisions::table.on(revisions::entry_id
                .eq(entries::id)
                .and(revisions::revision.eq(entries::revision))),
        )
        .filter(
            entries::state
                .eq(PublicationState::Submitted.as_str())
                .or(entries::state
                    .eq(PublicationState::Published.as_str())
                    .and(entries::published_document.ne(entries::document.nullable()))),
        )
        .order((entries::updated_at.asc(), entries::slug))
        .limit(limit)
        .select((entries::all_columns, revisions::all_columns))
        .load(conn)
}

/// All slugs of one kind, public or not (for reference checks).
pub fn all_slugs(conn: &mut DbConnection, kind: EntryKind) -> QueryResult<Vec<String>> {
    entries::table
        .filter(entries::kind.eq(kind.as_str()))
        .select(entries::slug)
        .load(conn)
}

/// What a save should do besides storing the new document.
#[derive(Debug, Clone, Copy)]
pub struct Save {
    pub state: PublicationState,
    /// Make this revision the public one.
    pub publish: bool,
}

/// Creates or updates an entry with `doc` as its new revision. `existing` is the row as the
/// caller read it in this transaction; `None` creates the entry. If another writer saved the
/// entry since `existing` was read, nothing is written and the error is
/// [`StorageError::LostRace`].
pub fn save<E: Entry>(
    conn: &mut DbConnection,
    existing: Option<&EntryRow>,
    doc: &E,
    save: Save,
    change: Change<'_>,
) -> Result<EntryRow, StorageError> {
    let json = stored_json(doc)?;
    let at = now();
    let row = match existing {
        None => new_row(doc, json.clone(), save, at),
        Some(old) => {
            let revision = old.revision + 1;
            EntryRow {
                slug: doc.slug().to_string(),
                owner_code: doc.owner().to_string(),
                state: save.state.as_str().to_owned(),
                title: doc.title().to_owned(),
                revision,
                document: json.clone(),
                published_revision: if save.publish {
                    Some(revision)
                } else {
                    old.published_revision
                },
                published_document: if save.publish {
                    Some(json.clone())
                } else {
                    old.published_document.clone()
                },
                updated_at: at,
                published_at: if save.publish {
                    Some(at)
                } else {
                    old.published_at
                },
                ..old.clone()
            }
        }
    };
    match existing {
        None => {
            diesel::insert_into(entries::table)
                .values(&row)
                .execute(conn)?;
        }
        Some(old) => {
            // The revision guard turns a lost race into an error instead of a silent overwrite.
            let updated = diesel::update(
                entries::table
                    .filter(entries::id.eq(&old.id))
                    .filter(entries::revision.eq(old.revision)),
            )
            .set((
                entries::slug.eq(&row.slug),
                entries::owner_code.eq(&row.owner_code),
                entries::state.eq(&row.state),
                entries::title.eq(&row.title),
                entries::revision.eq(row.revision),
                entries::document.eq(&row.document),
                entries::published_revision.eq(row.published_revision),
                entries::published_document.eq(&row.published_document),
                entries::updated_at.eq(row.updated_at),
                entries::published_at.eq(row.published_at),
            ))
            .execute(conn)?;
            if updated != 1 {
                return Err(StorageError::LostRace {
                    what: "entry",
                    read: old.revision,
                });
            }
        }
    }
    super::revisions::insert(conn, &row, change)?;
    if save.publish {
        replace_relations(conn, &row.id, doc)?;
        super::reviews::set_stated(conn, &row.id, doc.review_on())?;
    }
    outbox::push(conn, &row.id, E::KIND)?;
    Ok(row)
}

/// The row of a new entry whose first revision is `doc`, stored as `json`.
pub(crate) fn new_row<E: Entry>(doc: &E, json: String, save: Save, at: NaiveDateTime) -> EntryRow {
    EntryRow {
        id: Uuid::now_v7().to_string(),
        kind: E::KIND.as_str().to_owned(),
        slug: doc.slug().to_string(),
        owner_code: doc.owner().to_string(),
        state: save.state.as_str().to_owned(),
        title: doc.title().to_owned(),
        revision: 1,
        published_revision: save.publish.then_some(1),
        published_document: save.publish.then(|| json.clone()),
        document: json,
        created_at: at,
        updated_at: at,
        published_at: save.publish.then_some(at),
    }
}

fn replace_relations<E: Entry>(
    conn: &mut DbConnection,
    entry_id: &str,
    doc: &E,
) -> QueryResult<()> {
    diesel::delete(entry_relations::table.filter(entry_relations::entry_id.eq(entry_id)))
        .execute(conn)?;
    // One insert per row: multi-row inserts are not portable through MultiConnection.
    for (relation, target) in doc.relations() {
        diesel::insert_into(entry_relations::table)
            .values((
                entry_relations::entry_id.eq(entry_id),
                entry_relations::relation.eq(relation.as_str()),
                entry_relations::target.eq(target),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// How many public entries of `kind` each organisation has in `relation` (owner, partner).
pub fn count_public_by_relation(
    conn: &mut DbConnection,
    kind: EntryKind,
    relation: aikatalog_domain::Relation,
) -> QueryResult<Vec<(String, i64)>> {
    public_entries!(kind)
        .inner_join(entry_relations::table)
        .filter(entry_relations::relation.eq(relation.as_str()))
        .group_by(entry_relations::target)
        .select((entry_relations::target, diesel::dsl::count_star()))
        .load(conn)
}

/// The public entries of `kind` among `slugs` (those not public are left out), in no order: the
/// web pages read the few entries a page shows this way instead of holding all of them.
pub fn public_by_slugs(
    conn: &mut DbConnection,
    kind: EntryKind,
    slugs: &[&str],
) -> QueryResult<Vec<EntryRow>> {
    let mut found = Vec::new();
    for chunk in slugs.chunks(500) {
        found.extend(
            public_entries!(kind)
                .filter(entries::slug.eq_any(chunk))
                .load::<EntryRow>(conn)?,
        );
    }
    Ok(found)
}

/// Up to `limit` public entries of `kind` that have `relation` to `target` (the use cases of a
/// category, the algorithms an organisation owns), newest publication first, and how many
/// there are in all.
pub fn public_related(
    conn: &mut DbConnection,
    kind: EntryKind,
    relation: aikatalog_domain::Relation,
    target: &str,
    limit: i64,
) -> QueryResult<(Vec<EntryRow>, i64)> {
    let total = public_entries!(kind)
        .inner_join(entry_relations::table)
        .filter(entry_relations::relation.eq(relation.as_str()))
        .filter(entry_relations::target.eq(target))
        .count()
        .get_result(conn)?;
    let rows = public_entries!(kind)
        .inner_join(entry_relations::table)
        .filter(entry_relations::relation.eq(relation.as_str()))
        .filter(entry_relations::target.eq(target))
        .order((entries::published_at.desc(), entries::slug))
        .limit(limit)
        .select(entries::all_columns)
        .load(conn)?;
    Ok((rows, total))
}

/// Up to `limit` public entries of `kind` that organisation `org` declared it reuses, newest
/// publication first, and how many there are in all.
pub fn public_adopted_by(
    conn: &mut DbConnection,
    kind: EntryKind,
    org: &str,
    limit: i64,
) -> QueryResult<(Vec<EntryRow>, i64)> {
    use crate::schema::adoptions;
    let total = public_entries!(kind)
        .inner_join(adoptions::table)
        .filter(adoptions::org_code.eq(org))
        .count()
        .get_result(conn)?;
    let rows = public_entries!(kind)
        .inner_join(adoptions::table)
        .filter(adoptions::org_code.eq(org))
        .order((entries::published_at.desc(), entries::slug))
        .limit(limit)
        .select(entries::all_columns)
        .load(conn)?;
    Ok((rows, total))
}

/// An entry by its id, of either kind.
pub fn find_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<EntryRow>> {
    entries::table.find(id).first(conn).optional()
}

/// For each of `targets`, the slugs of the public entries of `kind` with `relation` to it (the
/// use cases that use each of some algorithms), by slug: one query per 500 targets.
pub fn public_slugs_related_to_any(
    conn: &mut DbConnection,
    kind: EntryKind,
    relation: aikatalog_domain::Relation,
    targets: &[&str],
) -> QueryResult<std::collections::HashMap<String, Vec<String>>> {
    let mut found: std::collections::HashMap<String, Vec<String>> = Default::default();
    for chunk in targets.chunks(500) {
        let rows: Vec<(String, String)> = public_entries!(kind)
            .inner_join(entry_relations::table)
            .filter(entry_relations::relation.eq(relation.as_str()))
            .filter(entry_relations::target.eq_any(chunk))
            .order(entries::slug)
            .select((entry_relations::target, entries::slug))
            .load(conn)?;
        for (target, slug) in rows {
            found.entry(target).or_default().push(slug);
        }
    }
    Ok(found)
}

/// One page of the public entries of `kind`, newest publication first (then by slug), after
/// the entry `after` (its publication time and slug; from the first without): the downloads
/// of the whole catalogue read it page by page along this key, each page costing the same.
/// Public entries always have a publication time; one without is left out.
pub fn public_newest_after(
    conn: &mut DbConnection,
    kind: EntryKind,
    after: Option<(NaiveDateTime, &str)>,
    limit: i64,
) -> QueryResult<Vec<EntryRow>> {
    let mut query = public_entries!(kind)
        .filter(entries::published_at.is_not_null())
        .into_boxed();
    if let Some((at, slug)) = after {
        query = query.filter(
            entries::published_at.lt(at).or(entries::published_at
                .eq(at)
                .and(entries::slug.gt(slug.to_owned()))),
        );
    }
    query
        .order((entries::published_at.desc(), entries::slug))
        .limit(limit)
        .load(conn)
}

/// How many public entries of `kind` there are.
pub fn count_public(conn: &mut DbConnection, kind: EntryKind) -> QueryResult<i64> {
    public_entries!(kind).count().get_result(conn)
}
