//! What the public may see, summarised: the reference data and the few figures the pages show
//! about all entries (counts per organisation and per category, the front page's Danish
//! figures, the newest changes, when each entry a person changed was changed). Pages read the
//! entries they show from the database on demand (`crate::public`), so the snapshot stays small
//! however large the catalogue: it grows with the organisations and categories, not with the
//! entries.
//!
//! The figures are computed from a compact table of facts per public entry (owner, partners,
//! adopters, primary category, stage, whether it is this catalogue's own, when a person last
//! changed it), a few hundred bytes each, which [`CatalogueCache`] keeps beside the snapshot.
//! It is read whole once, a page of entries at a time, and then caught up from the outbox:
//! every entry or adoption change writes an outbox row, so a write re-reads only the entries
//! it changed, not the whole catalogue. Reference data, which has no outbox, is compared by a
//! hash of its stored documents. Drafts cannot leak: only `EntryRow::public_document` is read.
//!
//! One cache serves the whole server (`aikatalog_server::Shared`), not one per worker.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, RwLock};

use aikatalog_domain::{
    Category, CountryCode, Domain, EntryKind, Lifecycle, OrgKind, Organisation, PartialDate,
    Provenance,
};
use aikatalog_storage::models::reference_records::{self as model, parse_all};
use aikatalog_storage::models::{adoptions, entries, outbox, revisions};
use aikatalog_storage::{Database, DbConnection, StorageError};
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::source;

/// Counts per organisation, for the municipality overview.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub owns: usize,
    pub partner_in: usize,
    pub reuses: usize,
}

impl Counts {
    pub fn any(&self) -> bool {
        self.owns + self.partner_in + self.reuses > 0
    }
}

/// How many entries the front page lists as recently changed.
pub const RECENT: usize = 6;

#[derive(Debug, Default)]
pub struct Catalogue {
    /// In KL/KOMBIT's order.
    pub categories: Vec<Category>,
    /// In the seed file's order.
    pub domains: Vec<Domain>,
    pub organisations: BTreeMap<String, Organisation>,
    /// Organisation codes per kind, by name: sorted once per snapshot, not per page.
    by_kind: HashMap<OrgKind, Vec<String>>,
    /// Use case counts per organisation.
    counts: HashMap<String, Counts>,
    /// Organisations that own, partner in or reuse a use case, or own or sell an algorithm.
    involved: HashSet<String>,
    /// Per category, the newest public use cases with it as their primary and as a secondary
    /// category, and how many there are.
    by_category: HashMap<String, CategoryLists>,
    figures: DanishFigures,
    /// Public use cases and algorithms.
    totals: (usize, usize),
    /// The front page's recently changed entries, first first.
    recent: Vec<(EntryKind, String)>,
    /// When an entry was last published.
    last_published: Option<DateTime<Utc>>,
    /// The public algorithms' slugs and names, by slug (the editing form suggests them).
    algorithm_names: Vec<(String, String)>,
    /// When a person last changed what the public reads, by kind and slug; entries whose
    /// published revision came from the seed import are not here (see [`Facts::edited`]).
    edited: HashMap<(EntryKind, String), DateTime<Utc>>,
}

/// A category's newest use cases (slugs, at most [`LIST_LIMIT`]) and how many there are.
#[derive(Debug, Default, Clone)]
pub struct CategoryLists {
    pub primary: Vec<String>,
    pub primary_total: usize,
    pub secondary: Vec<String>,
    pub secondary_total: usize,
}

/// How many use cases a category's page lists of each kind: the newest; the search lists them
/// all, a page at a time.
pub const LIST_LIMIT: usize = 60;

/// The transition the seed importer records (`aikatalog_seed::apply`). A revision it published
/// says when the catalogue read the sources, not when the owner changed anything: the whole
/// seed is imported in one instant.
const IMPORT_TRANSITION: &str = "import";

/// What the snapshot's figures need of one public entry; the rest of it stays in the database.
#[derive(Debug)]
struct Facts {
    kind: EntryKind,
    slug: Box<str>,
    owner: Box<str>,
    /// A use case's partners and adopters (an algorithm's adopters do not count as reuse).
    partners: Box<[Box<str>]>,
    adopters: Box<[Box<str>]>,
    /// An algorithm's vendor and name.
    vendor: Option<Box<str>>,
    name: Option<Box<str>>,
    /// A use case's primary and secondary categories.
    primary_category: Option<Box<str>>,
    secondary: Box<[Box<str>]>,
    /// This catalogue's own entry, not one imported from another register.
    home: bool,
    in_operation: bool,
    started: Option<PartialDate>,
    /// When a person last changed the public version (an editor's change a curator
    /// published), or `None` while it is as the import left it.
    edited: Option<DateTime<Utc>>,
    published_at: Option<NaiveDateTime>,
}

fn boxed<'a>(items: impl IntoIterator<Item = &'a str>) -> Box<[Box<str>]> {
    items.into_iter().map(Box::from).collect()
}

/// The fields of a stored use case or algorithm the facts need, read straight from its JSON:
/// the rest of the document is skipped, not built (a full read of 100,000 documents at start
/// would otherwise take several times as long).
#[derive(Debug, serde::Deserialize)]
struct Light {
    #[serde(default = "first_version")]
    schema_version: u64,
    owner: String,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    primary_category: Option<String>,
    #[serde(default)]
    secondary_categories: Vec<String>,
    lifecycle: Lifecycle,
    #[serde(default)]
    started: Option<PartialDate>,
    #[serde(default)]
    provenance: Provenance,
    #[serde(default)]
    vendor: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// A document without `schema_version` is of the first (`schema_version::version_of`).
fn first_version() -> u64 {
    1
}

/// [`Light`] of a stored document; one of an earlier schema version is upgraded first, as
/// every read of a stored document is (`entries::parse_stored`).
fn light(doc: &str) -> Result<Light, StorageError> {
    let fast: Light = serde_json::from_str(doc)?;
    if fast.schema_version >= u64::from(aikatalog_domain::schema_version::CURRENT) {
        return Ok(fast);
    }
    let value: serde_json::Value = serde_json::from_str(doc)?;
    Ok(serde_json::from_value(
        aikatalog_domain::schema_version::upgrade(value),
    )?)
}

impl Facts {
    /// The facts of a public entry, or `None` when the row is not public.
    fn of(
        row: &entries::EntryRow,
        adopters: &[String],
        edited: Option<DateTime<Utc>>,
    ) -> Result<Option<Facts>, StorageError> {
        let Some(kind) = EntryKind::parse(&row.kind) else {
            return Ok(None);
        };
        let base = |owner: &str, home, lifecycle| Facts {
            kind,
            slug: row.slug.as_str().into(),
            owner: owner.into(),
            partners: Box::default(),
            adopters: Box::default(),
            vendor: None,
            name: None,
            primary_category: None,
            secondary: Box::default(),
            home,
            in_operation: lifecycle == Lifecycle::InOperation,
            started: None,
            edited,
            published_at: row.published_at,
        };
        if !row.is_public() {
            return Ok(None);
        }
        let Some(doc) = row.published_document.as_deref() else {
            return Ok(None);
        };
        Ok(Some(match kind {
            EntryKind::UseCase => {
                let uc: Light = light(doc)?;
                Facts {
                    partners: boxed(uc.partners.iter().map(String::as_str)),
                    adopters: boxed(adopters.iter().map(String::as_str)),
                    primary_category: uc.primary_category.as_deref().map(Box::from),
                    secondary: boxed(uc.secondary_categories.iter().map(String::as_str)),
                    started: uc.started,
                    ..base(&uc.owner, source::is_home(&uc.provenance), uc.lifecycle)
                }
            }
            EntryKind::Algorithm => {
                let a: Light = light(doc)?;
                Facts {
                    vendor: a.vendor.as_deref().map(Box::from),
                    name: a.name.as_deref().map(Box::from),
                    ..base(&a.owner, source::is_home(&a.provenance), a.lifecycle)
                }
            }
        }))
    }

    /// Newest publication first, then by slug (the order of a category's lists).
    fn newest_order(a: &Facts, b: &Facts) -> std::cmp::Ordering {
        b.published_at
            .cmp(&a.published_at)
            .then_with(|| a.slug.cmp(&b.slug))
    }

    /// The front page's order: what a person changed, most recent first, then what the import
    /// left, the most recently started project first (an import publishes everything in one
    /// instant, so its date orders nothing); then use cases before algorithms, newest
    /// publication first, by slug.
    fn recent_order(a: &Facts, b: &Facts) -> std::cmp::Ordering {
        (b.edited, b.started)
            .cmp(&(a.edited, a.started))
            .then_with(|| (a.kind != EntryKind::UseCase).cmp(&(b.kind != EntryKind::UseCase)))
            .then_with(|| b.published_at.cmp(&a.published_at))
            .then_with(|| a.slug.cmp(&b.slug))
    }
}

/// The facts of every public entry by id, and the outbox position they are read up to.
#[derive(Debug, Default)]
struct FactTable {
    head: i64,
    by_id: HashMap<String, Facts>,
}

/// How many rows a full read takes at a time.
const PAGE: i64 = 1000;

/// A catch-up re-reads this many outbox rows before the last position it read: a transaction
/// that took a sequence number before another but committed after it (PostgreSQL hands them
/// out before commit) is not missed. Re-reading an entry is harmless.
const REREAD: i64 = 64;

/// Beyond this many changed entries a full read is cheaper than one query per entry.
const CATCH_UP_MAX: usize = 5_000;

impl FactTable {
    /// Reads every public entry, a page at a time along the (kind, slug) key.
    fn load(conn: &mut DbConnection, head: i64) -> Result<FactTable, StorageError> {
        let mut by_id = HashMap::new();
        for kind in [EntryKind::UseCase, EntryKind::Algorithm] {
            let mut after: Option<String> = None;
            loop {
                let rows = entries::public_after(conn, kind, after.as_deref(), PAGE)?;
                let Some(last) = rows.last() else { break };
                after = Some(last.slug.clone());
                let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
                let adopters = adoptions::adopters_of(conn, &ids)?;
                let by_people = revisions::not_made_by(conn, &ids, IMPORT_TRANSITION)?;
                for row in &rows {
                    let edited = match (row.published_at, row.published_revision) {
                        (Some(at), Some(rev)) if by_people.contains(&(row.id.clone(), rev)) => {
                            Some(at.and_utc())
                        }
                        _ => None,
                    };
                    let adopted = adopters.get(&row.id).map_or(&[][..], Vec::as_slice);
                    if let Some(facts) = Facts::of(row, adopted, edited)? {
                        by_id.insert(row.id.clone(), facts);
                    }
                }
                if rows.len() < PAGE as usize {
                    break;
                }
            }
        }
        by_id.shrink_to_fit();
        Ok(FactTable { head, by_id })
    }

    /// Re-reads the entries the outbox names after the last read position, up to `head`; a
    /// full read instead when very many changed.
    fn catch_up(&mut self, conn: &mut DbConnection, head: i64) -> Result<(), StorageError> {
        let mut changed: HashSet<String> = HashSet::new();
        let mut from = self.head.saturating_sub(REREAD);
        loop {
            let rows = outbox::after(conn, from, PAGE)?;
            let Some(last) = rows.last() else { break };
            from = last.0;
            changed.extend(rows.into_iter().map(|(_, id, _)| id));
            if changed.len() > CATCH_UP_MAX {
                *self = FactTable::load(conn, head)?;
                return Ok(());
            }
        }
        for id in changed {
            self.by_id.remove(&id);
            let Some(row) = entries::find_by_id(conn, &id)? else {
                continue;
            };
            if !row.is_public() {
                continue;
            }
            let adopters: Vec<String> = adoptions::for_entry(conn, &id)?
                .into_iter()
                .map(|a| a.organisation.to_string())
                .collect();
            let edited = edited_at(conn, &row)?;
            if let Some(facts) = Facts::of(&row, &adopters, edited)? {
                self.by_id.insert(id, facts);
            }
        }
        self.head = head;
        Ok(())
    }
}

/// When the entry's public version was last changed by a person, or `None` when it is as the
/// import left it.
fn edited_at(
    conn: &mut DbConnection,
    row: &entries::EntryRow,
) -> Result<Option<DateTime<Utc>>, StorageError> {
    let (Some(at), Some(revision)) = (row.published_at, row.published_revision) else {
        return Ok(None);
    };
    let imported = revisions::find(conn, &row.id, revision)?
        .is_some_and(|r| r.transition == IMPORT_TRANSITION);
    Ok((!imported).then(|| at.and_utc()))
}

impl Catalogue {
    /// The snapshot of the reference data and the figures of `facts`.
    fn summarise(conn: &mut DbConnection, facts: &FactTable) -> Result<Catalogue, StorageError> {
        let categories: Vec<Category> = parse_all(model::list_categories(conn)?)?;
        let domains: Vec<Domain> = parse_all(model::list_domains(conn)?)?;
        let organisations: Vec<Organisation> = parse_all(model::list_organisations(conn, None)?)?;
        let mut catalogue = Catalogue::from_reference(categories, domains, organisations);
        catalogue.count(facts);
        Ok(catalogue)
    }

    /// A snapshot of reference data alone, with no entries.
    pub fn from_reference(
        mut categories: Vec<Category>,
        domains: Vec<Domain>,
        organisations: Vec<Organisation>,
    ) -> Catalogue {
        categories.sort_by_key(|c| c.number);
        let mut by_kind: HashMap<OrgKind, Vec<&Organisation>> = HashMap::new();
        for org in &organisations {
            by_kind.entry(org.kind).or_default().push(org);
        }
        let by_kind = by_kind
            .into_iter()
            .map(|(kind, mut orgs)| {
                orgs.sort_by(|a, b| danish_order(&a.name, &b.name));
                (kind, orgs.iter().map(|o| o.code.to_string()).collect())
            })
            .collect();
        let municipalities_total = organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Municipality && o.country == CountryCode::DENMARK)
            .count();
        Catalogue {
            by_kind,
            categories,
            domains,
            organisations: organisations
                .into_iter()
                .map(|o| (o.code.to_string(), o))
                .collect(),
            figures: DanishFigures {
                municipalities_total,
                ..DanishFigures::default()
            },
            ..Catalogue::default()
        }
    }

    /// Fills the figures from the entries' facts.
    fn count(&mut self, facts: &FactTable) {
        let mut taking_part: HashSet<&str> = HashSet::new();
        let mut primary: HashMap<&str, Vec<&Facts>> = HashMap::new();
        let mut secondary: HashMap<&str, Vec<&Facts>> = HashMap::new();
        let mut figures = DanishFigures {
            municipalities_total: self.figures.municipalities_total,
            ..DanishFigures::default()
        };
        for f in facts.by_id.values() {
            let published = f.published_at.map(|t| t.and_utc());
            self.last_published = self.last_published.max(published);
            if let Some(at) = f.edited {
                self.edited.insert((f.kind, f.slug.to_string()), at);
            }
            let danish = f.home
                && self
                    .organisation(&f.owner)
                    .is_none_or(|o| o.country == CountryCode::DENMARK);
            if danish && f.in_operation {
                figures.in_operation += 1;
            }
            match f.kind {
                EntryKind::UseCase => {
                    self.totals.0 += 1;
                    self.counts.entry(f.owner.to_string()).or_default().owns += 1;
                    for p in &f.partners {
                        self.counts.entry(p.to_string()).or_default().partner_in += 1;
                    }
                    for a in &f.adopters {
                        self.counts.entry(a.to_string()).or_default().reuses += 1;
                    }
                    if let Some(c) = &f.primary_category {
                        primary.entry(c).or_default().push(f);
                    }
                    for c in &f.secondary {
                        secondary.entry(c).or_default().push(f);
                    }
                    if danish {
                        figures.use_cases += 1;
                        taking_part.insert(&f.owner);
                        taking_part.extend(f.partners.iter().map(|p| &**p));
                        taking_part.extend(f.adopters.iter().map(|a| &**a));
                    }
                }
                EntryKind::Algorithm => {
                    self.totals.1 += 1;
                    self.algorithm_names.push((
                        f.slug.to_string(),
                        f.name.as_deref().unwrap_or_default().to_owned(),
                    ));
                    self.involved.insert(f.owner.to_string());
                    self.involved.extend(f.vendor.as_deref().map(str::to_owned));
                    if danish {
                        figures.algorithms += 1;
                    }
                }
            }
        }
        self.involved.extend(
            self.counts
                .iter()
                .filter(|(_, c)| c.any())
                .map(|(code, _)| code.clone()),
        );
        figures.municipalities = self
            .organisations
            .values()
            .filter(|o| o.kind == OrgKind::Municipality && o.country == CountryCode::DENMARK)
            .filter(|o| taking_part.contains(o.code.as_str()))
            .count();
        self.figures = figures;
        for (category, list) in primary {
            let lists = self.by_category.entry(category.to_owned()).or_default();
            lists.primary_total = list.len();
            lists.primary = slugs(newest(list, LIST_LIMIT, Facts::newest_order));
        }
        for (category, list) in secondary {
            let lists = self.by_category.entry(category.to_owned()).or_default();
            lists.secondary_total = list.len();
            lists.secondary = slugs(newest(list, LIST_LIMIT, Facts::newest_order));
        }
        self.algorithm_names.sort();
        self.recent = newest(facts.by_id.values().collect(), RECENT, Facts::recent_order)
            .into_iter()
            .map(|f| (f.kind, f.slug.to_string()))
            .collect();
    }

    /// When a person last changed the entry's public version; `None` while it is as imported.
    pub fn edited_at(&self, kind: EntryKind, slug: &str) -> Option<DateTime<Utc>> {
        self.edited.get(&(kind, slug.to_owned())).copied()
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug.as_str() == slug)
    }

    pub fn domain(&self, slug: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.slug.as_str() == slug)
    }

    pub fn organisation(&self, code: &str) -> Option<&Organisation> {
        self.organisations.get(code)
    }

    /// Organisations of one kind, by name.
    pub fn organisations_of(&self, kind: OrgKind) -> Vec<&Organisation> {
        self.by_kind
            .get(&kind)
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(|c| self.organisations.get(c))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many public use cases have `category` as their primary category.
    pub fn primary_count(&self, category: &str) -> usize {
        self.by_category
            .get(category)
            .map_or(0, |lists| lists.primary_total)
    }

    /// The category's newest use cases, primary and secondary, with how many there are.
    pub fn category_lists(&self, category: &str) -> CategoryLists {
        self.by_category.get(category).cloned().unwrap_or_default()
    }

    pub fn counts(&self, code: &str) -> Counts {
        self.counts.get(code).copied().unwrap_or_default()
    }

    /// Whether the organisation owns, partners in or reuses a public use case, or owns or
    /// sells a public algorithm.
    pub fn is_involved(&self, code: &str) -> bool {
        self.involved.contains(code)
    }

    /// How many use cases and algorithms the public sees.
    pub fn totals(&self) -> (usize, usize) {
        self.totals
    }

    /// The public algorithms' slugs and names, by slug.
    pub fn algorithm_names(&self) -> &[(String, String)] {
        &self.algorithm_names
    }

    /// When an entry was last published (the DCAT description's modification time).
    pub fn last_published(&self) -> Option<DateTime<Utc>> {
        self.last_published
    }

    /// The front page's recently changed entries (kind and slug), first first.
    pub fn recent(&self) -> &[(EntryKind, String)] {
        &self.recent
    }

    /// The front page's figures, which describe Danish public AI: entries from other
    /// registers and foreign bodies do not change them.
    pub fn danish_figures(&self) -> DanishFigures {
        self.figures
    }
}

/// The catalogue in four numbers, Danish entries only: this catalogue's own entries owned by a
/// Danish organisation (or one the reference data lacks).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DanishFigures {
    pub use_cases: usize,
    pub algorithms: usize,
    /// Danish municipalities that own, partner in or reuse at least one Danish use case.
    pub municipalities: usize,
    pub municipalities_total: usize,
    /// Danish use cases and algorithms in operation.
    pub in_operation: usize,
}

/// The first `n` of `list` in `order`, without sorting all of it.
fn newest(
    mut list: Vec<&Facts>,
    n: usize,
    order: fn(&Facts, &Facts) -> std::cmp::Ordering,
) -> Vec<&Facts> {
    if list.len() > n {
        list.select_nth_unstable_by(n, |a, b| order(a, b));
        list.truncate(n);
    }
    list.sort_by(|a, b| order(a, b));
    list
}

fn slugs(list: Vec<&Facts>) -> Vec<String> {
    list.into_iter().map(|f| f.slug.to_string()).collect()
}

/// Orders names the way a Danish reader expects: æ, ø, å after z, case ignored.
pub fn danish_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(s: &str) -> impl Iterator<Item = u32> + '_ {
        s.chars().flat_map(char::to_lowercase).map(|c| match c {
            'æ' => 'z' as u32 + 1,
            'ø' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
    }
    key(a).cmp(key(b))
}

/// What the snapshot was read from: when this changes, the snapshot is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    outbox_head: i64,
    reference: u64,
}

fn stamp(conn: &mut DbConnection) -> diesel::QueryResult<Stamp> {
    let outbox_head = outbox::head(conn)?;
    let mut hasher = DefaultHasher::new();
    model::list_categories(conn)?.hash(&mut hasher);
    model::list_domains(conn)?.hash(&mut hasher);
    model::list_organisations(conn, None)?.hash(&mut hasher);
    Ok(Stamp {
        outbox_head,
        reference: hasher.finish(),
    })
}

/// The current snapshot, shared by every request of the server, and the facts it is counted
/// from.
#[derive(Debug, Default)]
pub struct CatalogueCache {
    current: RwLock<Option<(Stamp, Arc<Catalogue>)>>,
    /// Held by the one request that brings the snapshot up to date; `None` until first read.
    facts: Mutex<Option<FactTable>>,
}

impl CatalogueCache {
    fn fresh(&self, now: Stamp) -> Option<Arc<Catalogue>> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .filter(|(seen, _)| *seen == now)
            .map(|(_, catalogue)| catalogue.clone())
    }

    /// The snapshot, brought up to date first if the database changed since it was read.
    /// Blocking.
    pub fn get(&self, db: &Database) -> Result<Arc<Catalogue>, StorageError> {
        let now = db.read(stamp)?;
        if let Some(catalogue) = self.fresh(now) {
            return Ok(catalogue);
        }
        let mut facts = self.facts.lock().unwrap_or_else(|p| p.into_inner());
        // Another request may have brought it up to date while this one waited.
        if let Some(catalogue) = self.fresh(now) {
            return Ok(catalogue);
        }
        // The stamp is read before the facts: a change landing in between makes the next
        // request catch up again rather than keep a stale snapshot.
        let catalogue = Arc::new(db.read_with(|conn| -> Result<Catalogue, StorageError> {
            // Taken out while it changes: a failed read leaves none, and the next request
            // reads it whole again.
            let table = match facts.take() {
                Some(mut table) => {
                    table.catch_up(conn, now.outbox_head)?;
                    table
                }
                None => FactTable::load(conn, now.outbox_head)?,
            };
            let catalogue = Catalogue::summarise(conn, &table)?;
            *facts = Some(table);
            Ok(catalogue)
        })?);
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some((now, catalogue.clone()));
        Ok(catalogue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_sort_last() {
        let mut names = vec!["Århus", "Odense", "Ærø", "Øster", "aalborg"];
        names.sort_by(|a, b| danish_order(a, b));
        assert_eq!(names, ["aalborg", "Odense", "Ærø", "Øster", "Århus"]);
    }
}
